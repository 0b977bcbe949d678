import type { LogLevel } from './config';

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Keys whose values must never reach a log line, whatever a caller passes. */
const secretKey = /pass(word)?|token|secret|cookie|authorization|session_?id|hash/i;

export type LogFields = Record<string, unknown>;

function clean(fields: LogFields): LogFields {
	const out: LogFields = {};
	for (const [k, v] of Object.entries(fields)) {
		if (secretKey.test(k)) out[k] = '[redacted]';
		else if (v instanceof Error) out[k] = { name: v.name, message: v.message };
		else out[k] = v;
	}
	return out;
}

let threshold = rank[(process.env.LOG_LEVEL?.toLowerCase() as LogLevel) ?? 'info'] ?? rank.info;
let sink: (line: string) => void = (line) => process.stdout.write(line + '\n');

function write(level: Exclude<LogLevel, 'silent'>, event: string, fields: LogFields = {}) {
	if (rank[level] < threshold) return;
	sink(JSON.stringify({ time: new Date().toISOString(), level, event, ...clean(fields) }));
}

/** One JSON line per event; `event` is a dotted name such as `db.migrated`. */
export const log = {
	debug: (event: string, fields?: LogFields) => write('debug', event, fields),
	info: (event: string, fields?: LogFields) => write('info', event, fields),
	warn: (event: string, fields?: LogFields) => write('warn', event, fields),
	error: (event: string, fields?: LogFields) => write('error', event, fields),
	setLevel(level: LogLevel) {
		threshold = rank[level];
	},
	/** Redirects output; tests use it to read what was logged. Returns the previous sink. */
	setSink(next: (line: string) => void) {
		const prev = sink;
		sink = next;
		return prev;
	}
};

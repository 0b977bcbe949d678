import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { observeRequest, scrape } from '../../server/metrics';
import { bearerMatches } from '../../server/metrics/token';
import { requestMetrics } from '../../src/lib/server/request-metrics';
import { GET } from '../../src/routes/metrics/+server';
import { engines } from '../support/database';
import { useRouteRuntime } from '../support/route-runtime';

const FAMILIES = [
	'concord_http_requests_total',
	'concord_http_request_duration_seconds',
	'concord_collab_sockets',
	'concord_collab_documents',
	'concord_collab_write_queue_bytes',
	'concord_collab_storage_available',
	'concord_collab_commit_seconds',
	'concord_collab_commit_batch_updates',
	'concord_relay_latency_seconds',
	'concord_notification_outbox_pending',
	'nodejs_eventloop_lag_seconds',
	'nodejs_eventloop_lag_p99_seconds'
];

/** The value of one sample line of the exposition, 0 when absent. */
function sample(text: string, line: string): number {
	const found = text.split('\n').find((l) => l.startsWith(line + ' '));
	return found ? Number(found.slice(line.length + 1)) : 0;
}

/**
 * Reads an exposition as Prometheus does and lints it as `promtool check
 * metrics` does; the problems found, one line each. Every sample line must
 * parse (values as Go's ParseFloat reads them: `Nan`, which prom-client writes
 * for an empty event-loop histogram, is NaN) and belong to a family announced by HELP and TYPE; a counter's name
 * ends in `_total` and nothing else's does; a histogram has its buckets up to
 * `+Inf`, its sum and its count.
 */
function expositionProblems(text: string): string[] {
	const problems: string[] = [];
	const help = new Set<string>();
	const types = new Map<string, string>();
	const buckets = new Map<string, Set<string>>();
	const seen = new Set<string>();
	const labels = String.raw`\{(?:[a-zA-Z_]\w*="(?:[^"\\\n]|\\[\\"n])*"(?:,[a-zA-Z_]\w*="(?:[^"\\\n]|\\[\\"n])*")*,?)?\}`;
	const sampleLine = new RegExp(String.raw`^([a-zA-Z_:][\w:]*)(${labels})? (-?(?:\d+(?:\.\d*)?(?:e[+-]?\d+)?|\.\d+|[+-]?Inf|NaN))( -?\d+)?$`, 'i');
	const familyOf = (name: string) => {
		if (types.has(name)) return name;
		const base = name.replace(/_(bucket|sum|count)$/, '');
		return types.get(base) === 'histogram' || types.get(base) === 'summary' ? base : name;
	};
	for (const line of text.split('\n')) {
		if (!line) continue;
		const meta = /^# (HELP|TYPE) ([a-zA-Z_:][\w:]*) (.*)$/.exec(line);
		if (meta) {
			const [, kind, name, rest] = meta;
			if (kind === 'HELP') help.add(name!);
			else if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest!)) problems.push(`${name}: unknown type ${rest}`);
			else {
				types.set(name!, rest!);
				if (rest === 'counter' && !name!.endsWith('_total')) problems.push(`${name}: a counter's name should end in _total`);
				if (rest !== 'counter' && name!.endsWith('_total')) problems.push(`${name}: only a counter's name may end in _total`);
			}
			continue;
		}
		if (line.startsWith('#')) continue;
		const parsed = sampleLine.exec(line);
		if (!parsed) {
			problems.push(`unreadable sample line: ${line}`);
			continue;
		}
		const family = familyOf(parsed[1]!);
		seen.add(family);
		if (!types.has(family) || !help.has(family)) problems.push(`${parsed[1]}: a sample before its family's HELP and TYPE`);
		const le = /[{,]le="([^"]*)"/.exec(parsed[2] ?? '');
		if (parsed[1]!.endsWith('_bucket') && le) buckets.set(family, (buckets.get(family) ?? new Set()).add(le[1]!));
	}
	for (const [name, type] of types) {
		if (type !== 'histogram' || !seen.has(name)) continue;
		if (!buckets.get(name)?.has('+Inf')) problems.push(`${name}: a histogram without its +Inf bucket`);
		if (!new RegExp(`^${name}_sum[{ ]`, 'm').test(text) || !new RegExp(`^${name}_count[{ ]`, 'm').test(text))
			problems.push(`${name}: a histogram without its sum or count`);
	}
	return problems;
}

const scrapeWith = (authorization?: string) =>
	GET({ request: new Request('http://concord.test/metrics', { headers: authorization ? { authorization } : {} }) } as never).then(
		(r) => r,
		(e: { status: number }) => e
	);

/** A request through the app's outermost handle, answered by a stand-in for the route. */
async function throughHandle(path: string, routeId: string | null, status: number) {
	const url = new URL(path, 'http://concord.test');
	const event = {
		url,
		request: new Request(url),
		route: { id: routeId },
		locals: {},
		cookies: { get: () => undefined, set: () => {}, delete: () => {} },
		getClientAddress: () => '127.0.0.1',
		setHeaders: () => {}
	};
	return requestMetrics({ event: event as never, resolve: async () => new Response('ok', { status }) });
}

describe('the exposition lint', () => {
	it('finds what promtool check metrics would', () => {
		const good = [
			'# HELP a_total Things.',
			'# TYPE a_total counter',
			'a_total{route="/meetings/[id]",reason="say \\"no\\"\\n"} 3',
			'# HELP b_seconds Time.',
			'# TYPE b_seconds histogram',
			'b_seconds_bucket{le="0.5"} 1',
			'b_seconds_bucket{le="+Inf"} 2',
			'b_seconds_sum 0.7',
			'b_seconds_count 2'
		].join('\n');
		expect(expositionProblems(good)).toEqual([]);
		expect(
			expositionProblems(
				[
					'# HELP c Things.',
					'# TYPE c counter',
					'# HELP d_total Now.',
					'# TYPE d_total gauge',
					'e 1',
					'# HELP f_seconds Time.',
					'# TYPE f_seconds histogram',
					'f_seconds_bucket{le="1"} 1',
					'f_seconds_sum 1',
					'g{route="open} 1'
				].join('\n')
			)
		).toEqual([
			"c: a counter's name should end in _total",
			"d_total: only a counter's name may end in _total",
			"e: a sample before its family's HELP and TYPE",
			'unreadable sample line: g{route="open} 1',
			'f_seconds: a histogram without its +Inf bucket',
			'f_seconds: a histogram without its sum or count'
		]);
	});
});

describe('the metrics token', () => {
	it('opens only for the exact bearer token', () => {
		expect(bearerMatches('Bearer s3cret-token', 's3cret-token')).toBe(true);
		expect(bearerMatches('bearer s3cret-token', 's3cret-token')).toBe(true);
		expect(bearerMatches('Bearer s3cret-toke', 's3cret-token')).toBe(false);
		expect(bearerMatches('Bearer s3cret-token-and-more', 's3cret-token')).toBe(false);
		expect(bearerMatches('Basic s3cret-token', 's3cret-token')).toBe(false);
		expect(bearerMatches('s3cret-token', 's3cret-token')).toBe(false);
		expect(bearerMatches(null, 's3cret-token')).toBe(false);
		expect(bearerMatches('Bearer ', '')).toBe(false);
	});
});

for (const engine of engines) {
	describe(`/metrics [${engine}]`, () => {
		const rt = useRouteRuntime(engine);
		afterEach(() => {
			rt().config.metricsToken = undefined;
		});

		it('does not exist while METRICS_TOKEN is unset', async () => {
			expect(await scrapeWith('Bearer anything')).toMatchObject({ status: 404 });
		});

		it('answers 401 without the token or with another, and the Prometheus text format with it', async () => {
			rt().config.metricsToken = 'scrape-me';
			expect(await scrapeWith()).toMatchObject({ status: 401 });
			expect(await scrapeWith('Bearer scrape-you')).toMatchObject({ status: 401 });
			const ok = (await scrapeWith('Bearer scrape-me')) as Response;
			expect(ok.status).toBe(200);
			expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
			const text = await ok.text();
			for (const family of FAMILIES) expect(text, family).toContain(`# TYPE ${family} `);
			expect(expositionProblems(text)).toEqual([]);
		});

		it('reports the live documents, the write queue and its commits, and the notification outbox', async () => {
			rt().config.metricsToken = 'scrape-me';
			const before = (await scrape()).body;
			await rt().collab.change(`meeting:${randomUUID()}`, (doc) => doc.getMap('meta').set('title', 'ประชุมทดสอบ'));
			const after = (await scrape()).body;
			expect(sample(after, 'concord_collab_commit_seconds_count')).toBeGreaterThan(sample(before, 'concord_collab_commit_seconds_count'));
			expect(sample(after, 'concord_collab_commit_batch_updates_sum')).toBeGreaterThan(sample(before, 'concord_collab_commit_batch_updates_sum'));
			expect(sample(after, 'concord_collab_documents')).toBeGreaterThanOrEqual(1);
			expect(sample(after, 'concord_collab_storage_available')).toBe(1);
			expect(after).toMatch(/^concord_notification_outbox_pending 0$/m);
		});

		it("counts a request under its route id (less a parameter's matcher) and status, never its path", async () => {
			const meeting = randomUUID();
			const line = 'concord_http_requests_total{route="/meetings/[id]",method="GET",status="200"}';
			const before = sample((await scrape()).body, line);
			await throughHandle(`/meetings/${meeting}`, '/meetings/[id=uuid]', 200);
			await throughHandle(`/meetings/${randomUUID()}`, '/meetings/[id=uuid]', 200);
			await throughHandle(`/no/such/${meeting}`, null, 404);
			const text = (await scrape()).body;
			expect(sample(text, line)).toBe(before + 2);
			expect(sample(text, 'concord_http_requests_total{route="(unmatched)",method="GET",status="404"}')).toBeGreaterThanOrEqual(1);
			expect(text).not.toContain(meeting);
			expect(sample(text, 'concord_http_request_duration_seconds_count{route="/meetings/[id]",method="GET",status="200"}')).toBe(before + 2);
		});
	});
}

describe('request labels', () => {
	it('keep odd methods to one value', async () => {
		observeRequest('/healthz', 'PROPFIND', 405, 0.001);
		expect((await scrape()).body).toContain('concord_http_requests_total{route="/healthz",method="OTHER",status="405"}');
	});
});

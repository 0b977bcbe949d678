import { resolve } from 'node:path';

/** Process configuration, read once from the environment. */
export interface Config {
	/** PostgreSQL connection string; absent means the embedded database. */
	databaseUrl: string | undefined;
	/** Connection string of the schema's owner, for migrations only; absent means `databaseUrl`. */
	migrationDatabaseUrl: string | undefined;
	/** Data directory of the embedded database. */
	dataDir: string;
	logLevel: LogLevel;
	/** Origins allowed to open collaboration sockets and post forms; empty means same host only. */
	allowedOrigins: string[];
	/** Sliding idle expiry of a session, in milliseconds. */
	sessionIdleMs: number;
	/** Absolute lifetime of a session, in milliseconds. */
	sessionAbsoluteMs: number;
	/** Bearer token that opens /metrics; absent means /metrics does not exist. */
	metricsToken: string | undefined;
	/** Redis that links several instances on one PostgreSQL database; absent means this instance runs alone. */
	redisUrl: string | undefined;
	/** Prepended to every Redis channel, so deployments sharing one Redis stay apart. */
	redisPrefix: string;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const levels: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

function parseLevel(value: string | undefined): LogLevel {
	const v = (value ?? 'info').toLowerCase();
	return (levels as string[]).includes(v) ? (v as LogLevel) : 'info';
}

function parseMinutes(value: string | undefined, fallbackMinutes: number): number {
	const n = Number(value);
	return (Number.isFinite(n) && n > 0 ? n : fallbackMinutes) * 60_000;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	return {
		databaseUrl: env.DATABASE_URL || undefined,
		migrationDatabaseUrl: env.MIGRATION_DATABASE_URL || undefined,
		dataDir: resolve(env.CONCORD_DATA_DIR || './data'),
		logLevel: parseLevel(env.LOG_LEVEL),
		allowedOrigins: (env.ORIGIN ?? '')
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean),
		sessionIdleMs: parseMinutes(env.SESSION_IDLE_MINUTES, 8 * 60),
		sessionAbsoluteMs: parseMinutes(env.SESSION_ABSOLUTE_MINUTES, 7 * 24 * 60),
		metricsToken: env.METRICS_TOKEN || undefined,
		redisUrl: env.REDIS_URL || undefined,
		redisPrefix: env.REDIS_PREFIX || 'concord:'
	};
}

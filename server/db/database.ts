import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { DB } from './schema';

export type Engine = 'pglite' | 'postgres';

/** One open database: the Kysely handle and how to close it. */
export interface Database {
	db: Kysely<DB>;
	engine: Engine;
	close(): Promise<void>;
}

const INT8 = 20;
const DATE = 1082;

/**
 * Both engines return the same JavaScript types: counts as numbers and SQL
 * `date` as the plain `YYYY-MM-DD` string (never a Date shifted by a time zone).
 */
const parsers = {
	[INT8]: (v: string) => Number(v),
	[DATE]: (v: string) => v
};

export interface OpenOptions {
	/** PostgreSQL connection string; when absent the embedded engine is used. */
	url?: string;
	/** Data directory for the embedded engine, or `memory://` for a throw-away one. */
	dataDir?: string;
	/** Largest number of pooled connections to PostgreSQL. */
	poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
	if (options.url) {
		const pool = new pg.Pool({
			connectionString: options.url,
			max: options.poolSize ?? 10,
			types: {
				getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
					oid in parsers
						? parsers[oid as keyof typeof parsers]
						: pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser
			}
		});
		// An idle client that loses its server must not crash the process.
		pool.on('error', () => {});
		const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
		return { db, engine: 'postgres', close: () => db.destroy() };
	}
	const dataDir = options.dataDir ?? 'memory://';
	if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
	const pglite = await PGlite.create(dataDir, { parsers });
	const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
	return { db, engine: 'pglite', close: () => db.destroy() };
}

/** True when the database answers a trivial query. */
export async function isReachable(db: Kysely<DB>): Promise<boolean> {
	try {
		await sql`select 1`.execute(db);
		return true;
	} catch {
		return false;
	}
}

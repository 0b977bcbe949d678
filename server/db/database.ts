import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGliteThread, PGliteThreadDialect } from './pglite-thread';
import type { DB } from './schema';
import { parsers } from './types.js';

export type Engine = 'pglite' | 'postgres';

/** One open database: the Kysely handle and how to close it. */
export interface Database {
	db: Kysely<DB>;
	engine: Engine;
	close(): Promise<void>;
	/** The embedded engine's data directory as one tar, for `startFrom`; absent on PostgreSQL. */
	archive?(): Promise<Uint8Array>;
}

export interface OpenOptions {
	/** PostgreSQL connection string; when absent the embedded engine is used. */
	url?: string;
	/** Data directory for the embedded engine, or `memory://` for a throw-away one. */
	dataDir?: string;
	/** Largest number of pooled connections to PostgreSQL. */
	poolSize?: number;
	/** A file `archive()` wrote: the embedded engine starts on a copy of that data directory. */
	startFrom?: string;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
	if (options.url) {
		const pool = new pg.Pool({
			connectionString: options.url,
			max: options.poolSize ?? 10,
			types: {
				getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
					oid in parsers ? parsers[oid] : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser
			}
		});
		// An idle client that loses its server must not crash the process.
		pool.on('error', () => {});
		const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
		return { db, engine: 'postgres', close: () => db.destroy() };
	}
	const dataDir = options.dataDir ?? 'memory://';
	if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
	const thread = await PGliteThread.start(dataDir, options.startFrom);
	const db = new Kysely<DB>({ dialect: new PGliteThreadDialect(thread) });
	// Kysely skips its driver's teardown if no query ever ran: close the engine in any case.
	return { db, engine: 'pglite', close: () => db.destroy().then(() => thread.close()), archive: () => thread.archive() };
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

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openDatabase, type Database, type Engine } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';

/**
 * A migrated database for one test file. The embedded engine runs in memory,
 * on a copy of the run's migrated template; PostgreSQL gets a fresh database
 * of its own, dropped afterwards, so test files can run in parallel against
 * one server.
 */
export async function createTestDatabase(engine: Engine, options: { migrate?: boolean } = {}): Promise<Database> {
	let database: Database;
	let dropDatabase: (() => Promise<void>) | undefined;
	const migrate = options.migrate !== false;
	if (engine === 'pglite') {
		// Migrated once for the run (tests/support/global-setup.ts): each file starts from a copy.
		const template = migrate ? inject('pgliteTemplate') : undefined;
		database = await openDatabase({ dataDir: 'memory://', startFrom: template });
		if (template) return database;
	} else {
		const base = process.env.TEST_DATABASE_URL;
		if (!base) throw new Error('TEST_DATABASE_URL is not set');
		const name = `concord_t_${randomBytes(6).toString('hex')}`;
		const admin = new pg.Client({ connectionString: base });
		await admin.connect();
		await admin.query(`create database ${name}`);
		await admin.end();
		const url = new URL(base);
		url.pathname = `/${name}`;
		database = await openDatabase({ url: url.toString(), poolSize: 4 });
		dropDatabase = async () => {
			const c = new pg.Client({ connectionString: base });
			await c.connect();
			await c.query(`drop database if exists ${name} with (force)`);
			await c.end();
		};
	}
	if (migrate) await migrateToLatest(database.db);
	const close = database.close;
	return {
		...database,
		async close() {
			await close();
			await dropDatabase?.();
		}
	};
}

/** The engines this run covers: always the embedded one, PostgreSQL when TEST_DATABASE_URL is set. */
export const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/**
 * Declares the same suite once per engine. `use()` returns the database of the
 * current engine, opened once for the suite (a cold start takes seconds).
 */
export function describeEachEngine(title: string, body: (use: () => Database) => void): void {
	for (const engine of engines) {
		describe(`${title} [${engine}]`, () => {
			let database: Database | undefined;
			beforeAll(async () => {
				database = await createTestDatabase(engine);
			});
			afterAll(async () => {
				await database?.close();
			});
			body(() => {
				if (!database) throw new Error('test database not ready');
				return database;
			});
		});
	}
}

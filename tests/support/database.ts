import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openDatabase, type Database, type Engine } from '../../server/db/database';
import { databaseUrl, onServer } from './postgres';

/**
 * A migrated database for one test file. The embedded engine runs in memory,
 * on a copy of the run's migrated template; PostgreSQL gets a database of its
 * own, copied from the run's migrated template and dropped afterwards, so test
 * files can run in parallel against one server. Files that test migrations
 * (`migrate: false`) start from an empty database.
 */
export async function createTestDatabase(engine: Engine, options: { migrate?: boolean } = {}): Promise<Database> {
	const migrate = options.migrate !== false;
	if (engine === 'pglite') {
		// Migrated once for the run (tests/support/global-setup.ts): each file starts from a copy.
		return openDatabase({ dataDir: 'memory://', startFrom: migrate ? inject('pgliteTemplate') : undefined });
	}
	const base = process.env.TEST_DATABASE_URL;
	if (!base) throw new Error('TEST_DATABASE_URL is not set');
	const name = `concord_t_${randomBytes(6).toString('hex')}`;
	const template = migrate ? inject('postgresTemplate') : '';
	await onServer(base, `create database ${name}${template ? ` template ${template}` : ''}`);
	const database = await openDatabase({ url: databaseUrl(base, name), poolSize: 4 });
	const close = database.close;
	return {
		...database,
		async close() {
			await close();
			await onServer(base, `drop database if exists ${name} with (force)`);
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

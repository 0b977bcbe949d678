import { readConfig } from '../server/config';
import { openDatabase, type Database } from '../server/db/database';
import { migrateToLatest } from '../server/db/migrate';

/** Opens the configured database for a one-off script and brings its schema up to date. */
export async function openMigrated(): Promise<Database> {
	const config = readConfig();
	const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
	try {
		await migrateToLatest(database.db);
	} catch (err) {
		await database.close();
		throw err;
	}
	return database;
}

export function fail(err: unknown): never {
	console.error(err instanceof Error ? err.message : String(err));
	process.exit(1);
}

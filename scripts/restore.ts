import { createReadStream, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { requestLiveBackup, restoreBackup } from '../server/backup';
import { readConfig } from '../server/config';
import { openDatabase } from '../server/db/database';
import { fail } from './db';

// `npm run restore -- <file> [--force]`: loads a backup into the configured
// database, which must be empty unless --force is given. Run it with Concord
// stopped; the schema's owner (MIGRATION_DATABASE_URL) restores when set.
try {
	const { positionals, values } = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
	if (positionals.length !== 1) throw new Error('Usage: npm run restore -- <file> [--force]');
	const file = resolve(positionals[0]!);
	if (!existsSync(file)) throw new Error(`There is no backup file at ${file}.`);
	const config = readConfig();
	const url = config.migrationDatabaseUrl ?? config.databaseUrl;
	if (!url && (await requestLiveBackup(config.dataDir))) {
		throw new Error(`Concord is running on ${config.dataDir}; stop it before restoring into its data directory.`);
	}
	const database = await openDatabase(url ? { url, poolSize: 1 } : { dataDir: config.dataDir });
	try {
		const restored = await restoreBackup(database.db, createReadStream(file), { force: values.force });
		const migrated = restored.migrated.length ? `, then applied ${restored.migrated.length} newer migrations` : '';
		console.log(`Restored ${restored.rows} rows of ${restored.tables} tables into the ${database.engine} database${migrated}.`);
	} finally {
		await database.close();
	}
} catch (err) {
	fail(err);
}

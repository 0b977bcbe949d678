import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkBackup, requestLiveBackup, writeBackup } from '../server/backup';
import { readConfig } from '../server/config';
import { openDatabase } from '../server/db/database';
import { fail } from './db';

// `npm run backup -- <file>`: a logical backup of the configured database
// (PostgreSQL or the embedded engine), written beside the target, readable by
// its owner only (it holds case records), and renamed into place once it has
// been read back whole.
try {
	const { positionals } = parseArgs({ allowPositionals: true });
	if (positionals.length !== 1) throw new Error('Usage: npm run backup -- <file>');
	const file = resolve(positionals[0]!);
	const partial = `${file}.partial`;
	const config = readConfig();
	try {
		if (config.databaseUrl) {
			const database = await openDatabase({ url: config.databaseUrl, poolSize: 1 });
			try {
				await writeBackup(database.db, createWriteStream(partial, { mode: 0o600 }), database.engine);
			} finally {
				await database.close();
			}
		} else {
			if (!existsSync(join(config.dataDir, 'PG_VERSION')))
				throw new Error(`There is no embedded database in ${config.dataDir} (set CONCORD_DATA_DIR or DATABASE_URL).`);
			// A running server holds the data directory: it writes the backup itself.
			if (!(await requestLiveBackup(config.dataDir, createWriteStream(partial, { mode: 0o600 })))) {
				const database = await openDatabase({ dataDir: config.dataDir });
				try {
					await writeBackup(database.db, createWriteStream(partial, { mode: 0o600 }), database.engine);
				} finally {
					await database.close();
				}
			}
		}
		const written = await checkBackup(createReadStream(partial));
		await rename(partial, file);
		console.log(`Backed up ${written.rows} rows of ${written.tables} tables (schema ${written.migrations.at(-1)}) to ${file}.`);
	} catch (err) {
		await rm(partial, { force: true });
		throw err;
	}
} catch (err) {
	fail(err);
}

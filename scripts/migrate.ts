import { parseArgs } from 'node:util';
import { readConfig } from '../server/config';
import { openMigratedDatabase } from '../server/db/migrate';
import { fail } from './db';

// `npm run migrate -- --grant concord` prepares the app's role before the app
// first connects, e.g. from a deploy step that holds only the owner's URL.
try {
	const { values } = parseArgs({ options: { grant: { type: 'string', multiple: true } } });
	const config = readConfig();
	const database = await openMigratedDatabase({
		url: config.databaseUrl,
		migrationUrl: config.migrationDatabaseUrl,
		dataDir: config.dataDir,
		poolSize: 2,
		grantTo: values.grant ?? []
	});
	const granted = values.grant?.length ? `; rights granted to ${values.grant.join(', ')}` : '';
	console.log(`Database (${database.engine}) is up to date${granted}.`);
	await database.close();
} catch (err) {
	fail(err);
}

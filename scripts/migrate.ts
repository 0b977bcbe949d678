import { openMigrated, fail } from './db';

// Migrations run inside openMigrated; this script only reports.
try {
	const database = await openMigrated();
	console.log(`Database (${database.engine}) is up to date.`);
	await database.close();
} catch (err) {
	fail(err);
}

import { seedDemo } from '../server/demo/seed';
import { openMigrated, fail } from './db';

try {
	const database = await openMigrated();
	const result = await seedDemo(database.db);
	await database.close();
	const port = process.env.PORT ?? '3000';
	console.log(
		result.inserted > 0 ? `Seeded the Phayao demo network (${result.inserted} rows).` : 'The Phayao demo network is already seeded; nothing changed.'
	);
	console.log(`\nConcord: http://localhost:${port}\n`);
	console.log(`Demo sign-ins (every password: ${result.password})`);
	for (const l of result.logins) {
		console.log(`  ${l.username.padEnd(12)} ${l.name}${l.roles.length ? ` — ${l.roles.slice(0, 2).join('; ')}` : ''}`);
	}
	console.log('');
} catch (err) {
	fail(err);
}

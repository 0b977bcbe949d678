import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { restoreBackup, writeBackup } from '../server/backup';
import { openDatabase, type Database } from '../server/db/database';
import { migrateToLatest } from '../server/db/migrate';
import type { DB } from '../server/db/schema';
import { seedDemo } from '../server/demo/seed';
import { log } from '../server/log';

/**
 * `npm run bench:backup`: the demo network plus a year of typing (BENCH_UPDATES
 * logged document updates of about 300 bytes, default 200,000) and one audit
 * row per ten of them, backed up and restored into a fresh database. On the
 * embedded engine by default, on PostgreSQL with BENCH_DATABASE_URL. Prints
 * the backup's time (on the embedded engine, how long it holds the engine),
 * size, and the restore's time.
 */

const UPDATES = Number(process.env.BENCH_UPDATES ?? 200_000);

async function open(): Promise<{ database: Database; drop: () => Promise<void> }> {
	const server = process.env.BENCH_DATABASE_URL;
	if (!server) return { database: await openDatabase({ dataDir: 'memory://' }), drop: async () => {} };
	const name = `concord_bench_${randomBytes(4).toString('hex')}`;
	const admin = async (statement: string) => {
		const c = new pg.Client({ connectionString: server });
		await c.connect();
		await c.query(statement);
		await c.end();
	};
	await admin(`create database ${name}`);
	const url = new URL(server);
	url.pathname = `/${name}`;
	return { database: await openDatabase({ url: url.toString(), poolSize: 2 }), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

async function rowCount(db: Kysely<DB>): Promise<number> {
	const { rows } = await sql<{ n: string }>`
		select sum((xpath('/row/c/text()', query_to_xml(format('select count(*) as c from %I', relname), false, true, '')))[1]::text::bigint)::text as n
		from pg_class where relnamespace = current_schema()::regnamespace and relkind = 'r' and relname not like 'kysely_%'`.execute(db);
	return Number(rows[0]!.n);
}

async function main() {
	log.setLevel('warn');
	const dir = await mkdtemp(join(tmpdir(), 'concord-bench-backup-'));
	const source = await open();
	const target = await open();
	try {
		const db = source.database.db;
		await migrateToLatest(db);
		await seedDemo(db, new Date('2026-11-28T00:00:00Z'));
		await sql`insert into doc_update (doc_name, data)
			select 'meeting:bench-' || (g % 500), decode(repeat(md5(g::text), 19), 'hex') from generate_series(1, ${UPDATES}) g`.execute(db);
		await sql`insert into audit_event (actor_id, action, target_type, target_id, outcome)
			select null, 'bench.event', 'meeting', md5(g::text), 'success' from generate_series(1, ${Math.ceil(UPDATES / 10)}) g`.execute(db);
		const rows = await rowCount(db);
		const file = join(dir, 'bench.backup');

		let started = performance.now();
		await writeBackup(db, createWriteStream(file), source.database.engine);
		const backupMs = performance.now() - started;
		const bytes = (await stat(file)).size;

		started = performance.now();
		const restored = await restoreBackup(target.database.db, createReadStream(file));
		const restoreMs = performance.now() - started;
		if (restored.rows !== rows || (await rowCount(target.database.db)) !== rows) throw new Error('restored row count differs');

		const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
		console.log(`engine ${source.database.engine}, ${rows} rows (${UPDATES} document updates)`);
		console.log(`backup   ${(backupMs / 1000).toFixed(2)} s, ${Math.round(rows / (backupMs / 1000))} rows/s, file ${mb(bytes)} MiB`);
		console.log(`restore  ${(restoreMs / 1000).toFixed(2)} s, ${Math.round(rows / (restoreMs / 1000))} rows/s, every row back`);
	} finally {
		await source.database.close();
		await target.database.close();
		await source.drop();
		await target.drop();
		await rm(dir, { recursive: true, force: true });
	}
}

await main();

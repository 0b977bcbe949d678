import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Actor } from '../server/access';
import { openDatabase, type Database } from '../server/db/database';
import { migrateToLatest } from '../server/db/migrate';
import { COLUMNS } from '../server/network-import/columns';
import { writeCsv } from '../server/network-import/csv';
import { confirmImport, previewImport } from '../server/network-import/service';
import { log } from '../server/log';

/**
 * `npm run bench:import`: a province's volunteers, 5,000 people each with a
 * seat, imported from one CSV into a fresh embedded database (or PostgreSQL
 * with BENCH_DATABASE_URL), through the same service calls the page makes.
 * Prints the preview and the import times against the 5-second target, then
 * the preview of the same file again (everything left alone).
 */

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 5000);
const TARGET_MS = 5000;

async function open(): Promise<{ database: Database; drop: () => Promise<void> }> {
	const server = process.env.BENCH_DATABASE_URL;
	if (!server) return { database: await openDatabase({ dataDir: 'memory://' }), drop: async () => {} };
	const name = `concord_bench_${randomBytes(4).toString('hex')}`;
	const admin = async (sql: string) => {
		const c = new pg.Client({ connectionString: server });
		await c.connect();
		await c.query(sql);
		await c.end();
	};
	await admin(`create database ${name}`);
	const url = new URL(server);
	url.pathname = `/${name}`;
	return { database: await openDatabase({ url: url.toString(), poolSize: 4 }), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

async function main() {
	log.setLevel('warn');
	const { database, drop } = await open();
	const { db } = database;
	try {
		await migrateToLatest(db);
		const user = await db
			.insertInto('app_user')
			.values({ username: 'bench-admin', display_name: 'Bench', email: null, phone: null, is_admin: true, password_hash: null })
			.returning('id')
			.executeTakeFirstOrThrow();
		const actor: Actor = { userId: user.id, isAdmin: true };
		const area = await db
			.insertInto('area')
			.values({ level: 'province', code: 'BENCH', name_th: 'จังหวัดทดสอบ', name_en: 'Bench Province' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('organisation')
			.values({
				name_th: 'อาสาสมัครเฝ้าระวัง',
				name_en: 'Watchdog volunteers',
				short_name: 'อสม.',
				sector: 'community',
				level: 'province',
				area_id: area.id,
				contact_phone: null,
				contact_email: null,
				contact_address: null
			})
			.execute();
		await db
			.insertInto('body')
			.values({
				name_th: 'เครือข่ายอาสาสมัครเฝ้าระวัง',
				name_en: 'Watchdog network',
				kind: 'volunteer_network',
				level: 'province',
				area_id: area.id,
				parent_id: null,
				secretariat_organisation_id: null
			})
			.execute();

		const cols = COLUMNS.people;
		const rows = Array.from({ length: PEOPLE }, (_, i) => {
			const r: Record<string, string> = {
				username: `vol${i}`,
				email: `vol${i}@example.org`,
				display_name: `อาสาสมัคร หมายเลข ${i}`,
				phone: `08${String(10_000_000 + i).slice(-8)}`,
				organisation: 'อสม.',
				body: 'เครือข่ายอาสาสมัครเฝ้าระวัง',
				role: 'อาสาสมัคร',
				starts_on: '1/10/2569'
			};
			return cols.map((c) => r[c.key] ?? '');
		});
		const bytes = new TextEncoder().encode(writeCsv([cols.map((c) => c.th), ...rows]));
		console.log(`file: ${PEOPLE} people, ${(bytes.byteLength / 1024).toFixed(0)} KiB CSV, engine ${process.env.BENCH_DATABASE_URL ? 'postgres' : 'pglite'}`);

		let t = performance.now();
		const preview = await previewImport(db, actor, { bytes, name: 'bench.csv' });
		const previewMs = performance.now() - t;
		if (!preview.ok) throw new Error(preview.error);
		console.log(
			`preview: ${previewMs.toFixed(0)} ms (${preview.plan.counts.people.create} to create) — target ≤ ${TARGET_MS} ms ${previewMs <= TARGET_MS ? 'ok' : 'MISSED'}`
		);

		t = performance.now();
		const done = await confirmImport(db, actor, { token: preview.token, endSeats: [], endsOn: null, note: null }, null);
		const importMs = performance.now() - t;
		if (!done.ok) throw new Error(done.error);
		console.log(
			`import: ${importMs.toFixed(0)} ms (${done.invitations.length} invited, one transaction) — target ≤ ${TARGET_MS} ms ${importMs <= TARGET_MS ? 'ok' : 'MISSED'}`
		);

		t = performance.now();
		const again = await previewImport(db, actor, { bytes, name: 'bench.csv' });
		if (!again.ok) throw new Error(again.error);
		console.log(`preview of the same file again: ${(performance.now() - t).toFixed(0)} ms (${again.plan.counts.people.unchanged} left alone)`);
	} finally {
		await database.close();
		await drop();
	}
}

await main();

import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Actor } from '../server/access';
import { openDatabase, type Database } from '../server/db/database';
import { migrateToLatest } from '../server/db/migrate';
import { representativeBoard } from '../server/followup/board';
import { searchDecisions } from '../server/followup/decisions';
import { followupOverview } from '../server/followup/overview';
import { representativeBoardPage } from '../server/followup/board-pages';
import { outstandingPage } from '../server/followup/outstanding-pages';
import { log } from '../server/log';
import { measurePages } from './bench-pages';
import { SCALE, seedStatements, withoutIndexes, type Scale } from './bench-boards-seed';

/**
 * `npm run bench:boards`: seeds ~1 million action items into a throw-away
 * PostgreSQL database, then times the representative's board, the chair's
 * outstanding view and decision-log searches through the same service calls
 * the pages make (access checks included), and prints p50/p95 of each.
 * BENCH_DATABASE_URL names the server (default: the local test server);
 * BENCH_ACTIONS and BENCH_ITERATIONS scale it down for a quick look;
 * BENCH_KEEP=1 keeps the database afterwards for EXPLAIN, and BENCH_REUSE=<name>
 * measures a database kept so, without seeding again. Then it serves the
 * built app (`npm run build` first) on that database and times the pages
 * themselves over HTTP (scripts/bench-pages.ts; BENCH_HTTP_ITERATIONS).
 */

const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const scale: Scale = { ...SCALE, actions: Number(process.env.BENCH_ACTIONS ?? SCALE.actions) };
const iterations = Number(process.env.BENCH_ITERATIONS ?? 300);
const TARGETS = { board: 20, outstanding: 50, search: 50 };

const reuse = process.env.BENCH_REUSE;
const name = reuse ?? `concord_bench_${randomBytes(4).toString('hex')}`;
const url = new URL(server);
url.pathname = `/${name}`;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
	const c = new pg.Client({ connectionString: server });
	await c.connect();
	try {
		return await fn(c);
	} finally {
		await c.end();
	}
}

const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

async function seed(): Promise<void> {
	const c = new pg.Client({ connectionString: url.toString() });
	await c.connect();
	try {
		// Generated rows are consistent by construction; skip per-row foreign-key triggers.
		await c.query(`set session_replication_role = replica`);
		await c.query(`set work_mem = '256MB'`);
		await withoutIndexes(
			c,
			['action_item', 'action_update', 'action_item_organisation', 'decision', 'decision_organisation', 'meeting', 'membership'],
			async () => {
				for (const [label, statement] of seedStatements(scale)) {
					const t0 = performance.now();
					await c.query(statement);
					console.log(`  ${label.padEnd(26)} ${seconds(t0)}`);
				}
			}
		);
		const t0 = performance.now();
		await c.query(`set session_replication_role = origin`);
		await c.query('vacuum analyze');
		console.log(`  ${'vacuum, analyze'.padEnd(26)} ${seconds(t0)}`);
		const counts = await c.query<{ t: string; n: string }>(`
			select 'action_item' t, count(*) n from action_item union all select 'action_update', count(*) from action_update
			union all select 'decision', count(*) from decision union all select 'meeting', count(*) from meeting
			union all select 'open items', count(*) from action_item where status in ('open', 'in_progress', 'awaiting_report')`);
		console.log(`  rows: ${counts.rows.map((r) => `${r.t} ${Number(r.n).toLocaleString('en')}`).join(', ')}`);
	} finally {
		await c.end();
	}
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const line = (label: string, samples: number[]) => {
	const sorted = [...samples].sort((a, b) => a - b);
	const [p50, p95] = [percentile(sorted, 50), percentile(sorted, 95)];
	return { p95, text: `  ${label.padEnd(34)} p50 ${p50.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms` };
};

/** Times `run`, which names the variant it ran; prints the whole and, when there are several, each variant. */
async function time(label: string, target: number, run: (i: number) => Promise<string>): Promise<boolean> {
	for (let i = 0; i < 20; i++) await run(i);
	const samples: number[] = [];
	const byVariant = new Map<string, number[]>();
	for (let i = 0; i < iterations; i++) {
		const t0 = performance.now();
		const variant = await run(i);
		const ms = performance.now() - t0;
		samples.push(ms);
		byVariant.set(variant, [...(byVariant.get(variant) ?? []), ms]);
	}
	const all = line(label, samples);
	const ok = all.p95 <= target;
	console.log(`${all.text}   (target p95 ≤ ${target} ms: ${ok ? 'met' : 'MISSED'})`);
	if (byVariant.size > 1) for (const [v, xs] of byVariant) console.log(`  ${line(`  · ${v}`, xs).text}`);
	return ok;
}

/** A small deterministic generator, so runs are comparable. */
function random(seed: number) {
	let s = seed >>> 0;
	return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

async function measure(database: Database): Promise<boolean> {
	const db = database.db;
	const rnd = random(7);
	const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
	const reps = await db.selectFrom('app_user').select('id').execute();
	const seats = await db.selectFrom('membership').select(['user_id', 'body_id', 'role', 'organisation_id']).execute();
	const officers = seats.filter((s) => s.role === 'chair' || s.role === 'secretary' || s.role === 'vice_chair');
	const actor = (userId: string): Actor => ({ userId, isAdmin: false });
	const today = new Date();
	const year = (yearsBack: number) => {
		const to = new Date(today.getTime() - yearsBack * 365 * 24 * 3600_000);
		return { from: new Date(to.getTime() - 365 * 24 * 3600_000).toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
	};
	const terms = ['คาราโอเกะ', 'แรงงานเด็ก', 'ส่งต่อผู้เสียหาย', 'บ้านห้วยนาแม่', 'ดอนป่าโป่ง', 'สายด่วน', 'ล่ามภาษา', 'ไม่มีคำนี้ในบันทึก', 'ครั้งที่ 4242'];

	// Other work on the machine shows up in the tail; say how busy it was.
	console.log(`\nTimings (${iterations} iterations each, after 20 warm-up calls; load average ${loadavg()[0]!.toFixed(2)} on ${cpus().length} CPUs):`);
	const results = [
		await time('representative board', TARGETS.board, async () => {
			const rep = pick(reps).id;
			const mine = seats.filter((s) => s.user_id === rep);
			await representativeBoard(db, actor(rep), rnd() < 0.25 && mine.length ? { bodyId: pick(mine).body_id } : {});
			return 'board';
		}),
		await time('chair’s outstanding view', TARGETS.outstanding, async () => {
			const seat = pick(officers);
			await followupOverview(db, actor(seat.user_id), seat.body_id, year(Math.floor(rnd() * 20)));
			return 'outstanding';
		}),
		await time('board, first screen (paged)', TARGETS.board, async () => {
			const rep = pick(reps).id;
			await representativeBoardPage(db, actor(rep));
			return 'board page';
		}),
		await time('outstanding, first screen (paged)', TARGETS.outstanding, async () => {
			const seat = pick(officers);
			await outstandingPage(db, actor(seat.user_id), seat.body_id, year(0));
			return 'outstanding page';
		}),
		await time('decision-log search', TARGETS.search, async (i) => {
			const seat = pick(officers);
			const variant = (['text', 'text + organisation', 'text + year', 'organisation'] as const)[i % 4]!;
			// Organisations are picked as the page offers them: those seated on the user's bodies.
			const org = pick(seats.filter((s) => s.body_id === seat.body_id)).organisation_id;
			await searchDecisions(db, actor(seat.user_id), {
				q: variant === 'organisation' ? undefined : pick(terms),
				organisationId: variant.includes('organisation') ? org : undefined,
				...(variant === 'text + year' ? year(Math.floor(rnd() * 20)) : {})
			});
			return variant;
		})
	];
	console.log(`  load average afterwards: ${loadavg()[0]!.toFixed(2)}`);
	return results.every(Boolean);
}

async function main(): Promise<void> {
	log.setLevel('error');
	if (reuse && !/^concord_bench_[0-9a-f]{8}$/.test(reuse)) throw new Error(`BENCH_REUSE names a database this benchmark kept (concord_bench_…), not ${reuse}.`);
	if (reuse) console.log(`Measuring ${name} as kept.`);
	else {
		console.log(`Seeding ${scale.actions.toLocaleString('en')} action items across ${scale.bodies} bodies into ${name} …`);
		await admin((c) => c.query(`create database ${name}`));
	}
	let database: Database | undefined;
	try {
		database = await openDatabase({ url: url.toString(), poolSize: 4 });
		await migrateToLatest(database.db);
		if (!reuse) {
			const t0 = performance.now();
			await seed();
			console.log(`Seeded in ${seconds(t0)}.`);
		}
		// Pages are measured even when a service timing missed its target, so both tables always print.
		const services = await measure(database);
		const pages = await measurePages(database, url.toString(), Number(process.env.BENCH_HTTP_ITERATIONS ?? 100));
		const met = services && pages;
		console.log(met ? '\nAll targets met.' : '\nSome targets were missed.');
	} finally {
		await database?.close();
		if (process.env.BENCH_KEEP === '1' || reuse) {
			console.log(`Kept ${url.toString()}.`);
		} else {
			await admin((c) => c.query(`drop database if exists ${name} with (force)`));
			console.log(`Dropped ${name}.`);
		}
	}
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});

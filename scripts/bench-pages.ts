import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { createSession } from '../server/auth/session';
import type { Database } from '../server/db/database';

/**
 * The pages behind the boards, measured as people receive them: over HTTP from
 * the production entry (server/main.js on the built app), signed in as a
 * representative with many items and as the chair of a busy body. Prints the
 * first screen's bytes (uncompressed, and gzipped as sent to a browser) and
 * p50/p95 per page against the targets.
 */

export const PAGE_TARGETS = { p95Ms: 50, kb: 150 };
const PORT = Number(process.env.BENCH_HTTP_PORT ?? 4391);

async function waitForServer(base: string, child: ChildProcess): Promise<void> {
	for (let i = 0; i < 600; i++) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
		try {
			if ((await fetch(`${base}/healthz`)).ok) return;
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('server did not start');
}

/** The busiest people: the user whose organisations lead or support the most open items, and a chair of the body with the most. */
async function people(database: Database) {
	const db = database.db;
	const rep = await sql<{ user_id: string }>`
		select m.user_id from membership m join action_item a on a.body_id = m.body_id and a.lead_organisation_id = m.organisation_id
		where a.status in ('open', 'in_progress', 'awaiting_report') and m.ends_on is null
		group by m.user_id order by count(*) desc limit 1`.execute(db);
	const chair = await sql<{ user_id: string; body_id: string }>`
		select m.user_id, m.body_id from membership m
		where m.role = 'chair' and m.ends_on is null
		order by (select count(*) from action_item a where a.body_id = m.body_id and a.status in ('open', 'in_progress', 'awaiting_report')) desc limit 1`.execute(db);
	const client = { clientAddress: '127.0.0.1', userAgent: 'bench' };
	const session = async (userId: string) => (await createSession(db, userId, client)).token;
	const r = rep.rows[0]!,
		c = chair.rows[0]!;
	return { rep: await session(r.user_id), chair: await session(c.user_id), bodyId: c.body_id };
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function measurePages(database: Database, databaseUrl: string, iterations: number): Promise<boolean> {
	if (!existsSync('build/handler.js')) {
		console.log('\nPages through HTTP: skipped, run `npm run build` first.');
		return true;
	}
	const who = await people(database);
	const base = `http://127.0.0.1:${PORT}`;
	const child = spawn(process.execPath, ['server/main.js'], {
		env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'error', ORIGIN: base },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	try {
		await waitForServer(base, child);
		const pages: [string, string, string][] = [
			['representative’s board', '/actions', who.rep],
			['chair’s outstanding view', `/bodies/${who.bodyId}/followup`, who.chair],
			['decision log', '/decisions', who.chair],
			['decision search', '/decisions?q=%E0%B8%AA%E0%B9%88%E0%B8%87%E0%B8%95%E0%B9%88%E0%B8%AD', who.chair],
			['home page', '/', who.rep],
			['/my', '/my', who.rep]
		];
		console.log(`\nPages through HTTP (${iterations} requests each after 10 warm-up; targets p95 ≤ ${PAGE_TARGETS.p95Ms} ms, ≤ ${PAGE_TARGETS.kb} KB):`);
		let ok = true;
		for (const [label, path, token] of pages) {
			// node:http rather than fetch, which would undo the compression before the bytes could be counted.
			const get = (encoding: string) =>
				new Promise<{ status: number; body: Buffer; encoding: string | null }>((resolve, reject) => {
					const req = request(`${base}${path}`, { headers: { cookie: `concord_session=${token}`, 'accept-encoding': encoding } }, (res) => {
						const chunks: Buffer[] = [];
						res.on('data', (c: Buffer) => chunks.push(c));
						res.on('end', () =>
							resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), encoding: (res.headers['content-encoding'] as string | undefined) ?? null })
						);
						res.on('error', reject);
					});
					req.on('error', reject);
					req.end();
				});
			for (let i = 0; i < 10; i++) await get('identity');
			const samples: number[] = [];
			let bytes = 0,
				status = 0;
			for (let i = 0; i < iterations; i++) {
				const t0 = performance.now();
				const r = await get('identity');
				samples.push(performance.now() - t0);
				bytes = r.body.length;
				status = r.status;
			}
			const sent = await get('gzip, br');
			const sorted = samples.sort((a, b) => a - b);
			const [p50, p95] = [percentile(sorted, 50), percentile(sorted, 95)];
			const kb = bytes / 1024;
			const met = status === 200 && p95 <= PAGE_TARGETS.p95Ms && kb <= PAGE_TARGETS.kb;
			ok &&= met;
			const compressed = sent.encoding
				? `${(sent.body.length / 1024).toFixed(1)} KB ${sent.encoding}`
				: `${(gzipSync(sent.body).length / 1024).toFixed(1)} KB if gzipped (sent plain)`;
			console.log(
				`  ${label.padEnd(26)} ${String(status)} ${kb.toFixed(1).padStart(6)} KB (${compressed})   p50 ${p50.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms   ${met ? 'met' : 'MISSED'}`
			);
		}
		return ok;
	} finally {
		child.kill('SIGTERM');
		await new Promise((r) => child.once('exit', r));
	}
}

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

/** The production entry on a free port, on an embedded database of its own. */
async function startServer(dataDir: string, env: Record<string, string> = {}) {
	const child = spawn(process.execPath, ['server/main.js'], {
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', CONCORD_DATA_DIR: dataDir, LOG_LEVEL: 'info', METRICS_TOKEN: '', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const port = await new Promise<number>((resolve, reject) => {
		const timer = setInterval(() => {
			const m = output.match(/"event":"server.listening"[^\n]*"port":(\d+)/);
			if (m) {
				clearInterval(timer);
				resolve(Number(m[1]));
			}
		}, 50);
		child.on('exit', () => {
			clearInterval(timer);
			reject(new Error(`server exited: ${output}`));
		});
	});
	return { port, url: (path: string) => `http://127.0.0.1:${port}${path}`, output: () => output, stop: () => child.kill('SIGKILL') };
}

/** Runs one of the operator's scripts (`npm run backup`, `npm run restore`) against a data directory. */
function script(name: string, args: string[], dataDir: string) {
	const result = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', `scripts/${name}.ts`, ...args], {
		env: { ...process.env, CONCORD_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
		encoding: 'utf8'
	});
	return { status: result.status, out: `${result.stdout}${result.stderr}`.trim() };
}

test.describe('operations', () => {
	let dir: string;
	test.beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'concord-ops-'));
	});
	test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

	test('/metrics answers only with METRICS_TOKEN set and its bearer, and counts requests by route id', async () => {
		const off = await startServer(join(dir, 'off'));
		try {
			expect((await fetch(off.url('/metrics'), { headers: { authorization: 'Bearer x' } })).status).toBe(404);
		} finally {
			off.stop();
		}
		const server = await startServer(join(dir, 'on'), { METRICS_TOKEN: 'prometheus-scrape-token' });
		try {
			const auth = { authorization: 'Bearer prometheus-scrape-token' };
			expect((await fetch(server.url('/metrics'))).status).toBe(401);
			expect((await fetch(server.url('/metrics'), { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
			const meeting = '3f1c2b9e-7d4a-4c1e-9b2a-5e6f7a8b9c0d';
			for (const id of [meeting, '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d']) {
				await fetch(server.url(`/meetings/${id}`), { redirect: 'manual' });
			}
			await fetch(server.url(`/no/such/page/${meeting}`));
			const res = await fetch(server.url('/metrics'), { headers: auth });
			expect(res.status).toBe(200);
			const text = await res.text();
			for (const family of [
				'concord_http_requests_total',
				'concord_collab_sockets',
				'concord_collab_commit_seconds',
				'concord_relay_latency_seconds',
				'nodejs_eventloop_lag_seconds'
			]) {
				expect(text).toContain(`# TYPE ${family} `);
			}
			expect(text).toMatch(/^concord_http_requests_total\{route="\/meetings\/\[id\]",method="GET",status="\d+"\} 2$/m);
			expect(text).toMatch(/^concord_http_requests_total\{route="\(unmatched\)",method="GET",status="404"\} 1$/m);
			expect(text).not.toContain(meeting);
		} finally {
			server.stop();
		}
	});

	test('npm run backup reads a running embedded server through it; restore refuses its data directory and fills an empty one', async () => {
		const live = join(dir, 'live');
		const server = await startServer(live);
		try {
			const file = join(dir, 'nightly.backup');
			const backup = script('backup', [file], live);
			expect(backup.out).toMatch(/^Backed up \d+ rows of \d+ tables \(schema \d{8}T\d{4}_\w+\) to /);
			expect(backup.status).toBe(0);
			expect(existsSync(`${file}.partial`)).toBe(false);
			// The server wrote it: the script never opened the data directory the server holds.
			await expect.poll(() => server.output()).toContain('"event":"backup.written"');
			// The server kept running and its database is whole.
			expect((await fetch(server.url('/healthz')).then((r) => r.json())).database).toBe('up');

			const refused = script('restore', [file, '--force'], live);
			expect(refused.status).toBe(1);
			expect(refused.out).toBe(`Concord is running on ${live}; stop it before restoring into its data directory.`);

			const restored = script('restore', [file], join(dir, 'copy'));
			expect(restored.status).toBe(0);
			expect(restored.out).toMatch(/^Restored \d+ rows of \d+ tables into the pglite database\.$/);
			expect(script('restore', [join(dir, 'missing.backup')], join(dir, 'copy')).out).toBe(`There is no backup file at ${join(dir, 'missing.backup')}.`);
		} finally {
			server.stop();
		}
	});
});

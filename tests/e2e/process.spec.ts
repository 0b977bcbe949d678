import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { upgradeStatus } from '../support/upgrade';

/** Starts the production entry on a free port with its own data directory. */
async function startServer(env: Record<string, string> = {}, dataDir = mkdtempSync(join(tmpdir(), 'concord-proc-'))) {
	const child = spawn(process.execPath, ['server/main.js'], {
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', CONCORD_DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	const port = await new Promise<number | null>((resolve) => {
		const timer = setInterval(() => {
			const m = output.match(/"event":"server.listening"[^\n]*"port":(\d+)/);
			if (m) {
				clearInterval(timer);
				resolve(Number(m[1]));
			}
		}, 50);
		void exited.then(() => {
			clearInterval(timer);
			resolve(null);
		});
	});
	return {
		child,
		port,
		dataDir,
		exited,
		output: () => output,
		cleanup: () => {
			if (child.exitCode === null) child.kill('SIGKILL');
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

test.describe('the production process', () => {
	test('serves pages and the collaboration socket on one port from one runtime', async () => {
		const server = await startServer();
		try {
			expect(server.port).not.toBeNull();
			const health = await fetch(`http://127.0.0.1:${server.port}/healthz`).then((r) => r.json());
			expect(health.database).toBe('up');
			const ws = await upgradeStatus(server.port!, '/collab/meeting:00000000-0000-4000-8000-000000000000', { Origin: `http://127.0.0.1:${server.port}` });
			// The WebSocket side answers on the same port and reports the runtime it belongs to.
			expect(ws.headers['x-concord-instance']).toBe(health.instance);
		} finally {
			server.cleanup();
		}
	});

	test('stops cleanly on SIGTERM within ten seconds', async () => {
		const server = await startServer();
		try {
			expect(server.port).not.toBeNull();
			const started = Date.now();
			server.child.kill('SIGTERM');
			expect(await server.exited).toBe(0);
			expect(Date.now() - started).toBeLessThan(10_000);
			expect(server.output()).toContain('"event":"server.stopped"');
		} finally {
			server.cleanup();
		}
	});

	test('refuses to start with a clear message when the database cannot be reached', async () => {
		const server = await startServer({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
		try {
			expect(server.port).toBeNull();
			expect(await server.exited).toBe(1);
			expect(server.output()).toMatch(/"event":"server.start_failed"/);
		} finally {
			server.cleanup();
		}
	});

	test('refuses a second process on the same embedded data directory, in one sentence', async () => {
		const first = await startServer();
		const dataDir = first.dataDir;
		const second = await startServer({}, dataDir);
		try {
			expect(first.port).not.toBeNull();
			expect(second.port).toBeNull();
			expect(await second.exited).toBe(1);
			expect(second.output()).toContain(
				`"message":"Another Concord process (pid ${first.child.pid}) already uses the data directory ${dataDir}; the embedded database serves one process only."`
			);
			// The first one is unaffected.
			const health = await fetch(`http://127.0.0.1:${first.port}/healthz`).then((r) => r.json());
			expect(health.database).toBe('up');
		} finally {
			first.cleanup();
			second.cleanup();
		}
	});
});

import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The built app on a freshly seeded demo of its own (embedded database in a
 * temporary directory), for scripts that look at pages as people do
 * (bench:pages, screenshots). `stop()` ends it and removes its data.
 */
export async function startDemoApp(port: number): Promise<{ url: string; stop: () => Promise<void> }> {
	if (!existsSync('build/handler.js')) throw new Error('Run `npm run build` first.');
	const dataDir = mkdtempSync(join(tmpdir(), 'concord-demo-app-'));
	execSync('tsx scripts/seed-demo.ts', { env: { ...process.env, CONCORD_DATA_DIR: dataDir }, stdio: 'ignore' });
	const app = spawn(process.execPath, ['server/main.js'], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CONCORD_DATA_DIR: dataDir, LOG_LEVEL: 'error' },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const url = `http://127.0.0.1:${port}`;
	const stop = async () => {
		if (app.exitCode === null) {
			app.kill('SIGTERM');
			await new Promise((r) => app.once('exit', r));
		}
		rmSync(dataDir, { recursive: true, force: true });
	};
	for (let i = 0; i < 150; i++) {
		if (app.exitCode !== null) break;
		if (
			await fetch(`${url}/healthz`).then(
				(r) => r.ok,
				() => false
			)
		)
			return { url, stop };
		await new Promise((r) => setTimeout(r, 200));
	}
	await stop();
	throw new Error(`The demo app did not start on port ${port}.`);
}

/** The demo's stable ids, as server/demo names its rows. */
export { demoId } from '../server/demo/seed';

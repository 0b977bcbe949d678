import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoId, signInAs } from './support';

/**
 * Text typed offline, sent on return, is still there after the app server
 * restarts. This test runs a server of its own (a copy of the seeded demo
 * the e2e servers start from, on a free port) so that it can stop and start
 * it; the project's server is not used.
 */

const TYPED = 'บันทึกก่อนเซิร์ฟเวอร์เริ่มใหม่ ส่งเมื่อสัญญาณกลับมา';
const MEETING = `/meetings/${demoId('meeting', 'dkt-committee:1')}`;
const template = `test-results/e2e-demo-${process.env.E2E_PORT ?? 4173}`;
const dataDir = `test-results/e2e-restart-${process.env.E2E_PORT ?? 4173}`;

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
}

/** The built app on `dataDir`, as playwright.config.ts starts one; resolves once it answers. */
async function startApp(port: number): Promise<ChildProcess> {
	const app = spawn(process.execPath, ['server/main.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			CONCORD_DATA_DIR: dataDir,
			LOG_LEVEL: 'warn',
			ADDRESS_HEADER: 'x-forwarded-for',
			INTAKE_MIN_FILL_SECONDS: '0'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let i = 0; i < 300 && app.exitCode === null; i++) {
		const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
			(r) => r.ok,
			() => false
		);
		if (up) return app;
		await new Promise((r) => setTimeout(r, 200));
	}
	app.kill('SIGKILL');
	throw new Error(`the app did not start on port ${port}`);
}

async function stopApp(app: ChildProcess) {
	if (app.exitCode !== null) return;
	const exited = new Promise((r) => app.once('exit', r));
	app.kill('SIGTERM');
	await exited;
}

async function openMeeting(browser: Browser, base: string, username: string, address: string): Promise<Page> {
	const context = await browser.newContext({ baseURL: base, extraHTTPHeaders: { 'x-forwarded-for': address } });
	const page = await context.newPage();
	await signInAs(page, username);
	await page.goto(MEETING);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
	return page;
}

test.describe('working offline, then a restarted server', () => {
	let app: ChildProcess | null = null;
	test.afterAll(async () => {
		if (app) await stopApp(app);
		rmSync(dataDir, { recursive: true, force: true });
	});

	test('notes typed offline and sent on return are still on the server after it restarts', async ({ browser }) => {
		test.setTimeout(150_000);
		rmSync(dataDir, { recursive: true, force: true });
		cpSync(template, dataDir, { recursive: true });
		const port = await freePort();
		const base = `http://127.0.0.1:${port}`;
		app = await startApp(port);

		const member = await openMeeting(browser, base, 'somchai', '10.9.0.1');
		// The notes are open before the network goes (offline.spec.ts covers an editor that could not load yet).
		await member.getByTestId('agenda-item').first().locator('.select').click();
		await expect(member.getByTestId('notes-editor').locator('.notes-body')).toBeVisible();
		await member.context().setOffline(true);
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'offline');
		await member.getByTestId('notes-editor').locator('.notes-body').click();
		await member.keyboard.type(TYPED);
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'offline-kept');
		await member.context().setOffline(false);
		// "Saved": the server confirmed the changes durable.
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		await member.context().close();

		await stopApp(app);
		app = await startApp(port);

		// A fresh browser, nothing kept on it: the text comes from the restarted server alone.
		const fresh = await openMeeting(browser, base, 'darunee', '10.9.0.2');
		await fresh.getByTestId('agenda-item').first().locator('.select').click();
		await expect(fresh.getByTestId('notes-editor')).toContainText(TYPED);
	});
});

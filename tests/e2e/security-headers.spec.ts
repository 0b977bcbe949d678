import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page, type Response, type WebSocketRoute } from '@playwright/test';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { messageSync, syncUpdate } from '../../src/lib/collab/protocol';
import { addAgendaItem } from '../../src/lib/meeting-doc/schema';
import { fillDate, signInAs } from './support';

const BODY = 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้';

/** The policy's directives, each with its sources. */
function directives(header: string): Map<string, string[]> {
	return new Map(
		header
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((d) => d[0])
			.map(([name, ...sources]) => [name!, sources])
	);
}

/** The page's policy is complete, and every inline script of the page carries its nonce. */
async function expectPagePolicy(response: Response | null) {
	expect(response, 'a page answered').not.toBeNull();
	const header = response!.headers()['content-security-policy'];
	expect(header, `policy of ${response!.url()}`).toBeTruthy();
	const d = directives(header!);
	const host = new URL(response!.url()).host;
	expect(d.get('default-src')).toEqual(["'self'"]);
	expect(d.get('frame-ancestors')).toEqual(["'none'"]);
	expect(d.get('object-src')).toEqual(["'none'"]);
	expect(d.get('base-uri')).toEqual(["'self'"]);
	expect(d.get('form-action')).toEqual(["'self'"]);
	expect(d.get('connect-src')).toEqual(["'self'", `ws://${host}`]);
	const script = d.get('script-src')!;
	expect(script).not.toContain("'unsafe-inline'");
	expect(script).not.toContain("'unsafe-eval'");
	const nonces = script.filter((s) => s.startsWith("'nonce-")).map((s) => s.slice(7, -1));
	expect(nonces).toHaveLength(1);
	const html = await response!.text();
	const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]!);
	expect(inline.length).toBeGreaterThan(0);
	for (const attributes of inline) expect(attributes).toContain(`nonce="${nonces[0]}"`);
}

/** Records every policy violation a page reports, from before its first script. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { __violations: string[] }).__violations = seen;
		document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
	});
	return () => page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);
}

async function signedIn(browser: Browser, username: string, address: string) {
	const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': address } });
	const page = await context.newPage();
	const violations = await watchViolations(page);
	await signInAs(page, username);
	return { page, violations };
}

/** The id of a regular meeting of the working group with the given status, from the meetings page. */
async function meetingWithStatus(page: Page, status: string, pick: 'first' | 'last' = 'first'): Promise<string> {
	await page.goto('/meetings');
	const rows = page.getByTestId('meeting-row').filter({ hasText: BODY }).filter({ hasText: status }).filter({ hasNotText: 'ปรึกษารายกรณี' });
	await (pick === 'first' ? rows.first() : rows.last()).getByRole('link').click();
	await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
	return new URL(page.url()).pathname.split('/')[2]!;
}

let scheduled: Promise<string> | undefined;

/**
 * A planned meeting of the working group of this file's own: the demo's one
 * planned meeting has been started and ended by the suites that ran before.
 */
function plannedMeeting(browser: Browser): Promise<string> {
	scheduled ??= (async () => {
		const { page } = await signedIn(browser, 'nantana', '10.0.9.9');
		await page.goto(`/meetings/${await meetingWithStatus(page, 'ปิดประชุมแล้ว')}`);
		await page.getByRole('link', { name: /← / }).click();
		// A worker restarted after a failure schedules again: a title of its own keeps the link unique.
		const title = `ประชุมคณะทำงานสหวิชาชีพ ทดสอบความปลอดภัย ${randomUUID().slice(0, 8)}`;
		await page.getByLabel('ชื่อการประชุม').fill(title);
		await fillDate(page, 'วันที่', new Date(Date.now() + 50 * 24 * 3600_000).toISOString().slice(0, 10));
		await page.getByRole('button', { name: 'นัดประชุม' }).click();
		await expect(page.getByText('นัดประชุมแล้ว 1 ครั้ง')).toBeVisible();
		await page.getByRole('link', { name: title }).click();
		await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
		const url = new URL(page.url()).pathname;
		await page.context().close();
		return url;
	})();
	return scheduled;
}

/** A y-websocket update adding an agenda item: a change of a root map, which needs nothing else of the document. */
function agendaItemUpdate(title: string, links: { url: string; label: string }[]): Buffer {
	const doc = new Y.Doc();
	addAgendaItem(doc, { id: randomUUID(), title, order: 0.5, minutes: null, presenterOrgId: null, standing: null, links });
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, messageSync);
	encoding.writeVarUint(e, syncUpdate);
	encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc));
	return Buffer.from(encoding.toUint8Array(e));
}

test.describe('security headers and links', () => {
	test('every page signed out carries the policy and runs without a violation', async ({ page }) => {
		const violations = await watchViolations(page);
		for (const path of ['/', '/signin', '/report', '/network', '/no-such-page']) {
			await expectPagePolicy(await page.goto(path));
			await page.waitForLoadState('networkidle');
			expect(await violations(), path).toEqual([]);
		}
		// The public report form still works as a form: its fields answer.
		await page.goto('/report');
		await expect(page.locator('form textarea').first()).toBeEditable();
		// An inline script without the nonce, as injected markup would bring, does not run, and the refusal is seen.
		const ran = await page.evaluate(() => {
			const script = document.createElement('script');
			script.textContent = 'window.__injected = true';
			document.head.append(script);
			return (window as unknown as { __injected?: boolean }).__injected === true;
		});
		expect(ran).toBe(false);
		await expect.poll(violations).toContainEqual(expect.stringMatching(/^script-src(-elem)? inline$/));
	});

	test('responses that are not pages are inert', async ({ request }) => {
		const health = await request.get('/healthz');
		expect(health.headers()['content-security-policy']).toContain("default-src 'none'");
		expect(health.headers()['content-security-policy']).toContain('sandbox');
	});

	test('signed in, the pages, the live workspace and the minutes work under the policy', async ({ browser }) => {
		const { page, violations } = await signedIn(browser, 'nantana', '10.0.9.1');
		for (const path of ['/', '/my', '/meetings', '/actions', '/decisions', '/cases', '/referrals', '/account']) {
			await expectPagePolicy(await page.goto(path));
			expect(await violations(), path).toEqual([]);
		}

		// The live workspace connects over the collaboration socket and its notes editor takes text.
		await expectPagePolicy(await page.goto(await plannedMeeting(browser)));
		await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		await page.getByTestId('agenda-item').first().locator('.select').click();
		await page.getByTestId('notes-editor').locator('.notes-body').click();
		await page.keyboard.type('ทดสอบนโยบายความปลอดภัย');
		await expect(page.getByTestId('notes-editor')).toContainText('ทดสอบนโยบายความปลอดภัย');
		await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		expect(await violations(), 'workspace').toEqual([]);

		// Draft minutes of an ended meeting (not the one the minutes suite approves): the live editor, then the print view.
		const ended = await meetingWithStatus(page, 'ปิดประชุมแล้ว', 'last');
		await expectPagePolicy(await page.goto(`/meetings/${ended}/minutes`));
		const generate = page.getByTestId('generate-minutes');
		if (await generate.isVisible()) await generate.click();
		await expect(page.getByTestId('minutes-draft')).toContainText(BODY);
		await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		await expectPagePolicy(await page.goto(`/meetings/${ended}/minutes/print?version=draft`));
		await expect(page.getByRole('heading').first()).toBeVisible();
		expect(await violations(), 'minutes').toEqual([]);
	});

	test('a javascript: agenda link in the live document shows as text; a web link stays a link', async ({ browser }) => {
		const { page } = await signedIn(browser, 'piyanuch', '10.0.9.2');
		const sockets: WebSocketRoute[] = [];
		// The socket still reaches the real server; the test only speaks as the server too, once.
		await page.routeWebSocket(/\/collab\//, (ws) => {
			ws.connectToServer();
			sockets.push(ws);
		});
		await page.goto(await plannedMeeting(browser));
		await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		let alerted = false;
		page.on('dialog', async (dialog) => {
			alerted = true;
			await dialog.dismiss();
		});

		const title = 'เอกสารประกอบวาระ';
		sockets.at(-1)!.send(
			agendaItemUpdate(title, [
				{ url: 'javascript:alert(document.cookie)', label: 'สไลด์' },
				{ url: ' JaVaScRiPt:alert(1)', label: 'ตาราง' },
				{ url: 'data:text/html,<script>alert(1)</script>', label: 'ภาพ' },
				{ url: 'https://example.org/agenda.pdf', label: 'ระเบียบวาระ' }
			])
		);
		const item = page.getByTestId('agenda-item').filter({ hasText: title });
		await expect(item).toHaveCount(1);
		await item.locator('.select').click();

		await expect(page.getByRole('link', { name: 'ระเบียบวาระ' })).toHaveAttribute('href', 'https://example.org/agenda.pdf');
		const asText = page.getByTestId('unsafe-link');
		await expect(asText).toHaveCount(3);
		await expect(asText.first()).toContainText('สไลด์');
		for (const label of ['สไลด์', 'ตาราง', 'ภาพ']) await expect(page.getByRole('link', { name: label })).toHaveCount(0);
		await expect(page.locator('a[href^="javascript" i], a[href^=" javascript" i], a[href^="data:" i]')).toHaveCount(0);
		await asText.first().click();
		expect(alerted).toBe(false);
	});

	test('a form refuses a javascript: online link with a clear message', async ({ browser }) => {
		const { page } = await signedIn(browser, 'nantana', '10.0.9.3');
		await page.goto(await plannedMeeting(browser));
		await page.getByText('แก้ไขรายละเอียดการประชุม').click();
		const field = page.getByLabel('ลิงก์ประชุมผ่านสื่ออิเล็กทรอนิกส์ (ไม่บังคับ)');
		// The browser's own check of type=url would stop the post before the server sees it.
		await field.evaluate((input: HTMLInputElement) => (input.type = 'text'));
		await field.fill('javascript:alert(1)');
		await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
		await expect(page.getByRole('alert').filter({ hasText: 'บันทึกได้เฉพาะลิงก์ที่ขึ้นต้นด้วย https:// หรือ http:// เท่านั้น' })).toBeVisible();
	});
});

test('behind a proxy without ADDRESS_HEADER the server warns once and /healthz says so', async () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'concord-proxy-'));
	const child = spawn(process.execPath, ['server/main.js'], {
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', CONCORD_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ADDRESS_HEADER: '' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	try {
		await expect.poll(() => /"event":"server.listening"[^\n]*"port":(\d+)/.exec(output)?.[1], { timeout: 60_000 }).toBeTruthy();
		const base = `http://127.0.0.1:${/"event":"server.listening"[^\n]*"port":(\d+)/.exec(output)![1]}`;
		expect((await fetch(`${base}/healthz`).then((r) => r.json())).warnings).toEqual([]);
		for (const address of ['203.0.113.1', '203.0.113.2']) await fetch(`${base}/signin`, { headers: { 'x-forwarded-for': address } });
		const health = await fetch(`${base}/healthz`).then((r) => r.json());
		expect(health.warnings).toEqual([{ code: 'x_forwarded_for_without_address_header', since: expect.any(String) }]);
		expect(output.match(/http\.forwarded_without_address_header/g)).toHaveLength(1);
	} finally {
		child.kill('SIGKILL');
		rmSync(dataDir, { recursive: true, force: true });
	}
});

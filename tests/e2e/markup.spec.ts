import { expect, test, type APIRequestContext } from '@playwright/test';
import { markupProblems } from '../support/markup';
import { demoId, hydrated, person } from './support';

/**
 * Every kind of page each person of the README's tour can reach, as the
 * server sends it, checked against the HTML standard and the rules in
 * tests/support/markup.ts (what the Nu HTML Checker and screen readers
 * catch). Pages are found by following links from the home page; one page
 * of each shape (ids and query values aside) is checked per person.
 */

const TOUR = ['nantana', 'wichai', 'piyanuch', 'somchai', 'kanokwan', 'surasak', 'buasri', 'darunee', 'supawadee', 'emma', 'admin'];
/** Downloads are not pages (the printable minutes are, and are checked). */
const SKIP = /\/(signout|export|download)(\/|$|\?)|\.(pdf|docx|xlsx|ics|csv|md|json)(\?|$)|^\/(_app|api|collab|favicon)/;
const MAX_PAGES = 120;

/** `/meetings/<id>?page=2&q=x` → `/meetings/:id?page&q`. */
function shape(path: string): string {
	const [p, query] = path.split('?');
	const keys = query ? [...new URLSearchParams(query).keys()].sort().join('&') : '';
	return p!.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id') + (keys ? `?${keys}` : '');
}

async function crawl(request: APIRequestContext): Promise<{ checked: number; problems: string[] }> {
	const queue = ['/'];
	const seen = new Set(queue.map(shape));
	const problems: string[] = [];
	let checked = 0;
	while (queue.length && checked < MAX_PAGES) {
		const path = queue.shift()!;
		const response = await request.get(path, { headers: { accept: 'text/html' }, maxRedirects: 0 });
		if (response.status() !== 200 || !response.headers()['content-type']?.includes('text/html')) continue;
		const html = await response.text();
		checked++;
		for (const p of await markupProblems(html, path)) problems.push(`${shape(path)} ${p}`);
		for (const [, href] of html.matchAll(/href="(\/[^"#]*)"/g)) {
			const next = href!.replaceAll('&amp;', '&');
			if (SKIP.test(next) || seen.has(shape(next))) continue;
			seen.add(shape(next));
			queue.push(next);
		}
	}
	return { checked, problems };
}

test.describe('markup', () => {
	test('every kind of page each person in the tour reaches follows the HTML standard and the markup rules', async ({ browser, playwright, baseURL }) => {
		test.setTimeout(240_000);
		const anonymous = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '10.8.0.100' } });
		const results = [{ who: 'signed out', ...(await crawl(anonymous)) }];
		await anonymous.dispose();
		for (const [i, who] of TOUR.entries()) {
			const page = await person(browser, who, `10.8.0.${i + 1}`);
			results.push({ who, ...(await crawl(page.request)) });
			await page.context().close();
		}
		console.log(`markup: ${results.map((r) => `${r.who} ${r.checked}`).join(', ')} pages checked`);
		// The crawl reached the app, not only its sign-in page.
		for (const r of results) expect(r.checked, r.who).toBeGreaterThan(r.who === 'signed out' ? 2 : 10);
		expect(results.flatMap((r) => r.problems.map((p) => `${r.who}: ${p}`))).toEqual([]);
	});

	test('pages drawn in the browser follow them too: the live meeting, its open notes, a dialog, an opened form, a refused form', async ({ browser }) => {
		const secretary = await person(browser, 'darunee', '10.8.0.51');
		await secretary.goto(`/meetings/${demoId('meeting', 'dkt-committee:1')}`);
		await expect(secretary.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		await secretary.getByTestId('agenda-item').first().locator('.select').click();
		await expect(secretary.getByTestId('notes-editor').locator('.notes-body')).toBeVisible();
		expect(await markupProblems(await secretary.content(), 'meeting')).toEqual([]);
		// A question before a step hard to take back, asked and then declined (Escape).
		await secretary.locator('details.more > summary').click();
		await secretary.getByRole('button', { name: 'ยกเลิกการประชุม' }).click();
		const dialog = secretary.getByRole('dialog');
		await expect(dialog).toBeVisible();
		expect(await markupProblems(await secretary.content(), 'meeting, asking')).toEqual([]);
		await secretary.keyboard.press('Escape');
		await expect(dialog).toBeHidden();
		await expect(secretary.getByTestId('meeting-status')).not.toHaveText(/ยกเลิก/);
		await secretary.context().close();

		const admin = await person(browser, 'admin', '10.8.0.52');
		await admin.goto('/admin/users');
		await hydrated(admin);
		const edit = admin.getByRole('button', { name: 'แก้ไขชื่อและตำแหน่ง' }).first();
		await edit.click();
		await expect(edit).toHaveAttribute('aria-expanded', 'true');
		expect(await markupProblems(await admin.content(), 'users, one opened')).toEqual([]);
		await admin.context().close();

		// A refusal drawn beside the field it concerns, the field pointing at it.
		const sender = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '10.8.0.53' } });
		const tip = await sender.newPage();
		await tip.goto('/report');
		await hydrated(tip);
		await tip.getByLabel('รายละเอียด').fill('มีเด็กทำงานในร้านคาราโอเกะหลังเที่ยงคืน');
		await tip.getByRole('button', { name: 'ส่งเรื่อง' }).click();
		await expect(tip.getByLabel('อำเภอ')).toHaveAttribute('aria-invalid', 'true');
		expect(await markupProblems(await tip.content(), 'tip refused')).toEqual([]);
		await sender.close();
	});

	test('a download refused in the browser answers on Concord’s own error page: Thai first, styled, the reason in words', async ({ browser }) => {
		const member = await person(browser, 'somchai', '10.8.0.54');
		const refusals: string[] = [];
		member.on('console', (message) => refusals.push(message.text()));
		const meeting = demoId('meeting', 'dkt-wg:1');
		for (const [path, reason] of [
			[`/meetings/${meeting}/minutes/export/pdf?version=abc`, 'ไม่มีฉบับนี้'],
			[`/meetings/${crypto.randomUUID()}/minutes/export/docx`, 'ไม่พบหน้าที่ต้องการ'],
			['/actions/export?format=exe', 'ไม่พบหน้าที่ต้องการ']
		] as const) {
			const response = await member.goto(path);
			expect(response?.status(), path).toBe(404);
			await expect(member.locator('html')).toHaveAttribute('lang', 'th');
			await expect(member.getByRole('heading', { level: 1 })).toHaveText(reason);
			await expect(member.getByText('เปิดหน้านี้หรือไฟล์นี้ไม่ได้')).toBeVisible();
			await expect(member.getByRole('link', { name: 'กลับหน้าหลัก' })).toHaveAttribute('href', '/');
			// Its style applies (the policy lets that one style through), and nothing else is allowed.
			expect(await member.locator('main').evaluate((main) => getComputedStyle(main).borderTopLeftRadius)).toBe('12px');
			expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
			expect(await markupProblems(await member.content(), path)).toEqual([]);
		}
		expect(refusals.filter((text) => /Content Security Policy/i.test(text))).toEqual([]);
		await member.context().close();
	});
});

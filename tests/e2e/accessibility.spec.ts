import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './support';

/** Serious and critical violations on the page as it stands, each with the elements that fail. */
async function seriousViolations(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
	const found = [];
	for (const v of results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
		const targets = v.nodes.map((node) => node.target.join(' '));
		if (targets.length) found.push({ rule: v.id, impact: v.impact, help: v.help, targets });
	}
	return found;
}

async function check(page: Page, paths: string[]) {
	for (const path of paths) {
		await page.goto(path);
		expect(await seriousViolations(page), `${path}`).toEqual([]);
	}
}

/** A meeting of the district working group, from its list of meetings (an administrator has no meetings of their own). */
async function aMeeting(page: Page) {
	await page.goto('/network');
	await page.getByRole('link', { name: 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้', exact: true }).click();
	await page.locator('main a[href$="/meetings"]').first().click();
	return (await page.locator('main a[href^="/meetings/"]').first().getAttribute('href'))!;
}

const signedInPages = ['/', '/my', '/meetings', '/actions', '/decisions', '/cases', '/referrals', '/network', '/notifications', '/account'];

test.describe('accessibility (axe: no serious or critical violations)', () => {
	// Each analysis takes seconds on a shared machine; a dozen pages need more than the default half-minute.
	test.describe.configure({ timeout: 240_000 });

	test('signed out', async ({ page }) => {
		await check(page, ['/', '/signin', '/report', '/directory']);
	});

	test('signed in as a member', async ({ page }) => {
		await signInAs(page, 'nantana');
		await check(page, [...signedInPages, await aMeeting(page)]);
	});

	test('signed in as an administrator', async ({ page }) => {
		await signInAs(page, 'admin');
		await check(page, [...signedInPages, await aMeeting(page), '/admin/users']);
	});

	test('on a phone, where wide tables scroll sideways: the audit log and a body’s management page', async ({ page }) => {
		await page.setViewportSize({ width: 390, height: 800 });
		await signInAs(page, 'admin');
		await check(page, ['/admin/audit']);
		await page.goto('/network');
		const body = await page.getByRole('link', { name: 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้', exact: true }).getAttribute('href');
		await check(page, [`${body}/manage`, `${body}/followup`]);
		// The audit table is wider than the phone: its region takes focus and scrolls from the keyboard.
		await page.goto('/admin/audit');
		const region = page.getByRole('group', { name: 'บันทึกการใช้งาน' });
		expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
		await region.focus();
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
	});

	test('with the menus open, on a phone and in English', async ({ page }) => {
		await page.setViewportSize({ width: 390, height: 800 });
		await signInAs(page, 'emma');
		await page.getByRole('button', { name: 'Menu' }).click();
		expect(await seriousViolations(page)).toEqual([]);
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Follow-up' }).click();
		expect(await seriousViolations(page)).toEqual([]);
	});
});

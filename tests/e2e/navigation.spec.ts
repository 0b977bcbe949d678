import { expect, test, type Page } from '@playwright/test';
import { openNavigation, signInAs } from './support';

const PHONE = { width: 390, height: 800 };
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Every destination in the phone menu, by address. */
async function menuHrefs(page: Page) {
	const menu = await openNavigation(page);
	const hrefs = await menu.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
	await page.getByRole('button', { name: /^เมนู$|^Menu$/ }).click();
	return hrefs;
}

test.describe('navigation', () => {
	test('on a phone the menu button reaches every destination of the chair, each page fits the screen and is marked as the current place', async ({
		browser
	}) => {
		const context = await browser.newContext({ viewport: PHONE });
		const page = await context.newPage();
		await signInAs(page, 'wichai');
		const button = page.getByRole('button', { name: 'เมนู' });
		await expect(button).toHaveAttribute('aria-expanded', 'false');
		await expect(button).toHaveAttribute('aria-controls', 'site-menu');
		const hrefs = await menuHrefs(page);
		// The chair's own follow-up lives under the bodies he chairs, not on his organisation's board.
		for (const expected of [
			'/',
			'/meetings',
			'/decisions',
			'/actions',
			'/cases',
			'/referrals',
			'/network',
			'/directory',
			'/my',
			'/account',
			'/notifications'
		]) {
			expect(hrefs).toContain(expected);
		}
		expect(hrefs.filter((h) => /^\/bodies\/[0-9a-f-]{36}\/followup$/.test(h))).toHaveLength(2);
		expect(hrefs.filter((h) => /^\/bodies\/[0-9a-f-]{36}\/intake$/.test(h)).length).toBeGreaterThan(0);
		expect(hrefs.some((h) => h.startsWith('/admin'))).toBe(false);

		for (const href of hrefs.filter((h) => !h.includes('#'))) {
			const menu = await openNavigation(page);
			await expect(button).toHaveAttribute('aria-expanded', 'true');
			await menu.locator(`a[href="${href}"]`).click();
			await expect(page).toHaveURL((url) => url.pathname === href);
			await expect(button).toHaveAttribute('aria-expanded', 'false');
			expect(await overflow(page), `sideways scroll on ${href}`).toBeLessThanOrEqual(0);
			const again = await openNavigation(page);
			await expect(again.locator(`a[href="${href}"]`)).toHaveAttribute('aria-current', 'page');
			await expect(again.locator('a[aria-current="page"]')).toHaveCount(1);
			await page.keyboard.press('Escape');
			await expect(button).toHaveAttribute('aria-expanded', 'false');
			await expect(button).toBeFocused();
		}
		await context.close();
	});

	test('an administrator reaches the administration pages, the mail outbox included, from the phone menu', async ({ browser }) => {
		const context = await browser.newContext({ viewport: PHONE });
		const page = await context.newPage();
		await signInAs(page, 'admin');
		const hrefs = await menuHrefs(page);
		for (const expected of ['/admin/users', '/admin/network', '/admin/import', '/admin/mail', '/admin/audit']) expect(hrefs).toContain(expected);
		for (const href of ['/admin/users', '/admin/network', '/admin/import', '/admin/mail', '/admin/audit']) {
			await page.goto(href);
			expect(await overflow(page), `sideways scroll on ${href}`).toBeLessThanOrEqual(0);
		}
		await context.close();
	});

	test('no main page scrolls sideways at 390 px, signed out or in', async ({ browser }) => {
		const context = await browser.newContext({ viewport: PHONE });
		const page = await context.newPage();
		for (const path of ['/', '/signin', '/report', '/directory']) {
			await page.goto(path);
			expect(await overflow(page), `sideways scroll on ${path}`).toBeLessThanOrEqual(0);
		}
		await signInAs(page, 'nantana');
		await page.goto('/meetings');
		const meeting = await page.locator('main a[href^="/meetings/"]').first().getAttribute('href');
		for (const path of ['/', '/my', '/meetings', meeting!, '/actions', '/decisions', '/cases', '/referrals', '/network', '/notifications', '/account']) {
			await page.goto(path);
			expect(await overflow(page), `sideways scroll on ${path}`).toBeLessThanOrEqual(0);
		}
		await context.close();
	});

	test('signed out, the tip form is one tap away at every width', async ({ browser }) => {
		for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
			const context = await browser.newContext({ viewport });
			const page = await context.newPage();
			await page.goto('/directory');
			const tip = page.getByRole('banner').getByRole('link', { name: 'แจ้งเบาะแส' });
			await expect(tip).toBeVisible();
			await tip.click();
			await expect(page).toHaveURL(/\/report$/);
			await context.close();
		}
	});

	test('on a wide screen groups open with their button and Escape, and the current place is marked', async ({ page }) => {
		await page.setViewportSize({ width: 1280, height: 800 });
		await signInAs(page, 'wichai');
		const nav = page.getByRole('navigation', { name: 'เมนูหลัก' });
		const followup = nav.getByRole('button', { name: 'ติดตามงาน' });
		await followup.focus();
		await page.keyboard.press('Enter');
		await expect(followup).toHaveAttribute('aria-expanded', 'true');
		const panel = page.locator(`#${await followup.getAttribute('aria-controls')}`);
		await expect(panel.getByRole('link', { name: 'งานของหน่วยงานฉัน' })).toBeVisible();
		await page.keyboard.press('Escape');
		await expect(followup).toHaveAttribute('aria-expanded', 'false');
		await expect(followup).toBeFocused();
		await followup.click();
		await panel.getByRole('list', { name: 'งานที่ต้องติดตาม' }).getByRole('link', { name: 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('งานที่ต้องติดตาม');
		await followup.click();
		await expect(panel.getByRole('list', { name: 'งานที่ต้องติดตาม' }).getByRole('link', { name: 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้' })).toHaveAttribute(
			'aria-current',
			'page'
		);
	});

	test('an id that is not a UUID is a page that does not exist; one in capitals opens the same record', async ({ page }) => {
		await signInAs(page, 'wichai');
		await page.goto('/meetings');
		const href = await page
			.locator('main a[href^="/meetings/"]')
			.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? '').find((h) => /^\/meetings\/[0-9a-f-]{36}$/.test(h)));
		expect(href).toBeTruthy();
		const id = href!.slice('/meetings/'.length);
		for (const path of [
			'/meetings/not-a-uuid',
			`/meetings/${id.slice(1)}`,
			`/meetings/${id}0`,
			'/meetings/not-a-uuid/minutes',
			'/cases/not-a-uuid',
			'/bodies/..%2F'
		]) {
			const response = await page.goto(path);
			expect(response?.status(), path).toBe(404);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('ไม่พบหน้าที่ต้องการ');
		}
		expect((await page.goto(`/meetings/${id}`))?.status()).toBe(200);
		const title = await page.getByRole('heading', { level: 1 }).textContent();
		expect((await page.goto(`/meetings/${id.toUpperCase()}`))?.status()).toBe(200);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title ?? '');
	});

	test('switching language changes <html lang>, the skip link and the whole chrome at once, without a reload', async ({ page }) => {
		await page.setViewportSize({ width: 1280, height: 800 });
		await signInAs(page, 'nantana');
		await page.goto('/actions');
		await expect(page.locator('html')).toHaveAttribute('lang', 'th');
		// The page has its script once a group opens (before that the switch is a plain form and reloads, by design).
		const group = page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('button', { name: 'ติดตามงาน' });
		await group.click();
		await expect(group).toHaveAttribute('aria-expanded', 'true');
		await page.keyboard.press('Escape');
		// A mark on the window survives only if the page is not loaded again.
		await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
		await page.getByRole('contentinfo').getByRole('button', { name: 'English' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.locator('.skip-link')).toHaveText('Skip to content');
		await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Follow-up' })).toBeVisible();
		await expect(page.getByRole('contentinfo')).toContainText('Language:');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText("My organisation's actions");
		await expect(page).toHaveURL(/\/actions$/);
		expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
		// And back, from the person menu this time.
		await page.getByRole('banner').locator('button[aria-controls="menu-person"]').click();
		await page.locator('#menu-person').getByRole('button', { name: 'ไทย' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'th');
		await expect(page.locator('.skip-link')).toHaveText('ข้ามไปยังเนื้อหา');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('งานของหน่วยงานฉัน');
		expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
	});

	test('someone who reads English has English chrome as soon as they have signed in', async ({ page }) => {
		await signInAs(page, 'emma');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.locator('.skip-link')).toHaveText('Skip to content');
		await expect(page.getByRole('contentinfo')).toContainText('Language:');
	});
});

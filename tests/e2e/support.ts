import { createHash } from 'node:crypto';
import { expect, type Browser, type Locator, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'concord-demo-2569';

export async function signInAs(page: Page, username: string, password = DEMO_PASSWORD) {
	await page.goto('/signin');
	await page.getByLabel(/ชื่อผู้ใช้หรืออีเมล|Username or e-mail/).fill(username);
	await page.getByLabel(/^รหัสผ่าน$|^Password$/).fill(password);
	await page.getByRole('button', { name: /^เข้าสู่ระบบ$|^Sign in$/ }).click();
	await expect(page.locator('header[data-signed-in]')).toBeVisible();
}

/** Opens the navigation the way a person would at this width: the phone's menu button, or the named group. */
export async function openNavigation(page: Page, group?: string | RegExp) {
	const menu = page.getByRole('button', { name: /^เมนู$|^Menu$/ });
	if (await menu.isVisible()) {
		if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
		return page.locator('#site-menu');
	}
	if (group) await page.getByRole('navigation').getByRole('button', { name: group, exact: true }).click();
	return page.getByRole('banner');
}

/** Follows a navigation entry: `group` is the heading it sits under on a wide screen. */
export async function navigateTo(page: Page, group: string | RegExp, link: string | RegExp) {
	const nav = await openNavigation(page, group);
	await nav.getByRole('link', { name: link, exact: true }).click();
}

export async function signOut(page: Page) {
	const menu = page.getByRole('button', { name: /^เมนู$|^Menu$/ });
	if (await menu.isVisible()) await menu.click();
	else await page.getByRole('banner').locator('button[aria-controls="menu-person"]').click();
	await page.getByRole('button', { name: /^ออกจากระบบ$|^Sign out$/ }).click();
	await expect(page).toHaveURL(/\/signin$/);
}

/** Opens a page and waits until its scripts run, so a form is sent by the page (enhanced), not by the browser. */
export async function visitReady(page: Page, url: string) {
	await page.goto(url);
	await hydrated(page);
}

export async function hydrated(page: Page) {
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
}

/** A person signed in in a browser context of their own, from their own address (the sign-in throttle counts per address). */
export async function person(browser: Browser, username: string, address: string): Promise<Page> {
	const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': address } });
	const page = await context.newPage();
	await signInAs(page, username);
	return page;
}

/**
 * Opens a page once the service worker controls it, so the page is kept for
 * offline use. A first install can fail (it fetches the whole shell at once);
 * the browser then tries again on the next load, as it would for a member.
 */
export async function visitKept(page: Page, url: string) {
	await page.goto(url);
	const controlled = () =>
		page.evaluate(
			() =>
				new Promise<boolean>((resolve) => {
					if (navigator.serviceWorker.controller) return resolve(true);
					navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true), { once: true });
					setTimeout(() => resolve(Boolean(navigator.serviceWorker.controller)), 10_000);
				})
		);
	for (let attempt = 0; attempt < 3 && !(await controlled()); attempt++) await page.reload();
	await page.reload();
	expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), 'the service worker controls the page').toBe(true);
	await hydrated(page);
}

/** The demo's ids, as server/demo/seed.ts makes them. */
export function demoId(kind: string, key: string): string {
	const h = createHash('sha256').update(`concord-demo:${kind}:${key}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Fills a Buddhist-era date field (day, Thai month, BE year) from an ISO date,
 * and its time when given: the field is found by its visible name.
 */
export async function fillDate(scope: Page | Locator, label: string | RegExp, iso: string, time?: string) {
	const group = scope.getByRole('group', { name: label });
	const [year, month, day] = iso.split('-').map(Number);
	await group.locator('[data-part="day"]').selectOption(String(day));
	await group.locator('[data-part="month"]').selectOption(String(month));
	await group.locator('[data-part="year"]').fill(String(year! + 543));
	if (time) {
		await group.locator('[data-part="hour"]').selectOption(time.slice(0, 2));
		await group.locator('[data-part="minute"]').selectOption(time.slice(3, 5));
	}
}

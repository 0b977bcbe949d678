import { expect, type Browser, type Locator, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'concord-demo-2569';

export async function signInAs(page: Page, username: string, password = DEMO_PASSWORD) {
	await page.goto('/signin');
	await page.getByLabel(/ชื่อผู้ใช้หรืออีเมล|Username or e-mail/).fill(username);
	await page.getByLabel(/^รหัสผ่าน$|^Password$/).fill(password);
	await page.getByRole('button', { name: /^เข้าสู่ระบบ$|^Sign in$/ }).click();
	await expect(page.getByRole('button', { name: /ออกจากระบบ|Sign out/ })).toBeVisible();
}

export async function signOut(page: Page) {
	await page.getByRole('button', { name: /^ออกจากระบบ$|^Sign out$/ }).first().click();
	await expect(page).toHaveURL(/\/signin$/);
}

/** A person signed in in a browser context of their own, from their own address (the sign-in throttle counts per address). */
export async function person(browser: Browser, username: string, address: string): Promise<Page> {
	const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': address } });
	const page = await context.newPage();
	await signInAs(page, username);
	return page;
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

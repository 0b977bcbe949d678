import { expect, test, type Browser, type Page } from '@playwright/test';
import { signInAs } from './support';

async function signedIn(browser: Browser, username: string, address: string): Promise<Page> {
	const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': address } });
	const page = await context.newPage();
	await signInAs(page, username);
	return page;
}

const bell = (page: Page) => page.locator('header a.bell[href="/notifications"]');
const count = async (page: Page) => Number((await bell(page).getAttribute('data-count')) || 0);

test.describe('notifications', () => {
	test('the bell counts up live when an action is assigned in a meeting, and the page lists it and marks it read', async ({ browser }) => {
		const representative = await signedIn(browser, 'piyanuch', '10.0.5.1');
		await representative.goto('/my');
		// The bell has its count from the server once the stream is open.
		await expect(bell(representative)).toHaveAttribute('data-count', /^\d+$/);
		const before = await count(representative);

		const secretary = await signedIn(browser, 'nantana', '10.0.5.2');
		await secretary.goto('/meetings');
		await secretary.getByTestId('meeting-row').filter({ hasText: 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้' }).filter({ hasText: 'นัดไว้' }).first().getByRole('link').click();
		await expect(secretary.getByTestId('connection')).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });
		await secretary.getByLabel('ข้อความมติ').fill('ให้โรงพยาบาลประสานทีมสหวิชาชีพเรื่องการแจ้งเตือน');
		await secretary.getByLabel('หน่วยงานหลัก').last().selectOption({ label: 'โรงพยาบาลดอกคำใต้' });
		await secretary.getByRole('button', { name: 'บันทึกมติ' }).click();
		await secretary.getByTestId('action-title').fill('ทดสอบกระดิ่งแจ้งเตือนงานใหม่');
		await secretary.getByTestId('action-title').press('Enter');
		await expect(secretary.getByTestId('action-draft')).toContainText('พญ.ปิยะนุช จันทร์เพ็ญ');

		// No reload: the count rises on the page the representative already has open.
		await expect(async () => expect(await count(representative)).toBeGreaterThan(before)).toPass({ timeout: 10_000 });
		await expect(bell(representative)).toHaveAccessibleName(/ยังไม่อ่าน \d+ รายการ/);

		await bell(representative).click();
		await expect(representative).toHaveURL(/\/notifications$/);
		const item = representative.getByRole('listitem').filter({ hasText: 'ทดสอบกระดิ่งแจ้งเตือนงานใหม่' });
		await expect(item).toContainText('มีงานที่มอบหมายให้คุณ');
		const unread = await count(representative);
		await item.getByRole('button', { name: 'อ่านแล้ว' }).click();
		await expect(item.getByRole('button', { name: 'อ่านแล้ว' })).toHaveCount(0);
		await expect(async () => expect(await count(representative)).toBe(unread - 1)).toPass();
		await item.getByRole('link').click();
		await expect(representative).toHaveURL(/\/actions\/[0-9a-f-]{36}$/);
		await expect(representative.getByText('ทดสอบกระดิ่งแจ้งเตือนงานใหม่').first()).toBeVisible();
	});

	test('preferences: an invalid address is refused; kinds, digest and quiet hours are kept', async ({ browser }) => {
		const page = await signedIn(browser, 'wichai', '10.0.5.3');
		await page.goto('/account');
		const section = page.locator('#notifications');
		await section.getByLabel('อีเมลสำหรับรับการแจ้งเตือน').fill('not-an-address');
		// The browser's own check would stop the form first; this is about the server's.
		await section.locator('form').evaluate((f: HTMLFormElement) => (f.noValidate = true));
		await section.getByRole('button', { name: 'บันทึก' }).click();
		await expect(section.getByRole('alert')).toBeVisible();

		await section.getByLabel('อีเมลสำหรับรับการแจ้งเตือน').fill('wichai.chair@example.org');
		await section.getByRole('checkbox', { name: 'อีเมล: งานเลยกำหนด (แล้วแจ้งทุกสัปดาห์)' }).uncheck();
		await section.getByLabel('สรุปวันละฉบับ').check();
		await section.getByLabel('ส่งสรุปเวลา (ชั่วโมง เวลาประเทศไทย)').selectOption('8');
		await section.locator('select[name="quietFrom"]').selectOption('22');
		await section.locator('select[name="quietTo"]').selectOption('6');
		await section.getByRole('button', { name: 'บันทึก' }).click();
		await expect(section.getByRole('status')).toBeVisible();

		await page.reload();
		await expect(section.getByLabel('อีเมลสำหรับรับการแจ้งเตือน')).toHaveValue('wichai.chair@example.org');
		await expect(section.getByRole('checkbox', { name: 'อีเมล: งานเลยกำหนด (แล้วแจ้งทุกสัปดาห์)' })).not.toBeChecked();
		await expect(section.getByRole('checkbox', { name: 'อีเมล: งานที่มอบหมายให้ฉันหรือหน่วยงานของฉัน' })).toBeChecked();
		await expect(section.getByLabel('สรุปวันละฉบับ')).toBeChecked();
		await expect(section.getByLabel('ส่งสรุปเวลา (ชั่วโมง เวลาประเทศไทย)')).toHaveValue('8');
		await expect(section.locator('select[name="quietFrom"]')).toHaveValue('22');
		await expect(section.locator('select[name="quietTo"]')).toHaveValue('6');
	});

	test('an unsubscribe link opens without signing in, and a forged one does nothing', async ({ page }) => {
		await page.goto('/notifications/unsubscribe?token=0b6f0c1e-1111-4000-8000-000000000000.overdue.forged');
		await expect(page.getByRole('button', { name: 'หยุดรับอีเมลเหล่านี้' })).toBeVisible();
		await page.getByRole('button', { name: 'หยุดรับอีเมลเหล่านี้' }).click();
		await expect(page.getByRole('alert')).toContainText('ลิงก์นี้ใช้ไม่ได้');
		await page.goto('/notifications/unsubscribe?token=nonsense');
		await expect(page.getByRole('alert')).toContainText('ลิงก์นี้ใช้ไม่ได้');
	});
});

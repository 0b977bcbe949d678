import { expect, test } from '@playwright/test';
import { signInAs } from './support';

test.describe('intake', () => {
	test('an anonymous tip reaches the working group, which puts it on the next agenda', async ({ page, browser }) => {
		const sender = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.90' } });
		const p = await sender.newPage();
		await p.goto('/report');
		await expect(p.getByRole('heading', { level: 1 })).toHaveText('แจ้งเบาะแส ร้องเรียน หรือขอความช่วยเหลือ');
		await p.getByLabel('อำเภอ').selectOption({ label: 'อำเภอดอกคำใต้' });
		await p.getByLabel('รายละเอียด').fill('เห็นรถตู้รับเด็กผู้หญิงจากหมู่ 3 ไปทำงานต่างจังหวัดตอนกลางคืนหลายครั้ง');
		await p.getByRole('button', { name: 'ส่งเรื่อง' }).click();
		const reference = (await p.getByTestId('reference').textContent())?.trim() ?? '';
		expect(reference).toMatch(/^R\d{4}-[A-Z2-9]{6}$/);
		await sender.close();

		await signInAs(page, 'nantana');
		await page.goto('/network');
		await page.getByRole('link', { name: 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้', exact: true }).click();
		await page.getByRole('link', { name: 'เรื่องรับแจ้ง' }).click();
		const report = page.getByTestId('intake-report').filter({ hasText: reference });
		await expect(report).toContainText('ไม่ประสงค์ออกนาม');
		await report.getByRole('button', { name: 'นำเข้าวาระประชุมครั้งถัดไป' }).click();
		await expect(report).toContainText('เข้าวาระประชุมแล้ว');
		await report.getByRole('link', { name: /วาระ:/ }).click();
		await page.getByTestId('agenda-item').filter({ hasText: 'กรณีใหม่และเบาะแส' }).locator('.select').click();
		await expect(page.getByTestId('tip').filter({ hasText: reference })).toContainText('รถตู้');
	});
});

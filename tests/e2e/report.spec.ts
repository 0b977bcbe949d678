import { expect, test } from '@playwright/test';

test.describe('the public tip form', () => {
	test('chooses no district for the sender, refuses to send without one, and keeps everything typed', async ({ browser }) => {
		const sender = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.91' } });
		const page = await sender.newPage();
		await page.goto('/report');
		const district = page.getByLabel('อำเภอ');
		await expect(district).toHaveValue('');
		await expect(district.locator('option:checked')).toHaveText('โปรดเลือกอำเภอ');
		const message = 'เห็นเด็กผู้หญิงอายุประมาณ 14 ปีทำงานในร้านอาหารหลังตลาดจนดึกทุกคืน';
		await page.getByLabel('รายละเอียด').fill(message);
		await page.getByLabel('สถานที่ (ไม่บังคับ)').fill('ตลาดเช้า ตำบลบ้านถ้ำ');
		await page.getByLabel('ขอความช่วยเหลือ').check();
		await page.getByRole('button', { name: 'ส่งเรื่อง' }).click();
		await expect(page.getByRole('alert')).toHaveText('โปรดเลือกอำเภอ เรื่องของคุณจะส่งถึงคณะทำงานของอำเภอที่เลือกเท่านั้น');
		await expect(district).toBeFocused();
		await expect(district).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByTestId('reference')).toHaveCount(0);
		await expect(page.getByLabel('รายละเอียด')).toHaveValue(message);
		await expect(page.getByLabel('สถานที่ (ไม่บังคับ)')).toHaveValue('ตลาดเช้า ตำบลบ้านถ้ำ');
		await expect(page.getByLabel('ขอความช่วยเหลือ')).toBeChecked();

		await district.selectOption({ label: 'อำเภอดอกคำใต้' });
		await page.getByRole('button', { name: 'ส่งเรื่อง' }).click();
		await expect(page.getByTestId('reference')).toHaveText(/^R\d{4}-[A-Z2-9]{6}$/);
		await sender.close();
	});

	test('without script, the refusal comes back from the server with the text kept', async ({ browser }) => {
		const sender = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.92' } });
		const page = await sender.newPage();
		await page.goto('/report');
		await page.getByLabel('รายละเอียด').fill('มีรถตู้มารับเด็กไปทำงานต่างจังหวัดตอนกลางคืน');
		await page.getByRole('button', { name: 'ส่งเรื่อง' }).click();
		await expect(page.getByText('โปรดเลือกอำเภอ เรื่องของคุณจะส่งถึงคณะทำงานของอำเภอที่เลือกเท่านั้น')).toBeVisible();
		await expect(page.getByLabel('รายละเอียด')).toHaveValue('มีรถตู้มารับเด็กไปทำงานต่างจังหวัดตอนกลางคืน');
		await sender.close();
	});
});

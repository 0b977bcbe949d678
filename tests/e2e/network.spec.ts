import { expect, test } from '@playwright/test';
import { signInAs, signOut } from './support';

test.describe('the network', () => {
	test('a secretary records a hand-over; the successor sees the note and inherits the open actions', async ({ page }) => {
		await signInAs(page, 'nantana');
		await page.goto('/network');
		await page.getByRole('link', { name: 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('คณะทำงานสหวิชาชีพอำเภอดอกคำใต้');
		await expect(page.getByTestId('seat').filter({ hasText: 'ร.ต.อ.สมชาย บุญมา' })).toBeVisible();
		await page.getByRole('link', { name: 'จัดการสมาชิกและการส่งมอบงาน' }).click();

		const seat = page.getByTestId('manage-seat').filter({ has: page.locator('strong', { hasText: 'ร.ต.อ.สมชาย บุญมา' }) });
		await seat.getByText('ส่งมอบงาน', { exact: true }).click();
		await seat.getByLabel('ผู้รับมอบงาน', { exact: true }).selectOption({ label: 'ด.ต.กิตติพงษ์ ปัญญาดี (@kittipong)' });
		await seat.getByLabel('บันทึกส่งมอบงาน').fill('รายชื่อสถานบริการที่ตรวจแล้วอยู่ในแฟ้มสีฟ้า ห้องสืบสวน');
		await seat.getByRole('button', { name: 'บันทึกการส่งมอบงาน' }).click();
		await expect(page.getByTestId('handover-done')).toHaveText('ส่งมอบงานแล้ว โอนงานที่ยังไม่ปิด 2 รายการให้ผู้รับมอบงาน');
		await signOut(page);

		await signInAs(page, 'kittipong');
		await page.goto('/my');
		const note = page.getByTestId('handover-note');
		await expect(note).toContainText('บันทึกส่งมอบงานจาก ร.ต.อ.สมชาย บุญมา');
		await expect(note).toContainText('แฟ้มสีฟ้า');
		await expect(page.getByTestId('action-item')).toHaveCount(2);
		await expect(page.getByTestId('action-item').first()).toContainText('ตรวจสอบสถานบริการในเขตอำเภอและรายงานผล');
		await note.getByRole('button', { name: 'รับทราบแล้ว' }).click();
		await expect(page.getByTestId('handover-note')).toHaveCount(0);
	});

	test('the secretary writes the terms of reference in rich text and what the secretary role means here; members read both', async ({ page }) => {
		await signInAs(page, 'nantana');
		await page.goto('/network');
		await page.getByRole('link', { name: 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้' }).click();
		await page.getByRole('link', { name: 'จัดการสมาชิกและการส่งมอบงาน' }).click();
		const terms = page.locator('#termsTh');
		// The toolbar is one Tab stop; the arrow keys, Home and End move between its buttons.
		const toolbar = page.getByRole('toolbar', { name: 'อำนาจหน้าที่ (ไทย)' });
		const buttons = toolbar.getByRole('button');
		await expect(buttons).toHaveCount(5);
		await expect(toolbar.locator('button[tabindex="0"]')).toHaveCount(1);
		await buttons.first().focus();
		await page.keyboard.press('ArrowRight');
		await expect(toolbar.getByRole('button', { name: 'ตัวเอียง' })).toBeFocused();
		await page.keyboard.press('End');
		await expect(buttons.last()).toBeFocused();
		await page.keyboard.press('ArrowRight');
		await expect(buttons.first()).toBeFocused();
		await page.keyboard.press('ArrowLeft');
		await expect(buttons.last()).toBeFocused();
		await expect(toolbar.locator('button[tabindex="0"]')).toHaveCount(1);
		await terms.click();
		await page.keyboard.press('ControlOrMeta+a');
		await page.keyboard.type('หน้าที่หลัก');
		await toolbar.getByRole('button', { name: 'หัวข้อ' }).click();
		await expect(toolbar.getByRole('button', { name: 'หัวข้อ' })).toHaveAttribute('aria-pressed', 'true');
		await page.keyboard.press('End');
		await page.keyboard.press('Enter');
		await page.getByRole('toolbar', { name: 'อำนาจหน้าที่ (ไทย)' }).getByRole('button', { name: 'รายการ', exact: true }).click();
		await page.keyboard.type('ประชุมปรึกษารายกรณีเมื่อมีเหตุ');
		await page.locator('form[action="?/settings"]').getByRole('button', { name: 'บันทึก' }).click();
		await expect(page.getByText('บันทึกแล้ว')).toBeVisible();
		await page.locator('#secretary_th').fill('จัดทำรายงานการประชุมภายใน 7 วัน และติดตามมติทุกข้อ');
		await page.locator('form[action="?/roles"]').getByRole('button', { name: 'บันทึก' }).click();
		await expect(page.getByText('บันทึกแล้ว')).toBeVisible();
		await signOut(page);

		await signInAs(page, 'piyanuch');
		await page.goto('/network');
		await page.getByRole('link', { name: 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้' }).click();
		await expect(page.getByTestId('terms').locator('h3')).toHaveText('หน้าที่หลัก');
		await expect(page.getByTestId('terms').locator('li')).toHaveText('ประชุมปรึกษารายกรณีเมื่อมีเหตุ');
		await expect(page.getByTestId('role-means').filter({ hasText: 'ภายใน 7 วัน' })).toBeVisible();
	});

	test('an observer sees the body but cannot manage it; an outsider is refused', async ({ page }) => {
		// Emma's account is in English, so Concord is too once she signs in.
		await signInAs(page, 'emma');
		await page.goto('/network');
		await page.getByRole('link', { name: 'Dok Khamtai Multidisciplinary Working Group' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dok Khamtai Multidisciplinary Working Group');
		await expect(page.getByRole('link', { name: 'Manage members and hand-overs' })).toHaveCount(0);
		const manage = await page.goto(page.url() + '/manage');
		expect(manage?.status()).toBe(403);
		await signOut(page);

		await signInAs(page, 'ratchanee');
		await page.goto('/network');
		await expect(page.getByRole('link', { name: 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้' })).toHaveCount(0);
	});

	test('the public directory lists focal points without sign-in and works on a phone', async ({ page }) => {
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto('/directory');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('ทำเนียบเครือข่าย');
		const wg = page.getByTestId('directory-body').filter({ hasText: 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้' });
		await expect(wg).toContainText('โรงพยาบาลดอกคำใต้');
		await expect(wg).toContainText('054 491 300');
		// Nobody in the demo opted in to show personal contacts.
		await expect(wg).not.toContainText('ปิยะนุช');
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
	});
});

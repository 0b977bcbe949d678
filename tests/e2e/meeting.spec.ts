import { expect, test, type Browser, type Page } from '@playwright/test';
import { person } from './support';

/** Signs in and opens a meeting: the given one, or the working group's next one from the meetings page. */
async function openAs(browser: Browser, username: string, address: string, url?: string): Promise<Page> {
	const page = await person(browser, username, address);
	if (url) await page.goto(url);
	else {
		await page.goto('/meetings');
		await page.getByTestId('meeting-row').filter({ hasText: 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้' }).filter({ hasText: 'นัดไว้' }).first().getByRole('link').click();
	}
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
	return page;
}

test.describe('the live meeting workspace', () => {
	test('two members co-edit agenda, notes, decisions and actions; an observer only reads', async ({ browser }) => {
		const secretary = await openAs(browser, 'nantana', '10.0.0.1');
		const member = await openAs(browser, 'piyanuch', '10.0.0.2', secretary.url());

		// The standing items came from the body's template.
		await expect(secretary.getByTestId('agenda-item')).toHaveCount(5);
		await expect(secretary.getByTestId('agenda-item').first()).toContainText('รับรองรายงานการประชุมครั้งที่แล้ว');

		// Presence: each sees the other.
		await expect(secretary.getByTestId('present-person').filter({ hasText: 'พญ.ปิยะนุช จันทร์เพ็ญ' })).toBeVisible();
		await expect(member.getByTestId('present-person').filter({ hasText: 'นันทนา ใจดี' })).toBeVisible();

		// The secretary adds an item and moves it up with the keyboard; the member sees both.
		await secretary.getByPlaceholder('หัวข้อวาระใหม่').fill('แผนรณรงค์ช่วงเทศกาลปีใหม่');
		await secretary.getByRole('button', { name: 'เพิ่มวาระ' }).click();
		await expect(member.getByTestId('agenda-item')).toHaveCount(6);
		await expect(member.getByTestId('agenda-item').nth(5)).toContainText('แผนรณรงค์ช่วงเทศกาลปีใหม่');
		await secretary.getByTestId('agenda-item').nth(5).locator('.select').focus();
		await secretary.keyboard.press('Alt+ArrowUp');
		await expect(member.getByTestId('agenda-item').nth(4)).toContainText('แผนรณรงค์ช่วงเทศกาลปีใหม่');

		// The member types notes on the new item; the secretary sees them with the member's caret.
		await member.getByTestId('agenda-item').nth(4).locator('.select').click();
		await secretary.getByTestId('agenda-item').nth(4).locator('.select').click();
		await member.getByTestId('notes-editor').locator('.notes-body').click();
		await member.keyboard.type('โรงพยาบาลพร้อมจัดหน่วยตรวจคัดกรอง');
		await expect(secretary.getByTestId('notes-editor')).toContainText('โรงพยาบาลพร้อมจัดหน่วยตรวจคัดกรอง');

		// A decision with a lead organisation and an action item, entered from the keyboard.
		await secretary.getByLabel('ข้อความมติ').fill('ให้โรงพยาบาลจัดหน่วยคัดกรองในงานเทศกาล');
		await secretary.getByLabel('หน่วยงานหลัก').last().selectOption({ label: 'โรงพยาบาลดอกคำใต้' });
		await secretary.getByRole('button', { name: 'บันทึกมติ' }).click();
		await expect(member.getByTestId('decision').getByLabel('ข้อความมติ')).toHaveValue('ให้โรงพยาบาลจัดหน่วยคัดกรองในงานเทศกาล');
		await expect(member.getByTestId('decision-lead')).toHaveValue(/.+/);
		await secretary.getByTestId('action-title').fill('จัดหน่วยคัดกรองสุขภาพและเฝ้าระวัง');
		await secretary.getByTestId('action-title').press('Enter');
		await expect(member.getByTestId('action-draft')).toContainText('จัดหน่วยคัดกรองสุขภาพและเฝ้าระวัง');
		// The representative defaults to the hospital's member on the body.
		await expect(member.getByTestId('action-draft')).toContainText('พญ.ปิยะนุช จันทร์เพ็ญ');
		await expect(secretary.getByTestId('connection')).toHaveAttribute('data-state', 'saved');

		// The projection reached SQL: the member's own page lists the action.
		await expect(async () => {
			await member.goto('/my');
			await expect(member.getByTestId('action-item').filter({ hasText: 'จัดหน่วยคัดกรองสุขภาพและเฝ้าระวัง' })).toBeVisible({ timeout: 500 });
		}).toPass({ timeout: 10_000 });

		// The observer reads, live, but cannot edit.
		const observer = await openAs(browser, 'emma', '10.0.0.3', secretary.url());
		await expect(observer.getByTestId('read-only')).toBeVisible();
		await expect(observer.getByPlaceholder('Add item')).toHaveCount(0);
		await expect(observer.getByPlaceholder('New item title')).toHaveCount(0);
		await expect(observer.getByTestId('agenda-item').nth(4)).toContainText('แผนรณรงค์ช่วงเทศกาลปีใหม่');
		await observer.getByTestId('agenda-item').nth(4).locator('.select').click();
		await expect(observer.getByTestId('notes-editor').locator('.notes-body')).toHaveAttribute('contenteditable', 'false');
	});
});

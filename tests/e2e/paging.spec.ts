import { expect, test } from '@playwright/test';
import { signInAs } from './support';

const ACTION = 'ตรวจสอบข้อมูลการจ้างงานแรงงานเด็กในไร่และโรงงาน';

// The demo network is small: a page of one or two items makes it page like a province's.
test.describe('showing more of a long list', () => {
	test('the representative’s board loads more of a group in place and keeps the place in the URL', async ({ page }) => {
		await signInAs(page, 'somchai');
		await page.goto('/actions');
		// Progress on the police's untouched item puts both of their items in one group (the follow-up test may have done so already).
		const untouched = page.getByTestId('group-open').getByTestId('board-item').filter({ hasText: ACTION });
		if (await untouched.count()) {
			await untouched.getByPlaceholder('สรุปสั้น ๆ ว่าดำเนินการอะไรไปแล้ว').fill('เริ่มตรวจแล้ว');
			await untouched.getByRole('button', { name: 'บันทึกความคืบหน้า' }).click();
			await expect(page.getByTestId('group-in_progress').getByTestId('board-item').filter({ hasText: ACTION })).toBeVisible();
		}
		await page.goto('/actions?size=1');
		const group = page.getByTestId('group-in_progress');
		const more = group.getByTestId('show-more');
		await expect(more).toBeVisible();
		await expect(group.getByTestId('shown-of')).toHaveText('แสดง 1 จาก 2 รายการ');
		await expect(group.getByTestId('board-item')).toHaveCount(1);
		const first = await group.getByTestId('board-item').first().innerText();
		await more.click();
		await expect(group.getByTestId('board-item')).toHaveCount(2);
		await expect(group.getByTestId('board-item').first()).toHaveText(first);
		await expect(page).toHaveURL(/[?&]group=in_progress&after=[\w-]+/);
		await expect(page).toHaveURL(/[?&]size=1/);
		// A reload resumes where the reader was, with a way back to the start.
		await page.reload();
		await expect(page.getByTestId('from-start')).toBeVisible();
		await expect(group.getByTestId('board-item').first()).not.toHaveText(first);
	});

	test('the chair’s outstanding view loads more of the open items in place and keeps the place in the URL', async ({ page }) => {
		await signInAs(page, 'wichai');
		await page.goto('/network');
		await page.getByRole('link', { name: 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้' }).click();
		await page.getByRole('link', { name: 'งานที่ต้องติดตาม' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('งานที่ต้องติดตาม');
		await page.goto(`${page.url()}?size=2`);
		const all = page.getByTestId('list-all');
		await expect(all.getByTestId('outstanding-item')).toHaveCount(2);
		const count = Number((await all.getByTestId('list-count').innerText()).replace(/\D/g, ''));
		expect(count).toBeGreaterThan(2);
		await all.getByTestId('show-more').click();
		await expect(all.getByTestId('outstanding-item')).toHaveCount(Math.min(4, count));
		await expect(page).toHaveURL(/[?&]list=items&after=[\w-]+/);
		await expect(page).toHaveURL(/[?&]size=2/);
		await page.reload();
		await expect(page.getByTestId('from-start')).toBeVisible();
		await expect(all.getByTestId('outstanding-item')).toHaveCount(Math.min(2, count - 2));
	});
});

import { expect, test, type Page } from '@playwright/test';
import { navigateTo, signInAs, signOut } from './support';

const ACTION = 'ตรวจสอบข้อมูลการจ้างงานแรงงานเด็กในไร่และโรงงาน';
const PROGRESS = 'ตรวจไร่ข้าวโพดแล้ว 3 แห่ง พบเด็กอายุ 14 ปี 2 คน ส่งต่อ พมจ. แล้ว';
const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test.describe('follow-up until reported back', () => {
	test('a representative posts progress from the board; the chair sees it live and on the outstanding view; the decision log finds the decision', async ({
		browser
	}) => {
		// The chair keeps the action open in one browser while the police representative works in another.
		// Both on phones: every page of the flow fits 360 px.
		const chairContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
		const chair = await chairContext.newPage();
		await signInAs(chair, 'wichai');
		await chair.goto('/network');
		await chair.getByRole('link', { name: 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้' }).click();
		await chair.getByRole('link', { name: 'งานที่ต้องติดตาม' }).click();
		await expect(chair.getByRole('heading', { level: 1 })).toHaveText('งานที่ต้องติดตาม');
		await expect(chair.getByTestId('read-only')).toHaveCount(0);
		expect(await fits(chair)).toBeLessThanOrEqual(0);
		await chair.getByTestId('list-all').getByRole('link', { name: ACTION }).click();
		await expect(chair.getByRole('heading', { level: 1 })).toHaveText(ACTION);
		await expect(chair.getByTestId('action-status')).toHaveText('ยังไม่เริ่ม');
		expect(await fits(chair)).toBeLessThanOrEqual(0);

		const repContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
		const rep = await repContext.newPage();
		await signInAs(rep, 'somchai');
		await navigateTo(rep, 'ติดตามงาน', 'งานของหน่วยงานฉัน');
		await expect(rep.getByRole('heading', { level: 1 })).toHaveText('งานของหน่วยงานฉัน');
		const item = rep.getByTestId('group-open').getByTestId('board-item').filter({ hasText: ACTION });
		await item.getByPlaceholder('สรุปสั้น ๆ ว่าดำเนินการอะไรไปแล้ว').fill(PROGRESS);
		await item.getByRole('button', { name: 'บันทึกความคืบหน้า' }).click();
		// Progress on an untouched item means work has begun: it moves to "in progress".
		const moved = rep.getByTestId('group-in_progress').getByTestId('board-item').filter({ hasText: ACTION });
		await expect(moved.getByTestId('latest')).toContainText(PROGRESS);
		await expect(rep.getByTestId('group-open').getByTestId('board-item').filter({ hasText: ACTION })).toHaveCount(0);
		// The board works on a phone: nothing wider than the screen.
		expect(await fits(rep)).toBeLessThanOrEqual(0);

		// Without a reload, the chair's page shows the new entry.
		await expect(chair.getByTestId('action-status')).toHaveText('กำลังดำเนินการ');
		const entry = chair.getByTestId('history-entry').filter({ hasText: PROGRESS });
		await expect(entry).toContainText('ร.ต.อ.สมชาย บุญมา');
		// The chair may accept, carry over, reassign or drop; a representative's buttons are not shown to them.
		await expect(chair.getByText('เลื่อนกำหนดเสร็จ', { exact: true }).first()).toBeVisible();
		await expect(chair.getByRole('button', { name: 'บันทึกความคืบหน้า' })).toHaveCount(0);

		await chair.goBack();
		await expect(chair.getByTestId('list-all').getByTestId('outstanding-item').filter({ hasText: ACTION })).toContainText('กำลังดำเนินการ');

		await navigateTo(chair, 'การประชุม', 'มติที่ประชุม');
		await chair.getByLabel('ค้นหาข้อความ').fill('คาราโอเกะ');
		await chair.getByRole('button', { name: 'ค้นหา', exact: true }).click();
		const found = chair.getByTestId('decision');
		await expect(found).toHaveCount(1);
		await expect(found).toContainText('ให้ตรวจสอบสถานบริการและร้านคาราโอเกะ');
		expect(await fits(chair)).toBeLessThanOrEqual(0);
		await found.getByRole('link', { name: /คาราโอเกะ/ }).click();
		await expect(chair.getByTestId('decision-action')).toContainText('ตรวจสอบสถานบริการในเขตอำเภอและรายงานผล');
		expect(await fits(chair)).toBeLessThanOrEqual(0);

		// The representative's calendar feed, at a secret URL, carries the due date.
		await rep.getByRole('button', { name: 'สร้างลิงก์ปฏิทิน' }).click();
		const feedUrl = await rep.getByLabel('ลิงก์ใหม่ของคุณ แสดงครั้งเดียว คัดลอกไปใส่ในแอปปฏิทิน').inputValue();
		expect(feedUrl).toMatch(/\/calendar\/[a-z2-7]{40}\.ics$/);
		const feed = await repContext.request.get(new URL(feedUrl).pathname);
		expect(feed.headers()['content-type']).toContain('text/calendar');
		const ics = (await feed.text()).replace(/\r\n /g, '');
		expect(ics).toContain(`SUMMARY:กำหนดเสร็จ: ${ACTION}`);
		expect(ics).toMatch(/DTSTART;VALUE=DATE:\d{8}/);
		// A calendar app polling with either validator gets 304 while nothing changed.
		const { etag, 'last-modified': lastModified } = feed.headers();
		expect(Date.parse(lastModified!)).toBeGreaterThan(0);
		for (const ask of [{ 'if-none-match': etag! }, { 'if-modified-since': lastModified! }] as Record<string, string>[]) {
			expect((await repContext.request.get(new URL(feedUrl).pathname, { headers: ask })).status()).toBe(304);
		}

		await signOut(rep);
		expect((await repContext.request.get(new URL(feedUrl).pathname)).status()).toBe(200);
		await repContext.close();
		await chairContext.close();
	});

	test('an observer reads the decision log and an action’s history, in English, and may change nothing', async ({ page }) => {
		await signInAs(page, 'emma');
		await navigateTo(page, 'Meetings', 'Decisions');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Decision log');
		await page
			.getByTestId('decision')
			.filter({ hasText: 'คาราโอเกะ' })
			.getByRole('link', { name: /คาราโอเกะ/ })
			.click();
		await page.getByTestId('decision-action').getByRole('link', { name: 'ตรวจสอบสถานบริการในเขตอำเภอและรายงานผล' }).click();
		await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Update this action' })).toHaveCount(0);
		await expect(page.locator('form[action^="?/"]')).toHaveCount(0);
	});
});

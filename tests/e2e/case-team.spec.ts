import { expect, test } from '@playwright/test';
import { signInAs, signOut, demoId } from './support';

/** The demo's stable ids (server/demo/seed.ts). */
const CASE = `/cases/${demoId('case', 'c2')}`;

test('a hand-over proposes the successor to the case team, which accepts them onto it', async ({ page }) => {
	// The secretary leads the case: she adds the foundation's representative to its team.
	await signInAs(page, 'nantana');
	await page.goto(CASE);
	await page.getByLabel('สมาชิกของคณะ').selectOption(demoId('user', 'ngo'));
	await page.getByRole('button', { name: 'เพิ่มเข้าทีม' }).click();
	await expect(page.getByTestId('team-member').filter({ hasText: 'มาลี ดวงดี' })).toBeVisible();
	await expect(page.getByTestId('team-member').filter({ hasText: 'นันทนา ใจดี' }).getByTestId('team-lead')).toBeVisible();

	// The foundation's seat on the working group changes hands.
	await page.goto(`/bodies/${demoId('body', 'dkt-wg')}/manage`);
	const seat = page.getByTestId('manage-seat').filter({ has: page.locator('strong', { hasText: 'มาลี ดวงดี' }) });
	await seat.getByText('ส่งมอบงาน', { exact: true }).click();
	// Nobody is offered themselves as a successor.
	await expect(seat.getByLabel('ผู้รับมอบงาน', { exact: true }).locator('option', { hasText: '@nantana' })).toHaveCount(0);
	await seat.getByLabel('ผู้รับมอบงาน', { exact: true }).selectOption({ label: 'ธวัชชัย สุวรรณ (@thawatchai)' });
	await seat.getByLabel('บันทึกส่งมอบงาน').fill('แฟ้มกรณีอยู่ที่มูลนิธิ');
	await seat.getByRole('button', { name: 'บันทึกการส่งมอบงาน' }).click();
	await expect(page.getByTestId('handover-proposed')).toContainText('1 ทีม');

	// The seat on the team is vacant; the team sees the proposal and accepts it.
	await page.goto(CASE);
	await expect(page.getByTestId('team-member').filter({ hasText: 'มาลี ดวงดี' })).toHaveCount(0);
	const proposal = page.getByTestId('team-proposal');
	await expect(proposal).toContainText('ธวัชชัย สุวรรณ');
	await expect(proposal).toContainText('มาลี ดวงดี');
	await proposal.getByRole('button', { name: 'รับเข้าทีม' }).click();
	await expect(page.getByTestId('successor-answered')).toContainText('รับเข้าทีมแล้ว');
	await expect(page.getByTestId('team-member').filter({ hasText: 'ธวัชชัย สุวรรณ' })).toBeVisible();
	await expect(page.getByTestId('team-proposal')).toHaveCount(0);
	await signOut(page);

	// The successor opens the case, but does not change its team.
	await signInAs(page, 'thawatchai');
	await page.goto(CASE);
	await expect(page.getByTestId('case-code')).toBeVisible();
	await expect(page.getByRole('button', { name: 'เพิ่มเข้าทีม' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: /นำออกจากทีม/ })).toHaveCount(0);
});

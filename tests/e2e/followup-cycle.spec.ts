import { expect, test, type Page } from '@playwright/test';
import { fillDate, person } from './support';

const ACTION = 'จัดทำทะเบียนเด็กกลุ่มเสี่ยงที่มารับบริการ';
const PROGRESS = 'รวบรวมรายชื่อจากแผนกฉุกเฉินและคลินิกวัยรุ่นแล้ว 23 ราย';
const REPORT = 'ทะเบียนเสร็จแล้ว ส่งสำเนาให้ พมจ. และสถานีตำรวจแล้ว';

async function openMeeting(page: Page, url: string) {
	await page.goto(url);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
}

test('an action is followed from one meeting to the next until the chair accepts its report-back', async ({ browser }) => {
	const secretary = await person(browser, 'nantana', '10.1.0.1');
	const rep = await person(browser, 'piyanuch', '10.1.0.2');
	const chair = await person(browser, 'wichai', '10.1.0.3');

	// Meeting 1: the working group's next meeting.
	await secretary.goto('/meetings');
	await secretary.getByTestId('meeting-row').filter({ hasText: 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้' }).filter({ hasText: 'นัดไว้' }).first().getByRole('link').click();
	await expect(secretary.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
	const meeting1 = secretary.url();
	await secretary.getByTestId('agenda-item').filter({ hasText: 'สถานการณ์และแนวโน้ม' }).locator('.select').click();
	await secretary.getByLabel('ข้อความมติ').fill('ให้โรงพยาบาลจัดทำทะเบียนเด็กกลุ่มเสี่ยง');
	await secretary.getByLabel('หน่วยงานหลัก').last().selectOption({ label: 'โรงพยาบาลดอกคำใต้' });
	await secretary.getByRole('button', { name: 'บันทึกมติ' }).click();
	await secretary.getByTestId('action-title').fill(ACTION);
	await secretary.getByTestId('action-title').press('Enter');
	await expect(secretary.getByTestId('connection')).toHaveAttribute('data-state', 'saved');

	// Between meetings: the hospital's representative posts progress from the board.
	const boardItem = rep.getByTestId('board-item').filter({ hasText: ACTION });
	await expect(async () => {
		await rep.goto('/actions');
		await expect(boardItem).toBeVisible({ timeout: 500 });
	}).toPass({ timeout: 10_000 });
	await boardItem.getByPlaceholder('สรุปสั้น ๆ ว่าดำเนินการอะไรไปแล้ว').fill(PROGRESS);
	await boardItem.getByRole('button', { name: 'บันทึกความคืบหน้า' }).click();
	await expect(rep.getByTestId('group-in_progress').getByTestId('board-item').filter({ hasText: ACTION })).toBeVisible();

	// Meeting 2 is scheduled; its follow-up item lists the action with its history.
	await secretary.goto(meeting1);
	await secretary.getByRole('link', { name: /← / }).click();
	const next = new Date(Date.now() + 40 * 24 * 3600_000 + 7 * 3600_000).toISOString().slice(0, 10);
	await secretary.getByLabel('ชื่อการประชุม').fill('ประชุมคณะทำงานสหวิชาชีพ ติดตามผล');
	await fillDate(secretary, 'วันที่', next);
	await secretary.getByRole('button', { name: 'นัดประชุม' }).click();
	await expect(secretary.getByText('นัดประชุมแล้ว 1 ครั้ง')).toBeVisible();
	await secretary.getByRole('link', { name: 'ประชุมคณะทำงานสหวิชาชีพ ติดตามผล' }).click();
	await expect(secretary.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
	const meeting2 = secretary.url();

	await openMeeting(chair, meeting2);
	await chair.getByRole('button', { name: 'เริ่มประชุม' }).click();
	await expect(chair.getByTestId('meeting-status')).toHaveText('กำลังประชุม');
	await chair.getByTestId('agenda-item').filter({ hasText: 'ติดตามผลการดำเนินงาน' }).locator('.select').click();
	const chairItem = chair.getByTestId('followup-item').filter({ hasText: ACTION });
	await expect(chairItem).toContainText('กำลังดำเนินการ');
	await chairItem.getByText(/ประวัติ/).click();
	await expect(chairItem).toContainText(PROGRESS);

	// The representative reports back, typed into the meeting; the chair sees it and accepts.
	await openMeeting(rep, meeting2);
	await rep.getByTestId('agenda-item').filter({ hasText: 'ติดตามผลการดำเนินงาน' }).locator('.select').click();
	const repItem = rep.getByTestId('followup-item').filter({ hasText: ACTION });
	await repItem.getByTestId('report-back').fill(REPORT);
	await repItem.getByTestId('report-back').blur();
	await expect(chairItem.getByTestId('report-back')).toHaveValue(REPORT);
	await chairItem.getByRole('button', { name: 'รับทราบและปิดงาน' }).click();
	await expect(chairItem.getByTestId('followup-outcome')).toHaveText('ปิดงานแล้วในการประชุมนี้');
	// Everyone in the meeting sees the outcome live.
	await expect(repItem.getByTestId('followup-outcome')).toHaveText('ปิดงานแล้วในการประชุมนี้');

	// The board shows it closed, leading to the meeting that closed it.
	await rep.goto('/actions');
	// Finished items load on demand.
	await rep.getByTestId('group-closed').getByTestId('show-group').click();
	await rep.getByTestId('group-closed').getByRole('link', { name: ACTION }).click();
	await expect(rep.getByTestId('action-status')).toHaveText('ปิดแล้ว');
	await expect(rep.getByTestId('history-entry').filter({ hasText: REPORT })).toBeVisible();
	await rep
		.getByRole('link', { name: /ประชุมคณะทำงานสหวิชาชีพ ติดตามผล/ })
		.first()
		.click();
	await expect(rep).toHaveURL(meeting2);
});

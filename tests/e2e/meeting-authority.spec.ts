import { expect, test, type Browser, type Page } from '@playwright/test';
import { person } from './support';

const COMMITTEE = 'คณะกรรมการศูนย์ปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์อำเภอดอกคำใต้';
const DECISION = 'ให้สถานีตำรวจตรวจสอบสถานบริการร่วมกับฝ่ายปกครองทุกเดือน';
const ACTION = 'ตรวจสถานบริการในเขตเทศบาล';

/** Signs in and opens the district committee's next meeting (or the given page). */
async function openAs(browser: Browser, username: string, address: string, url?: string): Promise<Page> {
	const page = await person(browser, username, address);
	if (url) await page.goto(url);
	else {
		await page.goto('/meetings');
		await page.getByTestId('meeting-row').filter({ hasText: COMMITTEE }).filter({ hasText: 'นัดไว้' }).first().getByRole('link').click();
	}
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
	return page;
}

test('a member is offered no removal; the secretary deletes with confirmation, undoes and restores; a start and an end reach everyone at once', async ({
	browser
}) => {
	const secretary = await openAs(browser, 'darunee', '10.7.0.1');
	const member = await openAs(browser, 'somchai', '10.7.0.2', secretary.url());

	// The secretary records a decision with an action item; the member sees both.
	await secretary.getByLabel('ข้อความมติ').fill(DECISION);
	await secretary.getByLabel('หน่วยงานหลัก').last().selectOption({ index: 1 });
	await secretary.getByRole('button', { name: 'บันทึกมติ' }).click();
	await secretary.getByTestId('action-title').fill(ACTION);
	await secretary.getByTestId('action-title').press('Enter');
	await expect(member.getByTestId('action-draft')).toContainText(ACTION);

	// The member writes decisions but is offered no removal, ordering, timer or attendance.
	await expect(member.getByTestId('decision').getByLabel('ข้อความมติ')).toBeEditable();
	for (const name of ['ลบมติ', 'ลบงาน', 'ลบวาระ', 'เลื่อนขึ้น', 'เริ่มจับเวลา', 'มาประชุม', 'เริ่มประชุม']) {
		await expect(member.getByRole('button', { name, exact: true }), name).toHaveCount(0);
	}
	await expect(member.getByTestId('recently-deleted')).toHaveCount(0);
	await expect(secretary.getByRole('button', { name: 'ลบมติ' })).toBeVisible();

	// The secretary records an apology with its reason and a guest; the member reads both and may change neither.
	const roll = secretary.getByRole('region', { name: 'ผู้เข้าประชุม' });
	await roll.getByRole('button', { name: 'ลาประชุม', exact: true }).first().click();
	await roll.getByTestId('absence-reason').fill('ติดราชการ');
	await roll.getByTestId('absence-reason').press('Tab');
	await roll.getByRole('button', { name: 'เพิ่มผู้เข้าร่วมประชุม' }).click();
	await expect(roll.getByRole('alert')).toHaveText('โปรดกรอกชื่อผู้เข้าร่วมประชุม');
	await roll.getByLabel('ชื่อ-สกุล').fill('นางสาวสมศรี ใจดี');
	await roll.getByLabel('ตำแหน่ง (ถ้ามี)').fill('นักสังคมสงเคราะห์');
	await roll.getByRole('button', { name: 'เพิ่มผู้เข้าร่วมประชุม' }).click();
	await expect(member.getByTestId('absence-reason-text')).toHaveText('เหตุ: ติดราชการ');
	await expect(member.getByTestId('guests')).toContainText('นางสาวสมศรี ใจดี · นักสังคมสงเคราะห์');
	await expect(member.getByTestId('absence-reason')).toHaveCount(0);
	await expect(member.getByRole('button', { name: 'เพิ่มผู้เข้าร่วมประชุม' })).toHaveCount(0);

	// Deleting asks first; cancelling keeps everything.
	await secretary.getByRole('button', { name: 'ลบมติ' }).click();
	const dialog = secretary.getByRole('dialog', { name: 'ลบมตินี้หรือไม่' });
	await expect(dialog).toBeVisible();
	await expect(dialog).toContainText(DECISION);
	await dialog.getByRole('button', { name: 'ยกเลิก' }).click();
	await expect(dialog).toBeHidden();
	await expect(member.getByTestId('decision')).toHaveCount(1);

	await secretary.getByRole('button', { name: 'ลบมติ' }).click();
	await dialog.getByRole('button', { name: 'ลบ', exact: true }).click();
	await expect(member.getByTestId('decision')).toHaveCount(0);
	await expect(secretary.getByTestId('undo-toast')).toContainText('ลบมติแล้ว');

	// The secretary restores it, with its action item, from "recently deleted".
	await secretary.getByTestId('recently-deleted').locator('summary').click();
	const entry = secretary.getByTestId('deleted-item').filter({ hasText: DECISION });
	await expect(entry).toContainText('พร้อมอีก 1 รายการ');
	await entry.getByRole('button', { name: 'กู้คืน' }).click();
	await expect(member.getByTestId('decision')).toHaveCount(1);
	await expect(member.getByTestId('action-draft')).toContainText(ACTION);
	await expect(secretary.getByTestId('deleted-item')).toHaveCount(0);

	// An action item deleted by mistake comes back with "undo" in the toast.
	await secretary.getByRole('button', { name: 'ลบงาน' }).click();
	await secretary.getByRole('dialog', { name: 'ลบงานนี้หรือไม่' }).getByRole('button', { name: 'ลบ', exact: true }).click();
	await expect(member.getByTestId('action-draft')).toHaveCount(0);
	await secretary.getByTestId('undo-toast').getByRole('button', { name: 'เลิกทำ' }).click();
	await expect(member.getByTestId('action-draft')).toContainText(ACTION);

	// Starting and ending the meeting reach the member's open workspace within a second; once ended, the member only reads.
	await expect(member.getByTestId('meeting-status')).toHaveText('นัดไว้');
	await secretary.getByRole('button', { name: 'เริ่มประชุม' }).click();
	await expect(member.getByTestId('meeting-status')).toHaveText('กำลังประชุม');
	await secretary.getByRole('button', { name: 'ปิดประชุม', exact: true }).click();
	await secretary.getByRole('button', { name: 'ยืนยันปิดประชุม' }).click();
	await expect(member.getByTestId('meeting-status')).toHaveText('ปิดประชุมแล้ว');
	await expect(member.getByTestId('read-only')).toBeVisible();
	await expect(member.getByRole('button', { name: 'บันทึกมติ' })).toHaveCount(0);
	// The secretary still corrects the ended meeting.
	await expect(secretary.getByRole('button', { name: 'บันทึกมติ' })).toBeVisible();
});

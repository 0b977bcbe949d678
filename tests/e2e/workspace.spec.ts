import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { fillDate, person, signInAs } from './support';

const BODY = 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้';
const DAY = 24 * 3600_000;
/** An ISO calendar day in Bangkok, `days` from now. */
const bangkokDay = (days: number) => new Date(Date.now() + 7 * 3600_000 + days * DAY).toISOString().slice(0, 10);

/** Schedules a meeting of the working group with a title of its own, from the group's meetings page, and opens it. */
async function schedule(page: Page, title: string, iso: string, time: string): Promise<string> {
	await page.goto('/meetings');
	await page.getByTestId('meeting-row').filter({ hasText: BODY }).filter({ hasNotText: 'ปรึกษารายกรณี' }).first().getByRole('link').click();
	await page.getByTestId('back-link').click();
	await page.getByLabel('ชื่อการประชุม').fill(title);
	await fillDate(page, 'วันที่', iso, time);
	await page.getByRole('button', { name: 'นัดประชุม' }).click();
	await expect(page.getByText('นัดประชุมแล้ว 1 ครั้ง')).toBeVisible();
	await page.getByRole('link', { name: title }).click();
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
	return new URL(page.url()).pathname;
}

async function open(page: Page, url: string) {
	await page.goto(url);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
}

test.describe('the meeting workspace reads like a document', () => {
	test('dates are chosen and shown in the Buddhist era, and an impossible date is refused with a reason', async ({ browser }) => {
		const secretary = await person(browser, 'nantana', '10.6.0.1');
		const iso = bangkokDay(45);
		const url = await schedule(secretary, `ประชุมทดสอบวันที่ ${randomUUID().slice(0, 8)}`, iso, '10:35');
		const [y, mo, d] = iso.split('-').map(Number);
		const shown = new Intl.DateTimeFormat('th-TH-u-ca-buddhist', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(y!, mo! - 1, d!));
		await expect(secretary.locator('.meeting-head')).toContainText(`${shown} 10:35`);

		// The edit form shows the same day back in its parts, the year in พ.ศ.
		await secretary.getByText('แก้ไขรายละเอียดการประชุม').click();
		const when = secretary.getByRole('group', { name: 'วันที่' });
		await expect(when.locator('[data-part="year"]')).toHaveValue(String(y! + 543));
		await expect(when.locator('[data-part="month"]')).toHaveValue(String(mo));
		await expect(when.locator('[data-part="day"]')).toHaveValue(String(d));
		await expect(when.locator('[data-part="hour"]')).toHaveValue('10');
		await expect(when.locator('[data-part="minute"]')).toHaveValue('35');

		// 31 February does not exist: the form says so and sends nothing.
		await when.locator('[data-part="month"]').selectOption('2');
		await when.locator('[data-part="day"]').selectOption('31');
		await expect(when.getByRole('alert')).toHaveText('ไม่มีวันที่นี้ในปฏิทิน โปรดตรวจวันและเดือนอีกครั้ง');
		await secretary.getByRole('button', { name: 'บันทึก', exact: true }).click();
		await expect(secretary.getByTestId('toast')).toHaveCount(0);

		// A real day, saved and read back after a reload.
		const moved = bangkokDay(52);
		await fillDate(secretary, 'วันที่', moved, '14:05');
		await secretary.getByRole('button', { name: 'บันทึก', exact: true }).click();
		await expect(secretary.getByTestId('toast')).toHaveText(/บันทึกรายละเอียดการประชุมแล้ว/);
		await open(secretary, url);
		const [y2, mo2, d2] = moved.split('-').map(Number);
		const shown2 = new Intl.DateTimeFormat('th-TH-u-ca-buddhist', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(y2!, mo2! - 1, d2!));
		await expect(secretary.locator('.meeting-head')).toContainText(`${shown2} 14:05`);
	});

	test('ending a meeting takes a confirmation: a stray tap, Escape or "go back" keeps it running', async ({ browser }) => {
		const secretary = await person(browser, 'nantana', '10.6.0.2');
		const url = await schedule(secretary, `ประชุมทดสอบการปิด ${randomUUID().slice(0, 8)}`, bangkokDay(30), '09:00');
		const member = await person(browser, 'piyanuch', '10.6.0.3');
		await open(member, url);

		await secretary.getByRole('button', { name: 'เริ่มประชุม' }).click();
		await expect(secretary.getByTestId('meeting-status')).toHaveText('กำลังประชุม');
		await expect(secretary.getByTestId('toast')).toContainText('เริ่มประชุมแล้ว');
		// A member has nothing that ends the meeting.
		await expect(member.getByTestId('meeting-status')).toHaveText('กำลังประชุม');
		await expect(member.getByRole('button', { name: 'ปิดประชุม' })).toHaveCount(0);

		const end = secretary.getByRole('button', { name: 'ปิดประชุม', exact: true });
		const dialog = secretary.getByTestId('status-confirm');
		await end.click();
		await expect(dialog).toBeVisible();
		// The safe answer has the focus, so a second tap or Enter changes nothing.
		await expect(dialog.getByRole('button', { name: 'กลับไปโดยไม่เปลี่ยนแปลง' })).toBeFocused();
		await secretary.keyboard.press('Escape');
		await expect(dialog).toBeHidden();
		await expect(end).toBeFocused();
		await end.click();
		await dialog.getByRole('button', { name: 'กลับไปโดยไม่เปลี่ยนแปลง' }).click();
		await expect(dialog).toBeHidden();
		await secretary.reload();
		await expect(secretary.getByTestId('meeting-status')).toHaveText('กำลังประชุม');
		await expect(member.getByTestId('meeting-status')).toHaveText('กำลังประชุม');

		await secretary.getByRole('button', { name: 'ปิดประชุม', exact: true }).click();
		await secretary.getByRole('button', { name: 'ยืนยันปิดประชุม' }).click();
		await expect(secretary.getByTestId('meeting-status')).toHaveText('ปิดประชุมแล้ว');
		await expect(secretary.getByTestId('toast')).toContainText('ปิดประชุมแล้ว');
		await expect(member.getByTestId('meeting-status')).toHaveText('ปิดประชุมแล้ว');
	});

	test('a skip link reaches the notes, few Tab stops lie before them, and every control is a 44 px target on a phone', async ({ browser }) => {
		const secretary = await person(browser, 'nantana', '10.6.0.4');
		const url = await schedule(secretary, `ประชุมทดสอบแป้นพิมพ์ ${randomUUID().slice(0, 8)}`, bangkokDay(31), '09:00');
		await secretary.getByRole('button', { name: 'เริ่มประชุม' }).click();
		await expect(secretary.getByTestId('meeting-status')).toHaveText('กำลังประชุม');

		// The page reloads its data once the start has reached every workspace; the skip link is tried once that settles.
		const skip = secretary.getByTestId('skip-to-notes');
		await expect(async () => {
			await skip.focus();
			await expect(skip).toBeVisible();
			await secretary.keyboard.press('Enter');
			await expect(secretary.locator('#notes [contenteditable="true"]')).toBeFocused({ timeout: 1_000 });
		}).toPass({ timeout: 10_000 });

		// Tab stops from the top of the meeting to the notes, in document order.
		const stops = await secretary.evaluate(() => {
			const editor = document.querySelector('#notes [contenteditable="true"]')!;
			const start = document.querySelector('[data-testid="skip-to-notes"]')!;
			const all = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"]')];
			const named = all.filter((el) => {
				if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled || (el as HTMLInputElement).type === 'hidden') return false;
				// Closed disclosures keep a layout box but take no focus: checkVisibility() sees that, getClientRects() does not.
				if (!el.checkVisibility()) return false;
				return (
					!!(start.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) && !!(el.compareDocumentPosition(editor) & Node.DOCUMENT_POSITION_FOLLOWING)
				);
			});
			return named.map((el) => `${el.tagName.toLowerCase()}:${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 20)}`);
		});
		console.log(`tab stops between the top of the workspace and the notes: ${stops.length}`);
		expect(stops.length, stops.join(' | ')).toBeLessThanOrEqual(25);

		// On a phone, every control of the meeting is at least 44 × 44 px.
		const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, extraHTTPHeaders: { 'x-forwarded-for': '10.6.0.5' } });
		const page = await phone.newPage();
		await signInAs(page, 'nantana');
		await open(page, url);
		await page.getByTestId('agenda-item').nth(1).locator('.select').click();
		const small = await page.evaluate(() => {
			const scope = [...document.querySelectorAll('.meeting-head, .workspace')];
			const controls = scope.flatMap((s) => [
				...s.querySelectorAll<HTMLElement>('button, select, summary, input:not([type="hidden"], [type="checkbox"], [type="radio"]), a.btn, .crumbs a')
			]);
			return controls
				.filter((el) => el.checkVisibility())
				.map((el) => ({ el, r: el.getBoundingClientRect() }))
				.filter(({ r }) => r.width < 44 || r.height < 44)
				.map(
					({ el, r }) =>
						`${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`
				);
		});
		expect(small).toEqual([]);
		const move = page.getByRole('button', { name: 'เลื่อนขึ้น' });
		await expect(move).toHaveCount(1);
		const box = (await move.boundingBox())!;
		expect(box.width).toBeGreaterThanOrEqual(44);
		expect(box.height).toBeGreaterThanOrEqual(44);
		await phone.close();
	});

	test('what the representative wrote when marking an item done is the report-back at the next meeting, and the chair notes it at once', async ({
		browser
	}) => {
		const action = `ทดสอบรายงานผล ${randomUUID().slice(0, 8)}`;
		const note = `ตรวจเยี่ยมครบ 6 หมู่บ้านแล้ว ${randomUUID().slice(0, 4)}`;
		const secretary = await person(browser, 'nantana', '10.6.0.6');
		const first = await schedule(secretary, `ประชุมทดสอบมอบหมายงาน ${randomUUID().slice(0, 8)}`, bangkokDay(32), '09:00');
		await secretary.getByRole('button', { name: 'เริ่มประชุม' }).click();
		await expect(secretary.getByTestId('meeting-status')).toHaveText('กำลังประชุม');
		await secretary.getByTestId('agenda-item').filter({ hasText: 'สถานการณ์และแนวโน้ม' }).locator('.select').click();
		await secretary.getByLabel('ข้อความมติ').fill('ให้โรงพยาบาลตรวจเยี่ยมหมู่บ้านกลุ่มเสี่ยง');
		await secretary.getByLabel('หน่วยงานหลัก').last().selectOption({ label: 'โรงพยาบาลดอกคำใต้' });
		await secretary.getByRole('button', { name: 'บันทึกมติ' }).click();
		await secretary.getByTestId('action-title').fill(action);
		await secretary.getByTestId('action-title').press('Enter');
		await expect(secretary.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		await secretary.getByRole('button', { name: 'ปิดประชุม', exact: true }).click();
		await secretary.getByRole('button', { name: 'ยืนยันปิดประชุม' }).click();
		await expect(secretary.getByTestId('meeting-status')).toHaveText('ปิดประชุมแล้ว');

		// Between meetings the hospital's representative marks it done on the board, with a note.
		const rep = await person(browser, 'piyanuch', '10.6.0.7');
		await expect(async () => {
			await rep.goto('/actions');
			await rep.getByRole('link', { name: action }).click({ timeout: 1000 });
		}).toPass({ timeout: 15_000 });
		await rep.getByText('แจ้งดำเนินการแล้วเสร็จ').first().click();
		await rep.locator('#done-text').fill(note);
		await rep.locator('#done-text').locator('xpath=ancestor::form').getByRole('button', { name: 'แจ้งดำเนินการแล้วเสร็จ' }).click();
		await expect(rep.getByTestId('action-status')).toHaveText(/รอรายงานผล/);

		// The next meeting: the report-back is already there, for everyone, marked as the board's note.
		const second = await schedule(secretary, `ประชุมทดสอบติดตามผล ${randomUUID().slice(0, 8)}`, bangkokDay(33), '09:00');
		expect(second).not.toBe(first);
		const chair = await person(browser, 'wichai', '10.6.0.8');
		await open(chair, second);
		await chair.getByRole('button', { name: 'เริ่มประชุม' }).click();
		await expect(chair.getByTestId('meeting-status')).toHaveText('กำลังประชุม');
		await chair.getByTestId('agenda-item').filter({ hasText: 'ติดตามผลการดำเนินงาน' }).locator('.select').click();
		const item = chair.getByTestId('followup-item').filter({ hasText: action });
		await expect(item.getByTestId('report-back')).toHaveValue(note);
		await expect(item.getByTestId('report-back-from-board')).toBeVisible();
		await open(rep, second);
		await rep.getByTestId('agenda-item').filter({ hasText: 'ติดตามผลการดำเนินงาน' }).locator('.select').click();
		await expect(rep.getByTestId('followup-item').filter({ hasText: action }).getByTestId('report-back')).toHaveValue(note);

		// Nobody retypes it: the chair notes it and closes the item.
		await item.getByTestId('accept-report-back').click();
		await expect(item.getByTestId('followup-outcome')).toHaveText('ปิดงานแล้วในการประชุมนี้');
		await expect(chair.getByTestId('toast')).toContainText('รับทราบผลและปิดงานแล้ว');
		await rep.goto(`/actions`);
		await rep.getByTestId('group-closed').getByTestId('show-group').click();
		await rep.getByTestId('group-closed').getByRole('link', { name: action }).click();
		await expect(rep.getByTestId('history-entry').filter({ hasText: note })).toHaveCount(2);
	});

	test('a decision pasted longer than the document holds is cut to its limit and saved, never refused', async ({ browser }) => {
		const secretary = await person(browser, 'nantana', '10.6.0.9');
		await schedule(secretary, `ประชุมทดสอบข้อความยาว ${randomUUID().slice(0, 8)}`, bangkokDay(34), '09:00');
		await secretary.getByTestId('agenda-item').filter({ hasText: 'สถานการณ์และแนวโน้ม' }).locator('.select').click();
		const pasted = 'ให้ทุกหน่วยงานรายงานสถานการณ์ในพื้นที่ '.repeat(200);
		expect(pasted.length).toBeGreaterThan(4000);
		const text = secretary.getByLabel('ข้อความมติ');
		await text.fill(pasted);
		await expect(text).toHaveValue(pasted.slice(0, 4000));
		await secretary.getByLabel('หน่วยงานหลัก').last().selectOption({ label: 'โรงพยาบาลดอกคำใต้' });
		await secretary.getByRole('button', { name: 'บันทึกมติ' }).click();
		await expect(secretary.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		await expect(secretary.getByTestId('change-refused')).toHaveCount(0);
		// Read back from the server: a fresh page has the decision, whole up to the limit.
		await secretary.reload();
		await expect(secretary.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		await secretary.getByTestId('agenda-item').filter({ hasText: 'สถานการณ์และแนวโน้ม' }).locator('.select').click();
		await expect(secretary.getByRole('textbox', { name: 'ข้อความมติ' }).first()).toHaveValue(pasted.slice(0, 4000));
	});

	test('an English reader sees the agenda’s items and the organisations by their English names', async ({ page }) => {
		await signInAs(page, 'emma');
		await page.goto('/meetings');
		await page.getByTestId('meeting-row').filter({ hasText: 'Dok Khamtai Multidisciplinary Working Group' }).first().getByRole('link').first().click();
		await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		const agenda = page.getByRole('button', { name: /Any other business/ });
		await expect(agenda.first()).toBeVisible();
		await expect(page.getByRole('button', { name: /เรื่องอื่น ๆ/ })).toHaveCount(0);
		// Organisations too: by their English names, not the Thai abbreviations.
		const attendance = page.getByRole('region', { name: 'Attendance' });
		await expect(attendance).toContainText('Dok Khamtai Hospital');
		await expect(attendance).not.toContainText('รพ.ดอกคำใต้');
	});
});

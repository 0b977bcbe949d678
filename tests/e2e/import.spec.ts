import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { signInAs } from './support';

const WATCH = 'เครือข่ายอาสาสมัครเฝ้าระวังอำเภอดอกคำใต้';
const volunteers = [
	['bua.kp', 'bua.kp@example.org', 'บัว คำปัน', '๐๘๑ ๑๑๑ ๒๒๒๒', '1/10/2569'],
	['kaew.pk', '', 'แก้ว ปัญญาคำ', '', '2026-10-15'],
	['jan.tw', 'jan.tw@example.org', 'จันทร์ ทาวงศ์', '089 333 4444', '๑๕/๑๑/๒๕๖๙']
];

test('the administrator imports the watchdog volunteers from the template, previews, confirms, and finds them in the accounts and on the body', async ({
	page
}) => {
	await signInAs(page, 'admin');
	await page.goto('/admin/network');
	await page.getByRole('link', { name: /นำเข้าจากไฟล์/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('นำเข้าเครือข่ายจากไฟล์');

	// The office starts from the downloaded template and fills in the people sheet.
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'แม่แบบ Excel (สามแผ่นงาน)' }).click();
	const book = new ExcelJS.Workbook();
	const saved = await readFile(await (await download).path());
	await book.xlsx.load(saved.buffer.slice(saved.byteOffset, saved.byteOffset + saved.byteLength) as ArrayBuffer);
	const people = book.getWorksheet('บุคคล')!;
	expect(people.getRow(1).getCell(1).value).toBe('ชื่อผู้ใช้');
	for (const [username, email, name, phone, startsOn] of volunteers) {
		people.addRow([username, email, name, phone, 'อาสาสมัครเฝ้าระวังดอกคำใต้', WATCH, 'อาสาสมัคร', '', startsOn]);
	}
	const file = Buffer.from(await book.xlsx.writeBuffer());

	await page
		.getByLabel(/ไฟล์ CSV หรือ Excel/)
		.setInputFiles({ name: 'อาสาสมัคร.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
	await page.getByRole('button', { name: 'ตรวจดูก่อนนำเข้า' }).click();

	const preview = page.getByTestId('import-preview');
	await expect(preview).toBeVisible();
	// The template's example rows are the demo's own hospital and volunteer network: left alone.
	await expect(page.getByTestId('import-count-organisations').locator('[data-verdict="unchanged"]')).toHaveText('1');
	await expect(page.getByTestId('import-count-bodies').locator('[data-verdict="unchanged"]')).toHaveText('1');
	await expect(page.getByTestId('import-count-people').locator('[data-verdict="create"]')).toHaveText('4');
	await expect(page.getByTestId('import-count-people').locator('[data-verdict="refused"]')).toHaveText('0');
	// The seats already on the network that the file does not list are shown, not ended.
	await expect(page.getByTestId('import-missing')).toContainText('น้อย คำปัน');

	await page.getByRole('button', { name: 'ยืนยันนำเข้า' }).click();
	const done = page.getByTestId('import-done');
	await expect(done).toContainText('นำเข้าแล้ว: เพิ่มใหม่ 4');
	await expect(done).toContainText('ลิงก์เชิญผู้ใช้ใหม่ (4)');
	await expect(done.getByRole('link', { name: 'ดาวน์โหลดลิงก์เชิญ (CSV)' })).toBeVisible();

	await page.goto('/admin/users?q=คำปัน');
	await expect(page.getByTestId('user-row').filter({ hasText: 'บัว คำปัน' })).toBeVisible();

	await page.goto('/network');
	await page.getByRole('link', { name: WATCH }).click();
	for (const [, , name] of volunteers) await expect(page.getByTestId('seat').filter({ hasText: name })).toBeVisible();
	await expect(page.getByTestId('seat').filter({ hasText: 'น้อย คำปัน' })).toBeVisible();
});

import { expect, test, type Page } from '@playwright/test';
import { fillDate, person } from './support';

const WG = 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้';
const COMMITTEE = 'คณะกรรมการศูนย์ปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์อำเภอดอกคำใต้';
const PROVINCE = 'ศูนย์ปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์จังหวัดพะเยา';
const HOSPITAL = 'โรงพยาบาลดอกคำใต้';
const VICTIM = 'เด็กหญิงทดสอบ ลับเฉพาะ';
const TIP = 'มีเด็กผู้หญิงอายุราว 15 ปีถูกพาไปทำงานร้านคาราโอเกะริมทางหลวง ทำงานดึกทุกคืน';
const DECISION = 'ส่งต่อโรงพยาบาลเพื่อตรวจร่างกายและดูแลสภาพจิตใจ';
const OUTCOME = 'ตรวจร่างกายและให้คำปรึกษาแล้ว นัดติดตามอีกสองสัปดาห์';

async function openBody(page: Page, name: string) {
	await page.goto('/network');
	await page.getByRole('link', { name, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

test('a tip becomes a case, its conference refers it, the hospital reports the outcome, and the quarter counts it without naming anyone', async ({
	browser
}) => {
	test.setTimeout(120_000);
	// An anonymous tip through the public form.
	const sender = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.91' } });
	const form = await sender.newPage();
	await form.goto('/report');
	await form.getByLabel('อำเภอ').selectOption({ label: 'อำเภอดอกคำใต้' });
	await form.getByLabel('รายละเอียด').fill(TIP);
	await form.getByRole('button', { name: 'ส่งเรื่อง' }).click();
	const reference = (await form.getByTestId('reference').textContent())?.trim() ?? '';
	expect(reference).toMatch(/^R\d{4}-[A-Z2-9]{6}$/);
	await sender.close();

	// The working group's secretary triages it into a case and records who the child is, in the restricted record.
	const secretary = await person(browser, 'nantana', '10.9.0.1');
	await openBody(secretary, WG);
	await secretary.getByRole('link', { name: 'เรื่องรับแจ้ง' }).click();
	await secretary.getByTestId('intake-report').filter({ hasText: reference }).getByRole('link', { name: 'เปิดกรณี' }).click();
	await expect(secretary.getByTestId('intake-report')).toContainText(reference);
	await secretary.getByLabel('ประเภทกรณี').selectOption({ label: 'การค้ามนุษย์เพื่อแสวงประโยชน์ทางเพศ' });
	await secretary.getByLabel('เพศ').selectOption({ label: 'หญิง' });
	await secretary.getByLabel('ช่วงอายุ').selectOption({ label: '15–17 ปี' });
	await secretary.getByRole('button', { name: 'เปิดกรณีใหม่' }).click();
	const code = (await secretary.getByTestId('case-code').textContent())?.trim() ?? '';
	expect(code).toMatch(/^DKT-\d{4}-\d{3}$/);
	const caseUrl = secretary.url();
	await secretary.getByRole('link', { name: 'แสดงข้อมูลระบุตัวตน' }).click();
	await secretary.getByLabel('ชื่อ-นามสกุล').fill(VICTIM);
	await secretary.getByRole('button', { name: 'บันทึก' }).click();
	await expect(secretary.getByText(VICTIM)).toBeVisible();

	// A case conference: only the case team opens it; it decides a referral to the hospital.
	await secretary.goto(caseUrl);
	const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
	// The conference's date is written as Thai readers write it, in the Buddhist era.
	await fillDate(secretary, 'วันที่', today, '23:55');
	await secretary.getByRole('button', { name: 'นัดประชุมปรึกษารายกรณี' }).click();
	await secretary.getByRole('link', { name: 'เปิดหน้าการประชุม' }).click();
	await expect(secretary.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
	const conference = secretary.url();
	await secretary.getByRole('button', { name: 'เริ่มประชุม' }).click();
	await expect(secretary.getByTestId('meeting-status')).toHaveText('กำลังประชุม');
	await secretary.getByTestId('agenda-item').filter({ hasText: 'การส่งต่อและหน่วยงานรับผิดชอบ' }).locator('.select').click();
	await secretary.getByLabel('ข้อความมติ').fill(DECISION);
	await secretary.getByLabel('หน่วยงานหลัก').last().selectOption({ label: HOSPITAL });
	await secretary.getByRole('button', { name: 'บันทึกมติ' }).click();
	await expect(secretary.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
	await secretary.getByRole('button', { name: 'ปิดประชุม' }).click();
	await secretary.getByRole('button', { name: 'ยืนยันปิดประชุม' }).click();
	await expect(secretary.getByTestId('meeting-status')).toHaveText('ปิดประชุมแล้ว');

	// The police representative sits on the working group but not on this case team: the conference does not exist for him.
	const police = await person(browser, 'somchai', '10.9.0.2');
	const refused = await police.goto(conference);
	expect(refused?.status()).toBe(404);
	expect((await police.goto(caseUrl))?.status()).toBe(404);

	// The referral, linked to the conference's decision.
	await secretary.goto(caseUrl);
	await secretary.getByTestId('case-refer').click();
	await secretary.getByLabel('หน่วยงานที่รับเรื่อง').selectOption({ label: HOSPITAL });
	await secretary.getByLabel('เหตุผลที่ส่งต่อ').fill('ต้องตรวจร่างกายและประเมินสภาพจิตใจโดยเร็ว');
	await secretary.getByLabel('ข้อมูลที่ส่งให้ผู้รับ').fill('ช่วงอายุ เพศ และผลการสัมภาษณ์เบื้องต้น');
	await secretary.getByLabel('ได้รับความยินยอมจากผู้ปกครอง').check();
	const decision = secretary.getByLabel('ตามมติ');
	await decision.selectOption({ label: await decision.locator('option', { hasText: DECISION }).first().innerText() });
	await secretary.getByRole('button', { name: 'ส่งต่อ', exact: true }).click();
	await expect(secretary.getByTestId('referral-status')).toHaveText('รอตอบรับ');

	// The hospital's representative, not on the case team, accepts it from her board and reports the outcome.
	const hospital = await person(browser, 'piyanuch', '10.9.0.3');
	await hospital.goto('/referrals');
	await hospital.getByTestId('incoming').getByTestId('referral-row').filter({ hasText: code }).getByRole('link').first().click();
	await expect(hospital.locator('main')).not.toContainText(VICTIM);
	await hospital.getByRole('button', { name: 'ตอบรับ' }).click();
	await expect(hospital.getByTestId('referral-status')).toHaveText('ตอบรับแล้ว');
	await hospital.locator('summary', { hasText: 'แจ้งผลและปิดเรื่อง' }).click();
	await hospital.getByLabel('ผลการดำเนินการ').fill(OUTCOME);
	await hospital.getByRole('button', { name: 'แจ้งผลและปิดเรื่อง' }).click();
	await expect(hospital.getByTestId('referral-status')).toHaveText('เสร็จสิ้น');
	await expect(hospital.locator('main')).not.toContainText(VICTIM);

	// The district committee's secretary reports the quarter so far to the provincial centre.
	const district = await person(browser, 'darunee', '10.9.0.4');
	await openBody(district, COMMITTEE);
	await district.getByRole('link', { name: 'รายงานผลการดำเนินงาน' }).click();
	await district.getByLabel('กำหนดช่วงวันที่เอง').check();
	await district.getByRole('button', { name: 'จัดทำรายงาน' }).click();
	await expect(district.getByTestId('report-status')).toBeVisible();
	district.on('dialog', (d) => void d.accept());
	await district.getByRole('button', { name: 'ส่งรายงาน' }).click();
	await expect(district.getByTestId('cases-opened')).toHaveText(/^(<5|\d+)$/);
	await expect(district.getByTestId('referrals-completed')).toHaveText(/^(<5|—|\d+)$/);
	const report = district.url();
	await expect(district.locator('main')).not.toContainText(VICTIM);
	await expect(district.locator('main')).not.toContainText(code);

	// The provincial secretary sees it among the reports received, and in the roll-up.
	const province = await person(browser, 'supawadee', '10.9.0.5');
	await openBody(province, PROVINCE);
	await province.getByRole('link', { name: 'รายงานผลการดำเนินงาน' }).click();
	await expect(province.getByTestId('received-report').filter({ hasText: COMMITTEE }).first()).toBeVisible();
	await expect(province.locator('main')).not.toContainText(VICTIM);
	await province.goto(report);
	await expect(province.getByTestId('cases-opened')).toBeVisible();
	await expect(province.locator('main')).not.toContainText(VICTIM);
	await expect(province.locator('main')).not.toContainText(TIP);
});

import { expect, test, type Browser, type Page } from '@playwright/test';
import { signInAs } from './support';

const BODY = 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้';

async function as(browser: Browser, username: string, address: string): Promise<Page> {
	const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': address } });
	const page = await context.newPage();
	await signInAs(page, username);
	return page;
}

test('minutes circulated for approval: members confirm or comment once, each answer recorded; an observer only reads', async ({ browser }) => {
	const secretary = await as(browser, 'nantana', '10.0.7.1');
	await secretary.goto('/meetings');
	await secretary
		.getByTestId('meeting-row')
		.filter({ hasText: BODY })
		.filter({ hasText: 'ปิดประชุมแล้ว' })
		.filter({ hasNotText: 'ปรึกษารายกรณี' })
		.first()
		.getByRole('link')
		.click();
	await expect(secretary).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
	const minutes = `${new URL(secretary.url()).pathname}/minutes`;

	// The secretary makes the draft and sends it round for three days.
	await secretary.goto(minutes);
	await secretary.getByTestId('generate-minutes').click();
	await expect(secretary.getByTestId('minutes-draft')).toContainText(`รายงานการประชุม${BODY}`);
	const card = secretary.getByTestId('circulation');
	await card.getByTestId('circulation-days').fill('3');
	await card.getByRole('button', { name: 'แจ้งเวียนเพื่อรับรอง' }).click();
	await expect(card.getByTestId('circulation-status')).toContainText('แจ้งเวียนโดย นางนันทนา ใจดี');
	// While it is out, the chair cannot approve alone.
	await expect(secretary.getByTestId('approve-reason')).toHaveCount(0);

	// A member comments; the comment is recorded with the member's name, and the form is gone.
	const doctor = await as(browser, 'piyanuch', '10.0.7.2');
	await doctor.goto(minutes);
	await doctor.getByTestId('circulation-comment').fill('ขอแก้ชื่อหน่วยงานในระเบียบวาระที่ 2');
	await doctor.getByTestId('circulation').getByRole('button', { name: 'ส่งความเห็น' }).click();
	const answers = doctor.getByTestId('circulation-answers');
	await expect(answers).toContainText('พญ.ปิยะนุช จันทร์เพ็ญ');
	await expect(answers).toContainText('ความเห็น: ขอแก้ชื่อหน่วยงานในระเบียบวาระที่ 2');
	await expect(doctor.getByText('คุณตอบการแจ้งเวียนนี้แล้ว')).toBeVisible();
	await expect(doctor.getByRole('button', { name: 'ยืนยันรับรองรายงานการประชุม' })).toHaveCount(0);

	// Another member confirms.
	const health = await as(browser, 'jintana', '10.0.7.3');
	await health.goto(minutes);
	await health.getByRole('button', { name: 'ยืนยันรับรองรายงานการประชุม' }).click();
	await expect(health.getByTestId('circulation-answers')).toContainText('นางจินตนา พรหมมา');
	await expect(health.getByTestId('circulation-answers').locator('li')).toHaveCount(2);

	// The observer reads the circulation and its answers, in English, and is offered no answer.
	const observer = await as(browser, 'emma', '10.0.7.4');
	await observer.goto(minutes);
	await expect(observer.getByTestId('circulation')).toContainText('Approval by circulation');
	await expect(observer.getByTestId('circulation-answers').locator('li')).toHaveCount(2);
	await expect(observer.getByRole('button', { name: 'Confirm the minutes' })).toHaveCount(0);
	await expect(observer.getByTestId('circulation-comment')).toHaveCount(0);

	// The secretary sees both answers.
	await secretary.reload();
	await expect(secretary.getByTestId('circulation-answers')).toContainText('ขอแก้ชื่อหน่วยงานในระเบียบวาระที่ 2');
	await expect(secretary.getByTestId('circulation-answers')).toContainText('ยืนยัน');
});

import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signInAs } from './support';

const BODY = 'คณะทำงานสหวิชาชีพอำเภอดอกคำใต้';

async function as(browser: Browser, username: string, address: string): Promise<Page> {
	const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': address }, acceptDownloads: true });
	const page = await context.newPage();
	await signInAs(page, username);
	return page;
}

/** Counts the changes a page sends to a live document (sync step 2 or update frames): opening one should send none. */
function documentWrites(page: Page): { count: number } {
	const writes = { count: 0 };
	page.on('websocket', (ws) =>
		ws.on('framesent', ({ payload }) => {
			const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
			if (bytes[0] === 0 && (bytes[1] === 1 || bytes[1] === 2)) writes.count++;
		})
	);
	return writes;
}

/** The id in a meeting's address, picked from the meetings page by its status: a regular meeting, not a case conference. */
async function meetingWithStatus(page: Page, status: string): Promise<string> {
	await page.goto('/meetings');
	await page
		.getByTestId('meeting-row')
		.filter({ hasText: BODY })
		.filter({ hasText: status })
		.filter({ hasNotText: 'ปรึกษารายกรณี' })
		.first()
		.getByRole('link')
		.click();
	await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
	return new URL(page.url()).pathname.split('/')[2]!;
}

test.describe('minutes', () => {
	test('generated after the meeting, commented, approved at the next meeting, frozen, and downloaded as PDF', async ({ browser }) => {
		const secretary = await as(browser, 'nantana', '10.0.1.1');
		const previous = await meetingWithStatus(secretary, 'ปิดประชุมแล้ว');
		const next = await meetingWithStatus(secretary, 'นัดไว้');

		// The secretary generates the previous meeting's draft; it opens live, with its header, and opening it changes nothing.
		const secretaryWrites = documentWrites(secretary);
		await secretary.goto(`/meetings/${previous}/minutes`);
		// The meeting's title already names the body: the page does not name it twice.
		await expect(secretary.getByTestId('minutes-subtitle')).toContainText(BODY);
		expect((await secretary.getByTestId('minutes-subtitle').textContent())!.split(BODY)).toHaveLength(2);
		await secretary.getByTestId('generate-minutes').click();
		const draft = secretary.getByTestId('minutes-draft');
		await expect(draft).toContainText(`รายงานการประชุม${BODY}`);
		await expect(draft).toContainText('ครั้งที่');
		// The action items are a table, with its header row.
		await expect(draft.locator('table').first().locator('th').first()).toHaveText('ลำดับ');
		await expect(secretary.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		expect(secretaryWrites.count).toBe(0);

		// A member reads it, read-only, and comments on a paragraph; the reader's editor writes nothing either.
		const member = await as(browser, 'piyanuch', '10.0.1.2');
		const memberWrites = documentWrites(member);
		await member.goto(`/meetings/${previous}/minutes`);
		await expect(member.getByTestId('notes-editor').locator('.notes-body')).toHaveAttribute('contenteditable', 'false');
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		expect(memberWrites.count).toBe(0);
		await expect(member.getByTestId('present-person').filter({ hasText: 'นันทนา ใจดี' })).toBeVisible();
		await member.getByTestId('minutes-draft').getByText(/^ครั้งที่/).click();
		await expect(member.getByTestId('comment-quote')).toContainText('ครั้งที่');
		await member.getByLabel('ความเห็นของคุณ').fill('ขอแก้เลขครั้งที่ให้ตรงกับหนังสือเชิญ');
		await member.getByRole('button', { name: 'ส่งความเห็น' }).click();
		await expect(member.getByTestId('minutes-comment')).toContainText('ขอแก้เลขครั้งที่ให้ตรงกับหนังสือเชิญ');
		await secretary.reload();
		await expect(secretary.getByTestId('minutes-comment')).toContainText('พญ.ปิยะนุช จันทร์เพ็ญ');

		// The next meeting starts; its first item approves the previous minutes, with an amendment.
		await secretary.goto(`/meetings/${next}`);
		await secretary.getByRole('button', { name: 'เริ่มประชุม' }).click();
		await expect(secretary.getByTestId('meeting-status')).toHaveText('กำลังประชุม');
		await secretary.goto(`/meetings/${next}/minutes/previous`);
		await expect(secretary.getByTestId('previous-content')).toContainText(`รายงานการประชุม${BODY}`);
		await secretary.getByLabel('รับรองโดยมีการแก้ไข').check();
		await secretary.getByTestId('amendments').fill('แก้เลขครั้งที่ตามหนังสือเชิญ');
		await secretary.getByTestId('approve-previous').click();
		await secretary.getByRole('button', { name: 'ยืนยันรับรอง' }).click();
		await expect(secretary.getByTestId('previous-approved')).toContainText('รับรองแล้ว (ฉบับที่ 1)');
		await expect(secretary.getByTestId('previous-approved')).toContainText('แก้เลขครั้งที่ตามหนังสือเชิญ');

		// The meeting ends; its own draft records the approval.
		await secretary.goto(`/meetings/${next}`);
		await secretary.getByRole('button', { name: 'ปิดประชุม' }).click();
		await secretary.getByRole('button', { name: 'ยืนยันปิดประชุม' }).click();
		await expect(secretary.getByTestId('meeting-status')).toHaveText('ปิดประชุมแล้ว');
		await secretary.goto(`/meetings/${next}/minutes`);
		await secretary.getByTestId('generate-minutes').click();
		await expect(secretary.getByTestId('minutes-draft')).toContainText('โดยมีการแก้ไข ดังนี้ แก้เลขครั้งที่ตามหนังสือเชิญ');

		// The approved minutes are frozen: a version with its hash, downloadable as PDF.
		await member.goto(`/meetings/${previous}/minutes`);
		await expect(member.getByTestId('minutes-status')).toHaveText('รับรองรายงานการประชุมแล้ว');
		await expect(member.getByTestId('minutes-frozen')).toBeVisible();
		await expect(member.getByTestId('version-hash')).toHaveText(/^[0-9a-f]{64}$/);
		const hash = await member.getByTestId('version-hash').textContent();
		const [download] = await Promise.all([member.waitForEvent('download'), member.getByTestId('minutes-version').getByTestId('export-pdf').click()]);
		expect(download.suggestedFilename()).toMatch(/^minutes-\d+-25\d\d-v1\.pdf$/);
		const pdf = readFileSync((await download.path())!);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf.toString('latin1')).toMatch(/Sarabun/);
		expect(hash).toBeTruthy();

		// The secretary sees the approved version once, under the page's one h1; a correction opens on request.
		await secretary.goto(`/meetings/${previous}/minutes`);
		await expect(secretary.getByRole('heading', { level: 1 })).toHaveCount(1);
		await expect(secretary.getByTestId('correction-editor')).toBeHidden();
		await secretary.getByRole('heading', { name: 'แก้ไขรายงานการประชุมที่รับรองแล้ว' }).click();
		await expect(secretary.getByTestId('correction-editor')).toBeVisible();

		// And the meeting itself is read-only now, for its secretary too.
		await secretary.goto(`/meetings/${previous}`);
		await expect(secretary.getByTestId('read-only')).toBeVisible();
	});
});

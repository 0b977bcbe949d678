import { expect, test, type Page } from '@playwright/test';
import { demoId, hydrated, person, visitKept, visitReady } from './support';

/** The hospital's draft referral guideline (open), the police's survey of child labour (open), and a case's item. */
const HOSPITAL_ITEM = `/actions/${demoId('action', 'a2')}`;
const POLICE_ITEM = `/actions/${demoId('action', 'a6')}`;
const CASE_ITEM = `/actions/${demoId('action', 'case:c1:a1')}`;

async function write(page: Page, verb: 'progress' | 'done', text: string) {
	const form = page.locator(`form[action="?/${verb}"]`);
	if (!(await form.isVisible())) await form.locator('xpath=ancestor::details').locator('summary').click();
	await form.locator('textarea[name="text"]').fill(text);
	await form.locator('button[type="submit"]').click();
}

/** The texts of what waits in the device's outbox. */
const keptOnDevice = (page: Page) =>
	page.evaluate(
		() =>
			new Promise<string[]>((resolve, reject) => {
				const open = indexedDB.open('concord:outbox');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					if (!open.result.objectStoreNames.contains('entries')) return resolve([]);
					const all = open.result.transaction('entries').objectStore('entries').getAll();
					all.onsuccess = () => resolve(all.result.map((e: { fields: { text?: string } }) => e.fields.text ?? ''));
				};
			})
	);

test.describe('the outbox: small changes made offline', () => {
	test('progress written offline waits on the device, survives a reload offline, and reaches the server when the network returns', async ({ browser }) => {
		const rep = await person(browser, 'piyanuch', '10.8.0.1');
		await visitKept(rep, HOSPITAL_ITEM);
		const text = 'ร่างแนวทางแล้ว รอผู้อำนวยการโรงพยาบาลลงนาม (บันทึกขณะออฟไลน์)';

		await rep.context().setOffline(true);
		await write(rep, 'progress', text);
		await expect(rep.getByTestId('offline-note')).toBeVisible();
		await expect(rep.getByTestId('outbox-entry')).toHaveAttribute('data-state', 'waiting');
		await expect(rep.getByTestId('outbox-entry')).toContainText(text);
		expect(await keptOnDevice(rep)).toEqual([text]);

		// A reload offline shows the kept page, marked, with what waits.
		await rep.reload();
		await expect(rep.getByTestId('offline-mark')).toBeVisible();
		await expect(rep.getByTestId('outbox-entry')).toContainText(text);

		await rep.context().setOffline(false);
		// Sent once the network is back: the device holds nothing, and the page shows what the server has.
		await expect.poll(() => keptOnDevice(rep), { timeout: 10_000 }).toEqual([]);
		await expect(rep.getByTestId('outbox')).toHaveCount(0);
		await expect(rep.getByText(text)).toBeVisible();

		// The chair, elsewhere, reads it in the item's history.
		const chair = await person(browser, 'wichai', '10.8.0.2');
		await chair.goto(HOSPITAL_ITEM);
		await expect(chair.getByText(text)).toBeVisible();
	});

	test('a change refused on return (the item was dropped meanwhile) is shown with the text kept, until dismissed', async ({ browser }) => {
		const rep = await person(browser, 'somchai', '10.8.0.3');
		await visitKept(rep, POLICE_ITEM);
		const text = 'ตรวจไร่อ้อยครบทั้ง 3 ตำบลแล้ว ไม่พบแรงงานเด็ก';
		await rep.context().setOffline(true);
		await write(rep, 'done', text);
		await expect(rep.getByTestId('outbox-entry')).toHaveAttribute('data-state', 'waiting');

		const chair = await person(browser, 'wichai', '10.8.0.4');
		await chair.goto(POLICE_ITEM);
		const drop = chair.locator('form[action="?/drop"]');
		await drop.locator('xpath=ancestor::details').locator('summary').click();
		await drop.locator('textarea[name="reason"]').fill('รวมเข้ากับงานสำรวจของจังหวัด');
		await drop.locator('button[type="submit"]').click();
		await expect(chair.getByTestId('action-status')).toHaveText(/ยกเลิก|Dropped/);

		await rep.context().setOffline(false);
		const entry = rep.getByTestId('outbox-entry');
		await expect(entry).toHaveAttribute('data-state', 'refused', { timeout: 10_000 });
		await expect(entry).toContainText(text);
		await expect(entry.getByRole('alert')).toBeVisible();
		await entry.getByRole('button').click();
		await expect(rep.getByTestId('outbox')).toHaveCount(0);
	});

	test('a change whose answer was lost on the way back is sent again from the device and written once', async ({ browser }) => {
		const rep = await person(browser, 'piyanuch', '10.8.0.6');
		// The page sends the change itself (a form sent by the browser would leave the page, not keep the change).
		await visitReady(rep, HOSPITAL_ITEM);
		// A text of this attempt's own: a retry must not count what an earlier attempt wrote.
		const text = `ส่งร่างแนวทางให้ทีมสหวิชาชีพแล้ว (คำตอบหายระหว่างทาง, ครั้งที่ ${test.info().retry + 1})`;
		// The change reaches the server, which writes it, but its answer never comes back.
		await rep.route('**/actions/**', async (route) => {
			if (route.request().method() !== 'POST') return route.continue();
			await route.fetch();
			await route.abort('failed');
		});
		await write(rep, 'progress', text);
		await expect(rep.getByTestId('outbox-entry')).toContainText(text);
		await rep.unroute('**/actions/**');

		// Back on the page, the device sends it again: accepted, and the history holds it once.
		await rep.reload();
		await hydrated(rep);
		await expect.poll(() => keptOnDevice(rep), { timeout: 10_000 }).toEqual([]);
		await expect(rep.getByTestId('outbox')).toHaveCount(0);
		await expect(rep.getByText(text)).toHaveCount(1);
	});

	test("a case's item is never kept on the device: offline, the change says it needs the network and the text stays in the form", async ({ browser }) => {
		const member = await person(browser, 'piyanuch', '10.8.0.5');
		await visitReady(member, CASE_ITEM);
		await expect(member.locator('form[action="?/progress"]')).toBeVisible();
		await member.context().setOffline(true);
		const text = 'นัดตรวจร่างกายครั้งที่สองแล้ว';
		await write(member, 'progress', text);
		await expect(member.getByTestId('offline-note')).toHaveAttribute('role', 'alert');
		await expect(member.locator('form[action="?/progress"] textarea')).toHaveValue(text);
		await expect(member.getByTestId('outbox')).toHaveCount(0);
		expect(await keptOnDevice(member)).toEqual([]);
	});
});

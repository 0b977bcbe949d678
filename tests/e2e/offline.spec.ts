import { expect, test, type Browser, type Page } from '@playwright/test';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { decisionsOf, removeDecision } from '../../src/lib/meeting-doc/schema';
import { person, signOut, visitKept, demoId } from './support';

const TYPED = 'บันทึกระหว่างสัญญาณหาย ผู้ใหญ่บ้านจะประสานโรงเรียน';

/** The anti-trafficking committee's next meeting: planned, and left planned by every other test. */
const MEETING = `/meetings/${demoId('meeting', 'dkt-committee:1')}`;

async function openMeeting(browser: Browser, username: string, address: string, url = MEETING): Promise<Page> {
	const page = await person(browser, username, address);
	await visitKept(page, url);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
	return page;
}

const decisionTexts = (page: Page) =>
	page
		.getByTestId('decision')
		.getByLabel('ข้อความมติ')
		.evaluateAll((all) => all.map((e) => (e as HTMLTextAreaElement).value));

const deviceState = (page: Page) =>
	page.evaluate(async () => ({
		databases: (await indexedDB.databases()).map((d) => d.name ?? '').filter((name) => name.startsWith('concord:')),
		caches: await caches.keys(),
		pages: await Promise.all((await caches.keys()).map(async (key) => (await (await caches.open(key)).keys()).map((r) => new URL(r.url).pathname))).then(
			(all) => all.flat()
		)
	}));

test.describe('working offline', () => {
	test('notes typed offline survive a reload offline and reach the server and another member when the network returns; sign-out wipes the device', async ({
		browser
	}) => {
		test.setTimeout(90_000);
		const member = await openMeeting(browser, 'somchai', '10.7.0.1');
		const secretary = await openMeeting(browser, 'darunee', '10.7.0.2');
		member.on('dialog', (dialog) => void dialog.accept());

		await member.context().setOffline(true);
		// The heartbeat and the browser's own event notice the network gone within seconds.
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'offline');
		await member.getByTestId('agenda-item').first().locator('.select').click();
		await member.getByTestId('notes-editor').locator('.notes-body').click();
		await member.keyboard.type(TYPED);
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'offline-kept');
		await expect(member.getByTestId('connection')).not.toHaveAttribute('data-pending', '0');
		await expect(member.getByTestId('connection')).toHaveAttribute('data-kept', 'true');

		// A reload with no network: the kept page, marked offline, with the text from the device.
		await member.reload();
		await expect(member.getByTestId('offline-mark')).toBeVisible();
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'offline-kept');
		await member.getByTestId('agenda-item').first().locator('.select').click();
		await expect(member.getByTestId('notes-editor')).toContainText(TYPED);

		// Back online: the kept changes go to the server, and the other member sees them.
		await member.context().setOffline(false);
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		await expect(member.getByTestId('change-refused')).toHaveCount(0);
		await secretary.getByTestId('agenda-item').first().locator('.select').click();
		await expect(secretary.getByTestId('notes-editor')).toContainText(TYPED);
		// A fresh browser with nothing kept gets the text from the server alone.
		const fresh = await openMeeting(browser, 'darunee', '10.7.0.3');
		await fresh.getByTestId('agenda-item').first().locator('.select').click();
		await expect(fresh.getByTestId('notes-editor')).toContainText(TYPED);

		// Signing out leaves nothing of the member on the device.
		const before = await deviceState(member);
		expect(before.databases.length).toBeGreaterThan(0);
		expect(before.caches.length).toBeGreaterThan(0);
		await signOut(member);
		await expect(async () => {
			const after = await deviceState(member);
			expect(after.databases).toEqual([]);
			expect(after.pages).toEqual([]);
		}).toPass({ timeout: 10_000 });
	});

	test('a case conference visited online is neither cached nor kept, and does not open offline', async ({ browser }) => {
		const conference = `/meetings/${demoId('meeting', 'case:c1:conference')}`;
		const secretary = await person(browser, 'nantana', '10.7.0.4');
		await visitKept(secretary, '/');
		await visitKept(secretary, conference);
		await expect(secretary.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		const kept = await deviceState(secretary);
		expect(kept.pages).toContain('/');
		expect(kept.pages.filter((path) => path.startsWith(conference))).toEqual([]);
		expect(kept.databases).toEqual([]);

		await secretary.context().setOffline(true);
		// The home page, visited before, still opens, marked offline; the conference does not.
		await secretary.goto('/');
		await expect(secretary.getByTestId('offline-mark')).toBeVisible();
		await expect(secretary.goto(conference)).rejects.toThrow();
	});

	test('a change the server refuses is deleted from the device copy too, so a reload does not bring it back', async ({ browser }) => {
		const DECISION = 'ให้โรงเรียนแจ้งเด็กที่ขาดเรียนเกินสองสัปดาห์ต่อศูนย์';
		const secretary = await person(browser, 'darunee', '10.7.0.5');
		await secretary.goto(MEETING);
		await expect(secretary.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		await secretary.locator('textarea[id^="new-decision-"]').fill(DECISION);
		await secretary.getByLabel('หน่วยงานหลัก').last().selectOption({ index: 1 });
		await secretary.getByRole('button', { name: 'บันทึกมติ' }).click();
		await expect(secretary.getByTestId('connection')).toHaveAttribute('data-state', 'saved');

		// The member's copy of what the server sends, to forge a removal a member may not make.
		const member = await person(browser, 'somchai', '10.7.0.6');
		const mirror = new Y.Doc();
		await member.routeWebSocket(/\/collab\//, (ws) => {
			const server = ws.connectToServer();
			ws.onMessage((frame) => server.send(frame));
			server.onMessage((frame) => {
				if (typeof frame !== 'string') {
					const d = decoding.createDecoder(new Uint8Array(frame));
					if (decoding.readVarUint(d) === 0 && [1, 2].includes(decoding.readVarUint(d))) Y.applyUpdate(mirror, decoding.readVarUint8Array(d));
				}
				ws.send(frame);
			});
		});
		await member.goto(MEETING);
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		await expect.poll(() => decisionTexts(member)).toContain(DECISION);

		// The removal lands in the member's device copy, as if made there: the next load sends it.
		const id = [...decisionsOf(mirror).entries()].find(([, d]) => d.get('text') === DECISION)![0];
		const before = Y.encodeStateVector(mirror);
		removeDecision(mirror, id);
		const removal = [...Y.encodeStateAsUpdate(mirror, before)];
		const name = `concord:meeting:${new URL(member.url()).pathname.split('/').pop()}`;
		await member.evaluate(
			({ name, removal }) =>
				new Promise<void>((resolve, reject) => {
					const open = indexedDB.open(name);
					open.onsuccess = () => {
						const tx = open.result.transaction('updates', 'readwrite');
						tx.objectStore('updates').add(new Uint8Array(removal));
						tx.oncomplete = () => (open.result.close(), resolve());
						tx.onerror = () => reject(tx.error);
					};
				}),
			{ name, removal }
		);
		await member.reload();
		await expect(member.getByTestId('change-refused')).toHaveAttribute('data-rule', 'remove');
		await expect.poll(() => decisionTexts(member)).toContain(DECISION);
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'saved');

		// Loaded again from the device: the refused removal is gone from there as well.
		await member.reload();
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		await expect.poll(() => decisionTexts(member)).toContain(DECISION);
		await expect(member.getByTestId('change-refused')).toHaveCount(0);
	});
});

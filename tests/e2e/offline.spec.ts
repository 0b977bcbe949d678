import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { decisionsOf, removeDecision } from '../../src/lib/meeting-doc/schema';
import { person, signInAs, signOut, visitKept, demoId } from './support';

const TYPED = 'บันทึกระหว่างสัญญาณหาย ผู้ใหญ่บ้านจะประสานโรงเรียน';

/** The anti-trafficking committee's next meeting: planned, and left planned by every other test. */
const MEETING = `/meetings/${demoId('meeting', 'dkt-committee:1')}`;

async function openMeeting(browser: Browser, username: string, address: string, url = MEETING): Promise<Page> {
	const page = await person(browser, username, address);
	await visitKept(page, url);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
	return page;
}

/** Opens the notes of the agenda item at `index`. */
async function notesOf(page: Page, index: number) {
	await page.getByTestId('agenda-item').nth(index).locator('.select').click();
	return page.getByTestId('notes-editor').locator('.notes-body');
}

/** The notes as text, without other people's carets (their names are drawn inside the editor). */
const notesText = (page: Page) =>
	page
		.getByTestId('notes-editor')
		.locator('.notes-body')
		.evaluate((e) => {
			const copy = e.cloneNode(true) as HTMLElement;
			copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
			return copy.textContent ?? '';
		});

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

	test('notes whose editor could not be fetched say so and open once it can be: by themselves, or at once on a tap', async ({ browser }) => {
		test.setTimeout(90_000);
		const NOTE = 'เปิดบันทึกได้หลังสัญญาณกลับมา';
		// The editor's code, fetched only after the page is usable, is refused as a dropped network would refuse it.
		const manifest = JSON.parse(readFileSync('.svelte-kit/output/client/.vite/manifest.json', 'utf8')) as Record<string, { file: string } | undefined>;
		const entry = manifest['src/lib/components/meeting/notes-editor.ts'];
		if (!entry) throw new Error('the notes editor is not a chunk of its own in the build');
		const chunk = `/${entry.file}`;
		// No service worker: it would answer from its own copy of the code.
		const context = await browser.newContext({ serviceWorkers: 'block', extraHTTPHeaders: { 'x-forwarded-for': '10.7.0.41' } });
		const member = await context.newPage();
		let refused = 0;
		await member.route(`**${chunk}`, (route) => {
			refused++;
			return route.abort('internetdisconnected');
		});
		await signInAs(member, 'somchai');
		await member.goto(MEETING);
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		await member.getByTestId('agenda-item').first().locator('.select').click();
		const notes = member.getByTestId('notes-editor');
		await expect(notes).toContainText('ยังเปิดบันทึกไม่ได้');
		// Not busy any more (a screen reader may keep quiet about a busy region): the failure is heard.
		await expect(notes).not.toHaveAttribute('aria-busy', 'true');
		// Tried again by itself while the code is still out of reach.
		await expect.poll(() => refused, { timeout: 15_000 }).toBeGreaterThan(1);
		await expect(notes).toContainText('ยังเปิดบันทึกไม่ได้');

		// The code can be reached again: a tap opens the editor at once, with the caret in it.
		await member.unroute(`**${chunk}`);
		await notes.click();
		await expect(notes.locator('.notes-body')).toBeVisible();
		await expect(notes).not.toContainText('ยังเปิดบันทึกไม่ได้');
		await member.keyboard.type(NOTE);
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		const fresh = await openMeeting(browser, 'darunee', '10.7.0.42');
		await fresh.getByTestId('agenda-item').first().locator('.select').click();
		await expect(fresh.getByTestId('notes-editor')).toContainText(NOTE);
		await context.close();
		await fresh.context().close();
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

	test('a link followed offline opens the kept page, marked offline; notes typed there reach the server when the network returns', async ({ browser }) => {
		test.setTimeout(120_000);
		const NOTE = 'ตามลิงก์ขณะออฟไลน์ ครูประจำชั้นจะเยี่ยมบ้านเด็กสามคน';
		const member = await person(browser, 'somchai', '10.7.0.11');
		member.on('dialog', (dialog) => void dialog.accept());
		await visitKept(member, '/');
		// The meeting reached by a link only (the app fetches its data alone): the page is kept whole too.
		await member.locator(`a[href="${MEETING}"]`).first().click();
		await expect(member).toHaveURL(MEETING);
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		await expect.poll(async () => (await deviceState(member)).pages).toContain(MEETING);

		await member.context().setOffline(true);
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'offline');
		// A link in the app, from the meeting to the home page: the kept page, not the browser's error page.
		await member.getByRole('banner').locator('a.brand').click();
		await expect(member).toHaveURL('/');
		await expect(member.getByTestId('offline-mark')).toBeVisible();
		await expect(member.locator('header[data-signed-in]')).toBeVisible();
		// And from the home page to the meeting.
		await member.locator(`a[href="${MEETING}"]`).first().click();
		await expect(member).toHaveURL(MEETING);
		await expect(member.getByTestId('offline-mark')).toBeVisible();
		await (await notesOf(member, 1)).click();
		await member.keyboard.press('Control+End');
		await member.keyboard.type(NOTE);
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'offline-kept');
		await expect(member.getByTestId('connection')).toHaveAttribute('data-kept', 'true');

		// A full navigation offline (an address typed in) to the home page and back: the notes are still on the device.
		await member.goto('/');
		await expect(member.getByTestId('offline-mark')).toBeVisible();
		await member.goto(MEETING);
		await expect(member.getByTestId('offline-mark')).toBeVisible();
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'offline-kept');
		await notesOf(member, 1);
		await expect(member.getByTestId('notes-editor')).toContainText(NOTE);

		await member.context().setOffline(false);
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		const fresh = await openMeeting(browser, 'darunee', '10.7.0.12');
		await notesOf(fresh, 1);
		await expect(fresh.getByTestId('notes-editor')).toContainText(NOTE);
	});

	test('a session ended on the server wipes the device: at once while the workspace is open, and on the next link followed', async ({ browser }) => {
		test.setTimeout(120_000);
		const endEverywhere = async (username: string, address: string) => {
			const elsewhere = await person(browser, username, address);
			await elsewhere.goto('/account');
			await elsewhere.locator('form[action="?/everywhere"] button').click();
			await expect(elsewhere).toHaveURL(/\/signin/);
			await elsewhere.context().close();
		};

		// The workspace open, its socket live: signed out everywhere from another device.
		const member = await person(browser, 'somchai', '10.7.0.21');
		await visitKept(member, '/');
		await visitKept(member, MEETING);
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		await (await notesOf(member, 0)).click();
		await member.keyboard.type('ก');
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		const before = await deviceState(member);
		expect(before.databases).toContain(`concord:meeting:${MEETING.split('/').pop()}`);
		expect(before.pages).toContain(MEETING);
		await endEverywhere('somchai', '10.7.0.22');
		// The server closes the socket for the ended session; the page, still open, wipes the device.
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'closed');
		await expect(async () => {
			const after = await deviceState(member);
			expect(after.databases).toEqual([]);
			expect(after.caches).toEqual([]);
		}).toPass({ timeout: 10_000 });
		// The next page asked of the server: sign-in.
		await member.getByTestId('back-link').click();
		await expect(member).toHaveURL(/\/signin/);

		// No socket open (the home page): the session ends, and the next link followed in the app lands on sign-in and wipes.
		const other = await person(browser, 'darunee', '10.7.0.23');
		await visitKept(other, '/');
		await visitKept(other, MEETING);
		await expect(other.getByTestId('connection')).toHaveAttribute('data-state', 'saved');
		await other.getByRole('banner').locator('a.brand').click();
		await expect(other).toHaveURL('/');
		const kept = await deviceState(other);
		expect(kept.databases.length).toBeGreaterThan(0);
		expect(kept.caches.length).toBeGreaterThan(0);
		await endEverywhere('darunee', '10.7.0.24');
		await other.locator(`a[href="${MEETING}"]`).first().click();
		await expect(other).toHaveURL(/\/signin/);
		await expect(async () => {
			const after = await deviceState(other);
			expect(after.databases).toEqual([]);
			expect(after.caches).toEqual([]);
		}).toPass({ timeout: 10_000 });
	});

	test('500 edits made offline merge with another member’s online edits: both pages converge and the server has both', async ({ browser }) => {
		test.setTimeout(180_000);
		const ONLINE = 'เลขานุการพิมพ์ระหว่างที่สมาชิกออฟไลน์';
		const OFFLINE = Array.from({ length: 500 }, (_, i) => String(i % 10)).join('');
		const member = await openMeeting(browser, 'somchai', '10.7.0.31');
		const secretary = await openMeeting(browser, 'darunee', '10.7.0.32');
		const mine = await notesOf(member, 2);
		const theirs = await notesOf(secretary, 2);

		await member.context().setOffline(true);
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'offline');
		await mine.click();
		await member.keyboard.press('Control+End');
		// One key at a time: 500 separate changes, each its own update.
		for (const key of OFFLINE) await member.keyboard.type(key);
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'offline-kept');
		expect(Number(await member.getByTestId('connection').getAttribute('data-pending'))).toBeGreaterThanOrEqual(500);
		await theirs.click();
		await secretary.keyboard.press('Control+End');
		await secretary.keyboard.type(ONLINE);
		await expect(secretary.getByTestId('connection')).toHaveAttribute('data-state', 'saved');

		const start = Date.now();
		await member.context().setOffline(false);
		await expect
			.poll(
				async () => {
					const [a, b] = await Promise.all([notesText(member), notesText(secretary)]);
					return a === b && a.includes(OFFLINE) && a.includes(ONLINE);
				},
				{ intervals: [20], timeout: 30_000 }
			)
			.toBe(true);
		console.log(`offline merge: 500 edits converged on both pages ${Date.now() - start} ms after reconnecting`);
		await expect(member.getByTestId('connection')).toHaveAttribute('data-state', 'saved');

		const fresh = await openMeeting(browser, 'darunee', '10.7.0.33');
		await notesOf(fresh, 2);
		await expect.poll(() => notesText(fresh)).toContain(OFFLINE);
		expect(await notesText(fresh)).toContain(ONLINE);
		expect(await notesText(fresh)).toBe(await notesText(member));
	});
});

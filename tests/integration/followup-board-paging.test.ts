import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { AccessDenied } from '../../server/access';
import type { DB } from '../../server/db/schema';
import { representativeBoard } from '../../server/followup/board';
import {
	BOARD_PAGE_SIZE,
	boardCounts,
	boardGroupPage,
	boardMore,
	decodeCursor,
	encodeCursor,
	representativeBoardPage
} from '../../server/followup/board-pages';
import { describeEachEngine } from '../support/database';
import { followupAction, makeBody, makeOrganisation, makeUser, seatOn } from '../support/factories';

const DAY = 24 * 3600_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

async function setup(db: Kysely<DB>) {
	const rep = await makeUser(db);
	const police = await makeOrganisation(db, 'สภ.แบ่งหน้า');
	const body = await makeBody(db, { roles: ['chair'] });
	await seatOn(db, { bodyId: body.id, userId: rep.id, organisationId: police.id, role: 'member' });
	const add = (o: Partial<Parameters<typeof followupAction>[1]> = {}) => followupAction(db, { bodyId: body.id, organisationId: police.id, ...o });
	return { rep, police, body, add };
}

/** Every page of the open group, following the cursors; `between` runs after each page. */
async function walk(db: Kysely<DB>, userId: string, limit: number, between: (page: number) => Promise<void> = async () => {}) {
	const seen: string[] = [];
	let after: string | null = null;
	for (let page = 0; page < 100; page++) {
		const r = await boardGroupPage(db, userId, 'open', {}, new Set(), { now: new Date(), after: decodeCursor(after), limit });
		seen.push(...r.items.map((i) => i.id));
		if (!r.next) return seen;
		after = r.next;
		await between(page);
	}
	throw new Error('paging did not end');
}

describeEachEngine('the board a page at a time', (use) => {
	it('pages a group in board order, ties broken by creation and id, each item once', async () => {
		const { db } = use();
		const { rep, add } = await setup(db);
		const same = ago(5);
		for (let i = 0; i < 9; i++) await add({ dueOn: ['2099-01-01', '2099-02-01', null][i % 3]!, createdAt: i % 2 ? same : ago(10 + i) });
		for (let i = 0; i < 4; i++) await add({ dueOn: '2099-02-01', createdAt: same });
		const whole = (await representativeBoard(db, rep.actor)).groups.open.map((i) => i.id);
		expect(whole).toHaveLength(13);
		for (const limit of [1, 4, 5, 13, 20]) expect(await walk(db, rep.id, limit)).toEqual(whole);
	});

	it('neither repeats nor skips an item while items change between pages', async () => {
		const { db } = use();
		const { rep, add } = await setup(db);
		const ids: string[] = [];
		for (let i = 0; i < 12; i++) ids.push(await add({ dueOn: `2099-01-${String(10 + i).padStart(2, '0')}` }));
		let early = '',
			late = '';
		const seen = await walk(db, rep.id, 4, async (page) => {
			if (page !== 0) return;
			// One already passed closes, one earlier appears (behind the reader), one later appears, one not yet seen closes.
			await db.updateTable('action_item').set({ status: 'closed', updated_at: new Date() }).where('id', '=', ids[1]!).execute();
			await db.updateTable('action_item').set({ status: 'closed', updated_at: new Date() }).where('id', '=', ids[8]!).execute();
			early = await add({ dueOn: '2099-01-01' });
			late = await add({ dueOn: '2099-12-01' });
		});
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen).toEqual([...ids.slice(0, 4), ...ids.slice(4).filter((id) => id !== ids[8]), late]);
		expect(seen).not.toContain(early);
	});

	it('counts every group, finished ones over the recent window, and opens a finished group on demand', async () => {
		const { db } = use();
		const { rep, body, add } = await setup(db);
		for (let i = 0; i < 30; i++) await add();
		await add({ status: 'in_progress' });
		const recent = await add({ status: 'closed', updatedAt: ago(2) });
		await add({ status: 'closed', createdAt: ago(400), updatedAt: ago(200) });
		await add({ status: 'dropped', updatedAt: ago(1) });
		const counts = await boardCounts(db, rep.id, {}, new Date());
		expect(counts).toEqual({ open: 30, in_progress: 1, awaiting_report: 0, closed: 1, dropped: 1 });

		const first = await representativeBoardPage(db, rep.actor);
		expect(first.open).toBe(31);
		expect(first.groups.open.items).toHaveLength(BOARD_PAGE_SIZE);
		expect(first.groups.open.count).toBe(30);
		expect(first.groups.open.next).not.toBeNull();
		expect(first.groups.closed).toMatchObject({ loaded: false, items: [], count: 1 });

		const opened = await representativeBoardPage(db, rep.actor, { group: 'closed' });
		expect(opened.groups.closed.items.map((i) => i.id)).toEqual([recent]);
		const more = await boardMore(db, rep.actor, { group: 'open', after: decodeCursor(first.groups.open.next) });
		expect(more.items).toHaveLength(30 - BOARD_PAGE_SIZE);
		expect(more.next).toBeNull();
		expect([...first.groups.open.items, ...more.items].map((i) => i.led)).toEqual(Array(30).fill(true));
		// The URL can pick up where the reader was.
		const resumed = await representativeBoardPage(db, rep.actor, { group: 'open', after: decodeCursor(first.groups.open.next) });
		expect(resumed.groups.open.items.map((i) => i.id)).toEqual(more.items.map((i) => i.id));
		expect((await representativeBoardPage(db, rep.actor, { bodyId: body.id })).groups.open.count).toBe(30);
		await expect(representativeBoardPage(db, null)).rejects.toBeInstanceOf(AccessDenied);
		await expect(boardMore(db, null, { group: 'open' })).rejects.toBeInstanceOf(AccessDenied);
	});

	it('redacts a case’s items on every page for someone off its team', async () => {
		const { db } = use();
		const { rep, body, add } = await setup(db);
		const other = await makeUser(db);
		const caseRow = await db
			.insertInto('case_file')
			.values({
				code: `PG-2569-${crypto.randomUUID().slice(0, 8)}`,
				body_id: body.id,
				category: 'sexual_exploitation',
				sex: 'female',
				age_band: '15_17',
				opened_on: '2026-11-01',
				created_by: other.id,
				created_at: new Date(),
				updated_at: new Date()
			})
			.returning(['id', 'code'])
			.executeTakeFirstOrThrow();
		const ids: string[] = [];
		for (let i = 0; i < 6; i++) ids.push(await add({ dueOn: `2099-01-0${i + 1}`, title: `ลับ ${i}` }));
		await db.updateTable('action_item').set({ case_id: caseRow.id }).where('id', 'in', [ids[1]!, ids[4]!]).execute();
		const titles: string[] = [];
		let after: string | null = null;
		do {
			const r = await boardGroupPage(db, rep.id, 'open', {}, new Set(), { now: new Date(), after: decodeCursor(after), limit: 2 });
			titles.push(...r.items.map((i) => i.title));
			expect(r.items.filter((i) => i.caseCode).every((i) => i.last_text === '')).toBe(true);
			after = r.next;
		} while (after);
		expect(titles.filter((t) => t.startsWith('ลับ'))).toEqual(['ลับ 0', 'ลับ 2', 'ลับ 3', 'ลับ 5']);
		expect(titles.filter((t) => t.includes(caseRow.code))).toHaveLength(2);
	});

	it('takes a malformed cursor for the first page', () => {
		const good = { due: null, created: '2026-12-01 10:00:00.123456+00', id: crypto.randomUUID() };
		expect(decodeCursor(encodeCursor(good))).toEqual(good);
		for (const bad of ['', 'xyz', Buffer.from('[1,2,3]').toString('base64url'), Buffer.from(JSON.stringify(['x', 'y', 'z'])).toString('base64url')])
			expect(decodeCursor(bad)).toBeUndefined();
	});
});

import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { AccessDenied, type Actor } from '../../server/access';
import type { DB } from '../../server/db/schema';
import { decodeOutstandingCursor, OUTSTANDING_LISTS, outstandingMore, outstandingPage, type OutstandingList } from '../../server/followup/outstanding-pages';
import { followupOverview } from '../../server/followup/overview';
import { describeEachEngine } from '../support/database';
import { followupAction, followupMeeting, makeBody, makeOrganisation, makeUser } from '../support/factories';
import { bangkokToday } from '../../src/lib/calendar';

type Page = NonNullable<Awaited<ReturnType<typeof outstandingPage>>>;
const period = { from: '2026-01-01', to: '2026-12-31' };
const DAY = 24 * 3600_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const dateIn = (days: number) => bangkokToday(new Date(Date.now() + days * DAY));

/** Every item of one list, a page at a time: from the view's first screen, then through "show more". */
async function walk(db: Kysely<DB>, actor: Actor, bodyId: string, list: OutstandingList, limit: number) {
	const first = (await outstandingPage(db, actor, bodyId, period, { limit }))!;
	const items = [...first.lists[list].items];
	const pages = [first.lists[list].items];
	let next = first.lists[list].next;
	while (next) {
		const page = (await outstandingMore(db, actor, bodyId, { list, after: decodeOutstandingCursor(next), limit }))!;
		items.push(...page.items);
		pages.push(page.items);
		next = page.next;
	}
	return { items, pages, count: first.lists[list].count };
}

/** The order the lists promise: name byte-wise, organisation, due date nulls last, creation to the microsecond, id. */
async function inPromisedOrder(db: Kysely<DB>, items: { id: string; lead_th: string; lead_organisation_id: string; due_on: string | null }[]) {
	const created = new Map(
		(
			await db
				.selectFrom('action_item')
				.select(['id', sql<string>`(extract(epoch from created_at) * 1000000)::bigint::text`.as('micros')])
				.where(
					'id',
					'in',
					items.map((i) => i.id)
				)
				.execute()
		).map((r) => [r.id, BigInt(r.micros)])
	);
	const cmp = <T>(a: T, b: T) => (a < b ? -1 : a > b ? 1 : 0);
	return [...items]
		.sort(
			(a, b) =>
				cmp(a.lead_th, b.lead_th) ||
				cmp(a.lead_organisation_id, b.lead_organisation_id) ||
				(a.due_on === b.due_on ? 0 : a.due_on === null ? 1 : b.due_on === null ? -1 : cmp(a.due_on, b.due_on)) ||
				cmp(created.get(a.id)!, created.get(b.id)!) ||
				cmp(a.id, b.id)
		)
		.map((i) => i.id);
}

describeEachEngine('the outstanding view a page at a time', (use) => {
	it('pages each list in a stable order with its count, each item once while items change between pages', async () => {
		const { db } = use();
		const b = await makeBody(db, { roles: ['chair', 'member'] });
		const chair = b.seats.chair!.actor;
		const other = await makeOrganisation(db, 'กขค.หน่วยแรก');
		const orgs = [b.seats.member!.organisationId, other.id];
		const same = new Date(Date.now() - 86_400_000);
		const ids: string[] = [];
		for (let i = 0; i < 14; i++)
			ids.push(await followupAction(db, { bodyId: b.id, organisationId: orgs[i % 2]!, dueOn: i % 4 ? `2099-0${(i % 3) + 1}-01` : null, createdAt: same }));

		const first = (await outstandingPage(db, chair, b.id, period, { limit: 4 }))!;
		expect(first.lists.items.count).toBe(14);
		expect(first.counts.open).toBe(14);
		expect(first.lists.items.items).toHaveLength(4);
		expect(first.lists.overdue).toEqual({ items: [], next: null, count: 0 });

		// Between pages: one item not yet seen closes, one already seen closes, a new one appears.
		const seen = first.lists.items.items.map((i) => i.id);
		const unseen = ids.find((id) => !seen.includes(id))!;
		await db.updateTable('action_item').set({ status: 'closed' }).where('id', 'in', [seen[0]!, unseen]).execute();
		const added = await followupAction(db, { bodyId: b.id, organisationId: other.id, dueOn: '2099-09-09' });
		let after = first.lists.items.next;
		while (after) {
			const page: Page = (await outstandingPage(db, chair, b.id, period, { list: 'items', after: decodeOutstandingCursor(after), limit: 4 }))!;
			seen.push(...page.lists.items.items.map((i) => i.id));
			after = page.lists.items.next;
		}
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen).not.toContain(unseen);
		expect(seen).toContain(added);
		expect(new Set(seen)).toEqual(new Set([...ids.filter((id) => id !== unseen), added]));

		// The same walk twice gives the same order.
		const walk = async (list: OutstandingList) => {
			const out: string[] = [];
			let cursor: string | null = null;
			do {
				const page: Page = (await outstandingPage(db, chair, b.id, period, { list, after: decodeOutstandingCursor(cursor), limit: 3 }))!;
				out.push(...page.lists[list].items.map((i) => i.id));
				cursor = page.lists[list].next;
			} while (cursor);
			return out;
		};
		expect(await walk('items')).toEqual(await walk('items'));
		expect(await walk('items')).toHaveLength(13);
	});

	it('redacts a case’s items on every page and checks access first', async () => {
		const { db } = use();
		const b = await makeBody(db, { roles: ['chair', 'member'] });
		const owner = await makeUser(db);
		const caseRow = await db
			.insertInto('case_file')
			.values({
				code: `OP-2569-${crypto.randomUUID().slice(0, 8)}`,
				body_id: b.id,
				category: 'sexual_exploitation',
				sex: 'female',
				age_band: '15_17',
				opened_on: '2026-11-01',
				created_by: owner.id,
				created_at: new Date(),
				updated_at: new Date()
			})
			.returning(['id', 'code'])
			.executeTakeFirstOrThrow();
		const ids: string[] = [];
		for (let i = 0; i < 7; i++)
			ids.push(await followupAction(db, { bodyId: b.id, organisationId: b.seats.member!.organisationId, dueOn: `2099-01-0${i + 1}`, title: `ลับ ${i}` }));
		await db.updateTable('action_item').set({ case_id: caseRow.id }).where('id', 'in', [ids[2]!, ids[6]!]).execute();
		const titles: string[] = [];
		let after: string | null = null;
		do {
			const page: Page = (await outstandingPage(db, b.seats.chair!.actor, b.id, period, { list: 'items', after: decodeOutstandingCursor(after), limit: 2 }))!;
			titles.push(...page.lists.items.items.map((i) => i.title));
			after = page.lists.items.next;
		} while (after);
		expect(titles.filter((t) => t.startsWith('ลับ'))).toEqual(['ลับ 0', 'ลับ 1', 'ลับ 3', 'ลับ 4', 'ลับ 5']);
		expect(titles.filter((t) => t.includes(caseRow.code))).toHaveLength(2);
		await expect(outstandingPage(db, b.seats.member!.actor, b.id, period)).rejects.toBeInstanceOf(AccessDenied);
		expect(decodeOutstandingCursor('nonsense')).toBeUndefined();
	});

	it('counts in the database what the whole view counts, and pages every list in one total order', async () => {
		const { db } = use();
		const b = await makeBody(db, { roles: ['chair', 'member'] });
		const chair = b.seats.chair!.actor;
		// Names whose byte order differs from Thai dictionary order (a leading vowel, Latin), and two organisations of one name.
		const names = ['แม่สายพัฒนา', 'กขค.หน่วยแรก', 'Zeta Foundation', 'หน่วยซ้ำ', 'หน่วยซ้ำ'];
		const orgs = [b.seats.member!.organisationId];
		for (const name of names) orgs.push((await makeOrganisation(db, name)).id);
		await followupMeeting(db, { bodyId: b.id, startsAt: ago(60) });
		await followupMeeting(db, { bodyId: b.id, startsAt: ago(30), status: 'minutes_approved' });
		await followupMeeting(db, { bodyId: b.id, startsAt: new Date(Date.now() + 10 * DAY), status: 'planned' });
		const dues = [dateIn(-3), dateIn(4), dateIn(30), null, dateIn(-40)];
		const same = ago(1);
		const ids: string[] = [];
		for (let i = 0; i < 30; i++)
			ids.push(
				await followupAction(db, {
					bodyId: b.id,
					organisationId: orgs[i % orgs.length]!,
					dueOn: dues[i % dues.length]!,
					// Old items have sat through both held meetings without a report-back: flagged.
					createdAt: i % 3 === 0 ? ago(90) : same,
					status: (['open', 'in_progress', 'awaiting_report'] as const)[i % 3]
				})
			);
		// Two items a microsecond apart, apart from that alike: creation orders them, not their ids.
		const [early, late] = [ids[0]!, ids[6]!].sort().reverse();
		await sql`update action_item set created_at = '2026-11-01 00:00:00.000001+00', due_on = null, lead_organisation_id = ${orgs[1]} where id = ${early}`.execute(
			db
		);
		await sql`update action_item set created_at = '2026-11-01 00:00:00.000002+00', due_on = null, lead_organisation_id = ${orgs[1]} where id = ${late}`.execute(
			db
		);
		await followupAction(db, { bodyId: b.id, organisationId: orgs[2]!, status: 'closed', dueOn: dateIn(-3) });

		const whole = (await followupOverview(db, chair, b.id, period))!;
		const first = (await outstandingPage(db, chair, b.id, period, { limit: 4 }))!;
		expect(first.counts).toEqual(whole.counts);
		expect(first.counts.open).toBe(30);
		expect(whole.counts.flagged).toBeGreaterThan(0);
		expect(whole.counts.dueBeforeNext).toBeGreaterThan(0);
		expect(first.organisations).toEqual(whole.organisations);
		expect(first.organisations).toHaveLength(orgs.length);
		for (const list of OUTSTANDING_LISTS) {
			const { items, pages, count } = await walk(db, chair, b.id, list, 4);
			expect(count).toBe(whole[list].length);
			expect(pages.slice(0, -1).every((p) => p.length === 4)).toBe(true);
			expect(items.map((i) => i.id)).toEqual(await inPromisedOrder(db, whole[list]));
			expect(items).toEqual(
				expect.arrayContaining(
					whole[list].map((i) => expect.objectContaining({ id: i.id, flagged: i.flagged, meetingsWithoutReport: i.meetingsWithoutReport }))
				)
			);
		}
		const all = (await walk(db, chair, b.id, 'items', 3)).items.map((i) => i.id);
		expect(all.indexOf(early!)).toBe(all.indexOf(late!) - 1);
	});

	it('pages the flagged and overdue lists without an item twice or skipped while items leave and join them', async () => {
		const { db } = use();
		const b = await makeBody(db, { roles: ['chair', 'member'] });
		const chair = b.seats.chair!.actor;
		const org = b.seats.member!.organisationId;
		const held = await followupMeeting(db, { bodyId: b.id, startsAt: ago(60) });
		await followupMeeting(db, { bodyId: b.id, startsAt: ago(30) });
		for (let i = 0; i < 10; i++) await followupAction(db, { bodyId: b.id, organisationId: org, dueOn: dateIn(-20 + i), createdAt: ago(90) });

		for (const list of ['flagged', 'overdue'] as const) {
			const before = (await followupOverview(db, chair, b.id, period))![list].map((i) => i.id);
			const first = (await outstandingPage(db, chair, b.id, period, { limit: 3 }))!;
			expect(first.lists[list].count).toBe(before.length);
			expect(before.length).toBeGreaterThanOrEqual(10);
			const seen = first.lists[list].items.map((i) => i.id);
			const unseen = before.find((id) => !seen.includes(id))!;
			// One unseen item leaves the list (reported back, or given a later date), one seen item closes, a new one joins.
			if (list === 'flagged')
				await db
					.insertInto('action_update')
					.values({ action_item_id: unseen, author_id: null, at: ago(1), kind: 'report_back', text: 'รายงานแล้ว', meeting_id: held, detail: null })
					.execute();
			else
				await db
					.updateTable('action_item')
					.set({ due_on: dateIn(50) })
					.where('id', '=', unseen)
					.execute();
			await db.updateTable('action_item').set({ status: 'closed' }).where('id', '=', seen[0]!).execute();
			const added = await followupAction(db, { bodyId: b.id, organisationId: org, dueOn: dateIn(-1), createdAt: ago(80) });
			let next = first.lists[list].next;
			while (next) {
				const page = (await outstandingMore(db, chair, b.id, { list, after: decodeOutstandingCursor(next), limit: 3 }))!;
				seen.push(...page.items.map((i) => i.id));
				next = page.next;
			}
			expect(new Set(seen).size).toBe(seen.length);
			expect(seen).not.toContain(unseen);
			expect(new Set(seen)).toEqual(new Set([...before.filter((id) => id !== unseen), added]));
			expect((await outstandingPage(db, chair, b.id, period))!.lists[list].count).toBe(seen.length - 1);
		}
	});

	it('redacts a case’s items on every page of every list, and checks access before "show more"', async () => {
		const { db } = use();
		const b = await makeBody(db, { roles: ['chair', 'member'] });
		const owner = await makeUser(db);
		const caseRow = await db
			.insertInto('case_file')
			.values({
				code: `OQ-2569-${crypto.randomUUID().slice(0, 8)}`,
				body_id: b.id,
				category: 'sexual_exploitation',
				sex: 'female',
				age_band: '15_17',
				opened_on: '2026-11-01',
				created_by: owner.id,
				created_at: new Date(),
				updated_at: new Date()
			})
			.returning(['id', 'code'])
			.executeTakeFirstOrThrow();
		await followupMeeting(db, { bodyId: b.id, startsAt: ago(60) });
		await followupMeeting(db, { bodyId: b.id, startsAt: ago(30) });
		await followupMeeting(db, { bodyId: b.id, startsAt: new Date(Date.now() + 10 * DAY), status: 'planned' });
		const ids: string[] = [];
		for (let i = 0; i < 8; i++)
			ids.push(
				await followupAction(db, {
					bodyId: b.id,
					organisationId: b.seats.member!.organisationId,
					dueOn: i % 2 ? dateIn(-1 - i) : dateIn(1 + i),
					createdAt: ago(90),
					title: `ลับ ${i}`
				})
			);
		const secret = [ids[1]!, ids[2]!, ids[7]!];
		await db.updateTable('action_item').set({ case_id: caseRow.id }).where('id', 'in', secret).execute();
		const chair = b.seats.chair!.actor;
		for (const list of OUTSTANDING_LISTS) {
			const { pages, items, count } = await walk(db, chair, b.id, list, 1);
			expect(items).toHaveLength(count);
			expect(count).toBeGreaterThan(1);
			for (const page of pages)
				for (const item of page) {
					expect(item.title.startsWith('ลับ')).toBe(!secret.includes(item.id));
					if (secret.includes(item.id)) expect([item.title.includes(caseRow.code), item.caseCode]).toEqual([true, caseRow.code]);
				}
		}
		// On the case's team, the chair sees its items whole.
		await db
			.insertInto('case_team')
			.values({ case_id: caseRow.id, user_id: b.seats.chair!.id, organisation_id: b.seats.chair!.organisationId, added_by: owner.id, added_at: new Date() })
			.execute();
		expect((await walk(db, chair, b.id, 'items', 3)).items.every((i) => i.title.startsWith('ลับ') && i.caseCode === null)).toBe(true);
		await expect(outstandingMore(db, b.seats.member!.actor, b.id, { list: 'items' })).rejects.toBeInstanceOf(AccessDenied);
		expect(
			decodeOutstandingCursor(Buffer.from(JSON.stringify(['x', 'not-a-uuid', null, '2026-01-01 00:00:00+00', ids[0]])).toString('base64url'))
		).toBeUndefined();
	});
});

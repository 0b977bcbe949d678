import { expect, it } from 'vitest';
import { AccessDenied } from '../../server/access';
import { decodeOutstandingCursor, outstandingPage, type OutstandingList } from '../../server/followup/outstanding-pages';
import { describeEachEngine } from '../support/database';
import { followupAction, makeBody, makeOrganisation, makeUser } from '../support/factories';

type Page = NonNullable<Awaited<ReturnType<typeof outstandingPage>>>;
const period = { from: '2026-01-01', to: '2026-12-31' };

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
});

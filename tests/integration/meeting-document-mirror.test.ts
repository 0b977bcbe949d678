import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CollabServer } from '../../server/collab/server';
import type { DB } from '../../server/db/schema';
import { seedDemo } from '../../server/demo/seed';
import { projectDocument } from '../../server/meetings/projector';
import { documentName, ensureDocument } from '../../server/meetings/service';
import { getTemplate } from '../../server/meetings/template';
import { actionsOf, agendaOf, decisionsOf } from '../../src/lib/meeting-doc/schema';
import { describeEachEngine } from '../support/database';
import { followupAction, followupDecision, followupMeeting, makeBody } from '../support/factories';
import { liveDocuments } from '../support/minutes-factories';

/** The whole read model of every meeting, row by row, as SQL holds it. */
async function readModel(db: Kysely<DB>) {
	return {
		agenda_item: await db.selectFrom('agenda_item').selectAll().orderBy('id').execute(),
		decision: await db.selectFrom('decision').selectAll().orderBy('id').execute(),
		decision_organisation: await db.selectFrom('decision_organisation').selectAll().orderBy('decision_id').orderBy('organisation_id').execute(),
		action_item: await db.selectFrom('action_item').selectAll().orderBy('id').execute(),
		action_item_organisation: await db.selectFrom('action_item_organisation').selectAll().orderBy('action_item_id').orderBy('organisation_id').execute(),
		attendance: await db.selectFrom('attendance').selectAll().orderBy('meeting_id').orderBy('organisation_id').execute()
	};
}

describeEachEngine('a meeting document created after SQL already holds its rows', (use) => {
	let collab: CollabServer;
	beforeAll(() => {
		collab = liveDocuments(use().db);
	});
	afterAll(() => collab?.close());

	/** The live document as it is now (a copy), as the projector gets it. */
	async function documentOf(meetingId: string): Promise<Y.Doc> {
		let state: Uint8Array = new Uint8Array();
		await collab.change(documentName(meetingId), (d) => (state = Y.encodeStateAsUpdate(d)));
		const doc = new Y.Doc();
		Y.applyUpdate(doc, state);
		return doc;
	}

	/** What opening the workspace does: create the document, then its projection runs. */
	async function open(meetingId: string) {
		await ensureDocument(use().db, collab, meetingId);
		const doc = await documentOf(meetingId);
		const done = await projectDocument(use().db, meetingId, doc);
		// The mirror is faithful: nothing in it fails the projection's checks.
		expect(done?.problems).toEqual([]);
		expect(done?.applied?.problems).toEqual([]);
		return doc;
	}

	it('changes no row when a reader (an observer) is the first to open each demo meeting', async () => {
		const { db } = use();
		await seedDemo(db, new Date('2026-11-28T00:00:00Z'));
		const before = await readModel(db);
		const meetings = await db.selectFrom('meeting').select(['id']).execute();
		for (const m of meetings) {
			await ensureDocument(db, collab, m.id, false);
			await projectDocument(db, m.id, await documentOf(m.id));
		}
		expect(await readModel(db)).toEqual(before);
	});

	it('opens every demo meeting without changing a row: SQL’s rows are mirrored, only meetings to be held without an agenda get the template', async () => {
		const { db } = use();
		await seedDemo(db, new Date('2026-11-28T00:00:00Z'));
		const before = await readModel(db);
		expect(before.decision.length).toBeGreaterThan(0);
		expect(before.action_item.length).toBeGreaterThan(0);
		const meetings = await db.selectFrom('meeting').select(['id', 'status', 'body_id', 'case_id']).orderBy('starts_at').execute();

		for (const m of meetings) {
			const doc = await open(m.id);
			// The document holds the meeting's rows under their ids.
			const decisions = before.decision.filter((d) => d.meeting_id === m.id);
			const actions = before.action_item.filter((a) => a.meeting_id === m.id);
			expect([...decisionsOf(doc).keys()].sort()).toEqual(decisions.map((d) => d.id).sort());
			expect([...actionsOf(doc).keys()].sort()).toEqual(actions.map((a) => a.id).sort());
			for (const d of decisions) expect(decisionsOf(doc).get(d.id)!.get('text')).toBe(d.text);
			for (const a of actions)
				expect(actionsOf(doc).get(a.id)!.toJSON()).toMatchObject({
					title: a.title,
					leadOrgId: a.lead_organisation_id,
					assigneeId: a.assignee_id,
					dueOn: a.due_on
				});
		}

		const after = await readModel(db);
		const { agenda_item: agendaAfter, ...restAfter } = after;
		const { agenda_item: agendaBefore, ...restBefore } = before;
		expect(restAfter).toEqual(restBefore);
		// Agenda rows only appeared, from the template, for planned and running meetings that had none.
		expect(agendaAfter.filter((a) => agendaBefore.some((b) => b.id === a.id))).toEqual(agendaBefore);
		const added = agendaAfter.filter((a) => !agendaBefore.some((b) => b.id === a.id));
		const toBeHeld = meetings.filter((m) => (m.status === 'planned' || m.status === 'in_progress') && !agendaBefore.some((a) => a.meeting_id === m.id));
		expect(new Set(added.map((a) => a.meeting_id))).toEqual(new Set(toBeHeld.map((m) => m.id)));
		for (const m of toBeHeld.filter((x) => !x.case_id)) {
			const template = await getTemplate(db, m.body_id);
			expect(
				added
					.filter((a) => a.meeting_id === m.id)
					.sort((a, b) => a.position - b.position)
					.map((a) => a.title)
			).toEqual(template.map((t) => t.title_th));
		}

		// Opening again and projecting again writes nothing, not even a timestamp.
		for (const m of meetings) await open(m.id);
		expect(await readModel(db)).toEqual(after);
	});

	it('mirrors a meeting’s own agenda instead of adding the template, and edits after that reach only what changed', async () => {
		const { db } = use();
		const body = await makeBody(db, { roles: ['chair', 'member'] });
		const member = body.seats.member!;
		const meetingId = await followupMeeting(db, { bodyId: body.id, startsAt: new Date('2026-12-10T02:00:00Z'), status: 'planned' });
		// Prepared in SQL before anyone opened the meeting: an item, a decision on it at position 0, an action.
		const item = crypto.randomUUID();
		await db
			.insertInto('agenda_item')
			.values({
				id: item,
				meeting_id: meetingId,
				title: 'เรื่องสืบเนื่อง',
				position: 4,
				minutes: null,
				presenter_organisation_id: null,
				standing: null,
				links: JSON.stringify([{ url: 'https://example.org/a', label: 'เอกสาร' }])
			})
			.execute();
		const decision = await followupDecision(db, { meetingId, text: 'มติเดิม', lead: member.organisationId, supporting: [body.seats.chair!.organisationId] });
		await db.updateTable('decision').set({ agenda_item_id: item }).where('id', '=', decision).execute();
		const open1 = crypto.randomUUID();
		await db
			.insertInto('action_item')
			.values({
				id: open1,
				body_id: body.id,
				meeting_id: meetingId,
				decision_id: decision,
				title: 'งานที่ยังไม่เริ่ม',
				lead_organisation_id: member.organisationId,
				assignee_id: member.id,
				due_on: null,
				status: 'open',
				closed_meeting_id: null,
				created_at: new Date('2026-11-01T00:00:00Z'),
				updated_at: new Date('2026-11-01T00:00:00Z')
			})
			.execute();
		const followed = await followupAction(db, { bodyId: body.id, organisationId: member.organisationId, meetingId, decisionId: decision });
		const before = await readModel(db);

		const doc = await open(meetingId);
		expect([...agendaOf(doc).keys()]).toEqual([item]);
		expect(await readModel(db)).toEqual(before);

		// A member edits the mirrored action: that row alone changes.
		await collab.change(documentName(meetingId), (d) => actionsOf(d).get(open1)!.set('title', 'งานที่แก้ชื่อแล้ว'));
		await projectDocument(db, meetingId, await documentOf(meetingId));
		const after = await readModel(db);
		expect(after.action_item.find((a) => a.id === open1)).toMatchObject({ title: 'งานที่แก้ชื่อแล้ว' });
		expect(after.action_item.filter((a) => a.id !== open1)).toEqual(before.action_item.filter((a) => a.id !== open1));
		expect(after.decision).toEqual(before.decision);
		expect(after.agenda_item).toEqual(before.agenda_item);
		expect(after.action_item.find((a) => a.id === followed)).toEqual(before.action_item.find((a) => a.id === followed));
	});

	it('gives an ended meeting without an agenda no template', async () => {
		const { db } = use();
		const body = await makeBody(db, { roles: ['chair'] });
		const meetingId = await followupMeeting(db, { bodyId: body.id, startsAt: new Date('2026-10-10T02:00:00Z'), status: 'ended' });
		const doc = await open(meetingId);
		expect(agendaOf(doc).size).toBe(0);
		expect(await db.selectFrom('agenda_item').select('id').where('meeting_id', '=', meetingId).execute()).toEqual([]);
	});
});

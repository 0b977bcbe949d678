import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DB } from '../../server/db/schema';
import { projectDocument } from '../../server/meetings/projector';
import { actionsOf, addAction, addAgendaItem, addDecision, agendaOf, decisionsOf, removedOf } from '../../src/lib/meeting-doc/schema';
import { describeEachEngine } from '../support/database';
import { followupDecision, followupMeeting, makeBody } from '../support/factories';

/**
 * A meeting document is written by any writer of its body with a stock Yjs
 * client, so its ids are whatever they choose. The projection must never let
 * one meeting's document reach another meeting's rows.
 */

/** Everything SQL holds about a set of rows, to compare before and after. */
async function snapshot(db: Kysely<DB>, ids: { agendaItems?: string[]; decisions?: string[]; actions?: string[] }) {
	const none = ['00000000-0000-0000-0000-000000000000'];
	const a = ids.agendaItems?.length ? ids.agendaItems : none;
	const d = ids.decisions?.length ? ids.decisions : none;
	const x = ids.actions?.length ? ids.actions : none;
	return {
		agendaItems: await db.selectFrom('agenda_item').selectAll().where('id', 'in', a).orderBy('id').execute(),
		decisions: await db.selectFrom('decision').selectAll().where('id', 'in', d).orderBy('id').execute(),
		decisionOrgs: await db
			.selectFrom('decision_organisation')
			.selectAll()
			.where('decision_id', 'in', d)
			.orderBy('decision_id')
			.orderBy('organisation_id')
			.execute(),
		actions: await db.selectFrom('action_item').selectAll().where('id', 'in', x).orderBy('id').execute(),
		actionOrgs: await db
			.selectFrom('action_item_organisation')
			.selectAll()
			.where('action_item_id', 'in', x)
			.orderBy('action_item_id')
			.orderBy('organisation_id')
			.execute()
	};
}

/** A tombstone as a stock client would write it, for an id of the attacker's choosing. */
function tombstone(doc: Y.Doc, id: string, kind: 'agenda_item' | 'decision' | 'action') {
	const t = new Y.Map<unknown>();
	removedOf(doc).set(id, t);
	t.set('kind', kind);
	t.set('entity', { id });
	t.set('group', id);
	t.set('removedAt', Date.now());
	t.set('removedBy', null);
}

describeEachEngine('a meeting document reaches only its own meeting’s rows', (use) => {
	async function workingGroup() {
		const { db } = use();
		const body = await makeBody(db, { roles: ['chair', 'secretary', 'member'] });
		const meetingId = await followupMeeting(db, { bodyId: body.id, startsAt: new Date('2026-12-01T02:00:00Z'), status: 'in_progress' });
		return { db, body, member: body.seats.member!, meetingId };
	}

	/** The member's own meeting document with an agenda item and a decision of its own. */
	function ownDocument(lead: string) {
		const doc = new Y.Doc();
		const item = crypto.randomUUID();
		const decision = crypto.randomUUID();
		addAgendaItem(doc, { id: item, title: 'เรื่องอื่น ๆ', minutes: 10, presenterOrgId: null, standing: 'aob' });
		addDecision(doc, { id: decision, agendaItemId: item, text: 'มติของที่ประชุมนี้', leadOrgId: lead, supportingOrgIds: [] });
		return { doc, item, decision };
	}

	it('keeps a case conference’s action with its case, meeting and text when a member writes its id into his own meeting', async () => {
		const { db, body, member, meetingId } = await workingGroup();
		const secretary = body.seats.secretary!;
		const caseRow = await db
			.insertInto('case_file')
			.values({
				code: `OWN-2569-${crypto.randomUUID().slice(0, 8)}`,
				body_id: body.id,
				category: 'labour_trafficking',
				sex: 'male',
				age_band: '15_17',
				opened_on: '2026-11-01',
				created_by: secretary.id,
				created_at: new Date(),
				updated_at: new Date()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const conference = (
			await db
				.insertInto('meeting')
				.values({
					body_id: body.id,
					kind: 'case_conference',
					case_id: caseRow.id,
					title: 'ประชุมปรึกษารายกรณี',
					starts_at: new Date('2026-11-20T02:00:00Z'),
					status: 'in_progress'
				})
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
		// The conference decides; its action is still open and untouched, so its document owns it.
		const conf = ownDocument(secretary.organisationId);
		const caseAction = crypto.randomUUID();
		addAction(conf.doc, {
			id: caseAction,
			decisionId: conf.decision,
			title: 'หาที่พักปลอดภัยให้เด็ก',
			description: 'รายละเอียดของกรณี',
			leadOrgId: secretary.organisationId,
			assigneeId: secretary.id,
			supportingOrgIds: [member.organisationId],
			dueOn: '2026-12-10'
		});
		await projectDocument(db, conference, conf.doc);
		const before = await snapshot(db, { actions: [caseAction] });
		expect(before.actions[0]).toMatchObject({ case_id: caseRow.id, meeting_id: conference, title: 'หาที่พักปลอดภัยให้เด็ก' });

		// The member copies its id into his own meeting's document, under his decision, and later "removes" it.
		const own = ownDocument(member.organisationId);
		addAction(own.doc, {
			id: caseAction,
			decisionId: own.decision,
			title: 'เขียนทับ',
			description: '',
			leadOrgId: member.organisationId,
			assigneeId: member.id,
			supportingOrgIds: [],
			dueOn: null
		});
		const done = await projectDocument(db, meetingId, own.doc);
		expect(done?.applied?.problems).toEqual([{ entity: 'action', id: caseAction, reason: 'foreign_id' }]);
		expect(done?.applied?.actions).toEqual([]);
		expect(await snapshot(db, { actions: [caseAction] })).toEqual(before);

		actionsOf(own.doc).delete(caseAction);
		tombstone(own.doc, caseAction, 'action');
		await projectDocument(db, meetingId, own.doc);
		expect(await snapshot(db, { actions: [caseAction] })).toEqual(before);
		// His own content went in as usual.
		expect(await db.selectFrom('decision').select('id').where('meeting_id', '=', meetingId).execute()).toEqual([{ id: own.decision }]);
	});

	it('does not overwrite or remove a decision of another body’s meeting, nor hang actions on it', async () => {
		const { db, member, meetingId } = await workingGroup();
		const other = await makeBody(db, { roles: ['chair', 'member'] });
		const theirMeeting = await followupMeeting(db, { bodyId: other.id, startsAt: new Date('2026-11-15T02:00:00Z') });
		const theirs = await followupDecision(db, {
			meetingId: theirMeeting,
			text: 'มติของอีกคณะ',
			lead: other.seats.chair!.organisationId,
			supporting: [other.seats.member!.organisationId]
		});
		const before = await snapshot(db, { decisions: [theirs] });

		const own = ownDocument(member.organisationId);
		addDecision(own.doc, { id: theirs, agendaItemId: own.item, text: 'เขียนทับมติ', leadOrgId: member.organisationId, supportingOrgIds: [] });
		const hung = crypto.randomUUID();
		addAction(own.doc, {
			id: hung,
			decisionId: theirs,
			title: 'งานใต้มติของคนอื่น',
			description: '',
			leadOrgId: member.organisationId,
			assigneeId: null,
			supportingOrgIds: [],
			dueOn: null
		});
		const done = await projectDocument(db, meetingId, own.doc);
		expect(done?.applied?.problems).toEqual(
			expect.arrayContaining([
				{ entity: 'decision', id: theirs, reason: 'foreign_id' },
				{ entity: 'action', id: hung, reason: 'foreign_parent' }
			])
		);
		expect(await snapshot(db, { decisions: [theirs] })).toEqual(before);
		expect(await db.selectFrom('action_item').select('id').where('id', '=', hung).execute()).toEqual([]);

		decisionsOf(own.doc).delete(theirs);
		tombstone(own.doc, theirs, 'decision');
		await projectDocument(db, meetingId, own.doc);
		expect(await snapshot(db, { decisions: [theirs] })).toEqual(before);
	});

	it('cannot move, rename or remove an agenda item of another meeting', async () => {
		const { db, body, member, meetingId } = await workingGroup();
		const lastMonth = await followupMeeting(db, { bodyId: body.id, startsAt: new Date('2026-11-01T02:00:00Z'), status: 'in_progress' });
		const previous = ownDocument(member.organisationId);
		addAgendaItem(previous.doc, { id: crypto.randomUUID(), title: 'ติดตามผล', minutes: 20, presenterOrgId: null, standing: 'followup' });
		await projectDocument(db, lastMonth, previous.doc);
		const before = await snapshot(db, { agendaItems: [previous.item], decisions: [previous.decision] });
		expect(before.agendaItems[0]).toMatchObject({ meeting_id: lastMonth, position: 1 });

		const own = ownDocument(member.organisationId);
		addAgendaItem(own.doc, { id: previous.item, title: 'ชื่อใหม่', minutes: 5, presenterOrgId: member.organisationId, standing: null, order: 99 });
		const done = await projectDocument(db, meetingId, own.doc);
		expect(done?.applied?.problems).toEqual([{ entity: 'agenda_item', id: previous.item, reason: 'foreign_id' }]);
		expect(await snapshot(db, { agendaItems: [previous.item], decisions: [previous.decision] })).toEqual(before);

		agendaOf(own.doc).delete(previous.item);
		tombstone(own.doc, previous.item, 'agenda_item');
		tombstone(own.doc, previous.decision, 'decision');
		await projectDocument(db, meetingId, own.doc);
		expect(await snapshot(db, { agendaItems: [previous.item], decisions: [previous.decision] })).toEqual(before);
	});

	it('leaves rows the document does not contain, and removes its own only through their tombstones', async () => {
		const { db, member, meetingId } = await workingGroup();
		// Recorded in SQL (a correction), never in the document.
		const recorded = await followupDecision(db, { meetingId, text: 'มติที่บันทึกภายหลัง', lead: member.organisationId });
		const own = ownDocument(member.organisationId);
		const action = crypto.randomUUID();
		addAction(own.doc, {
			id: action,
			decisionId: own.decision,
			title: 'ประสานงาน',
			description: '',
			leadOrgId: member.organisationId,
			assigneeId: null,
			supportingOrgIds: [],
			dueOn: null
		});
		await projectDocument(db, meetingId, own.doc);

		// A stock client deletes the entries without tombstones: nothing leaves SQL.
		actionsOf(own.doc).delete(action);
		decisionsOf(own.doc).delete(own.decision);
		await projectDocument(db, meetingId, own.doc);
		const decisions = async () => (await db.selectFrom('decision').select('id').where('meeting_id', '=', meetingId).orderBy('id').execute()).map((d) => d.id);
		expect(await decisions()).toEqual([recorded, own.decision].sort());
		expect(await db.selectFrom('action_item').select('id').where('id', '=', action).execute()).toHaveLength(1);

		// Their tombstones remove them; the recorded decision stays.
		tombstone(own.doc, action, 'action');
		tombstone(own.doc, own.decision, 'decision');
		await projectDocument(db, meetingId, own.doc);
		expect(await decisions()).toEqual([recorded]);
		expect(await db.selectFrom('action_item').select('id').where('id', '=', action).execute()).toEqual([]);
	});
});

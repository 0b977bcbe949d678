import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyProjection } from '../../server/meetings/apply-projection';
import { projectMeeting, type ProjectionContext } from '../../server/meetings/projection';
import { actionsOf, addAction, addAgendaItem, addDecision, removeDecision, setAttendance } from '../../src/lib/meeting-doc/schema';
import { describeEachEngine } from '../support/database';
import { makeBody } from '../support/factories';

describeEachEngine('meeting read model in SQL', (use) => {
	async function setup() {
		const { db } = use();
		const body = await makeBody(db, { roles: ['chair', 'member'] });
		const meeting = await db
			.insertInto('meeting')
			.values({ body_id: body.id, title: 'ประชุมประจำเดือน', starts_at: new Date('2026-12-01T02:00:00Z') })
			.returning('id')
			.executeTakeFirstOrThrow();
		const chair = body.seats.chair!;
		const member = body.seats.member!;
		const ctx: ProjectionContext = { meetingId: meeting.id, bodyId: body.id, organisationIds: new Set([chair.organisationId, member.organisationId]), userIds: new Set([chair.id, member.id]) };
		return { db, ctx, chair, member };
	}

	it('upserts by id, idempotently, and follows removals', async () => {
		const { db, ctx, chair, member } = await setup();
		const doc = new Y.Doc();
		const item = crypto.randomUUID();
		const decision = crypto.randomUUID();
		const action = crypto.randomUUID();
		addAgendaItem(doc, { id: item, title: 'กรณีใหม่และเบาะแส', minutes: 30, presenterOrgId: member.organisationId, standing: 'cases' });
		addDecision(doc, { id: decision, agendaItemId: item, text: 'ส่งต่อกรณีให้บ้านพักเด็ก', leadOrgId: member.organisationId, supportingOrgIds: [chair.organisationId] });
		addAction(doc, { id: action, decisionId: decision, title: 'ประสานบ้านพักเด็ก', description: 'ภายในสัปดาห์นี้', leadOrgId: member.organisationId, assigneeId: member.id, supportingOrgIds: [], dueOn: '2026-12-20' });
		setAttendance(doc, member.organisationId, 'present');

		await applyProjection(db, ctx.meetingId, projectMeeting(doc, ctx));
		await applyProjection(db, ctx.meetingId, projectMeeting(doc, ctx));
		expect(await db.selectFrom('agenda_item').select(['id', 'title', 'links']).where('meeting_id', '=', ctx.meetingId).execute()).toEqual([{ id: item, title: 'กรณีใหม่และเบาะแส', links: [] }]);
		const orgs = await db.selectFrom('decision_organisation').select(['organisation_id', 'responsibility']).where('decision_id', '=', decision).orderBy('responsibility').execute();
		expect(orgs).toEqual([{ organisation_id: member.organisationId, responsibility: 'lead' }, { organisation_id: chair.organisationId, responsibility: 'supporting' }]);
		const a = await db.selectFrom('action_item').selectAll().where('id', '=', action).executeTakeFirstOrThrow();
		expect(a).toMatchObject({ status: 'open', assignee_id: member.id, due_on: '2026-12-20', body_id: ctx.bodyId, decision_id: decision });
		expect(await db.selectFrom('attendance').select(['status']).where('meeting_id', '=', ctx.meetingId).execute()).toEqual([{ status: 'present' }]);

		// An edit in the document reaches SQL; removing the decision removes its untouched action.
		actionsOf(doc).get(action)!.set('title', 'ประสานบ้านพักเด็กและครอบครัว');
		await applyProjection(db, ctx.meetingId, projectMeeting(doc, ctx));
		expect((await db.selectFrom('action_item').select('title').where('id', '=', action).executeTakeFirstOrThrow()).title).toBe('ประสานบ้านพักเด็กและครอบครัว');
		removeDecision(doc, decision);
		await applyProjection(db, ctx.meetingId, projectMeeting(doc, ctx));
		expect(await db.selectFrom('decision').select('id').where('meeting_id', '=', ctx.meetingId).execute()).toEqual([]);
		expect(await db.selectFrom('action_item').select('id').where('meeting_id', '=', ctx.meetingId).execute()).toEqual([]);
	});

	it('leaves an action alone once its follow-up has begun in SQL', async () => {
		const { db, ctx, member } = await setup();
		const doc = new Y.Doc();
		const item = crypto.randomUUID();
		const decision = crypto.randomUUID();
		const action = crypto.randomUUID();
		addAgendaItem(doc, { id: item, title: 'สถานการณ์', minutes: null, presenterOrgId: null, standing: null });
		addDecision(doc, { id: decision, agendaItemId: item, text: 'มติ', leadOrgId: member.organisationId, supportingOrgIds: [] });
		addAction(doc, { id: action, decisionId: decision, title: 'งาน', description: '', leadOrgId: member.organisationId, assigneeId: member.id, supportingOrgIds: [], dueOn: null });
		await applyProjection(db, ctx.meetingId, projectMeeting(doc, ctx));
		await db.insertInto('action_update').values({ action_item_id: action, author_id: member.id, at: new Date(), kind: 'progress', text: 'เริ่มแล้ว', meeting_id: null, detail: null }).execute();
		actionsOf(doc).get(action)!.set('title', 'แก้ชื่อในเอกสาร');
		removeDecision(doc, decision);
		await applyProjection(db, ctx.meetingId, projectMeeting(doc, ctx));
		expect((await db.selectFrom('action_item').select('title').where('id', '=', action).executeTakeFirstOrThrow()).title).toBe('งาน');
		expect(await db.selectFrom('decision').select('id').where('id', '=', decision).execute()).toHaveLength(1);
	});
});

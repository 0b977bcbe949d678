import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { events, type DomainEvents } from '../../server/events';
import { applyProjection } from '../../server/meetings/apply-projection';
import { projectMeeting, type ProjectionContext } from '../../server/meetings/projection';
import { projectDocument } from '../../server/meetings/projector';
import {
	actionsOf,
	addAction,
	addAgendaItem,
	addDecision,
	decisionsOf,
	notesOf,
	removeAction,
	addGuest,
	attendanceOf,
	guestsOf,
	removeDecision,
	removeGuest,
	setAbsenceReason,
	setAttendance
} from '../../src/lib/meeting-doc/schema';
import { meetingRows } from '../../server/meetings/repository/projection-rows';
import { mirrorRows } from '../../server/meetings/mirror';
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
		const ctx: ProjectionContext = {
			meetingId: meeting.id,
			bodyId: body.id,
			organisationIds: new Set([chair.organisationId, member.organisationId]),
			userIds: new Set([chair.id, member.id])
		};
		return { db, ctx, chair, member };
	}

	it('upserts by id, idempotently, and follows removals', async () => {
		const { db, ctx, chair, member } = await setup();
		const doc = new Y.Doc();
		const item = crypto.randomUUID();
		const decision = crypto.randomUUID();
		const action = crypto.randomUUID();
		addAgendaItem(doc, { id: item, title: 'กรณีใหม่และเบาะแส', minutes: 30, presenterOrgId: member.organisationId, standing: 'cases' });
		addDecision(doc, {
			id: decision,
			agendaItemId: item,
			text: 'ส่งต่อกรณีให้บ้านพักเด็ก',
			leadOrgId: member.organisationId,
			supportingOrgIds: [chair.organisationId]
		});
		addAction(doc, {
			id: action,
			decisionId: decision,
			title: 'ประสานบ้านพักเด็ก',
			description: 'ภายในสัปดาห์นี้',
			leadOrgId: member.organisationId,
			assigneeId: member.id,
			supportingOrgIds: [],
			dueOn: '2026-12-20'
		});
		setAttendance(doc, member.organisationId, 'present');

		await applyProjection(db, ctx.meetingId, projectMeeting(doc, ctx));
		await applyProjection(db, ctx.meetingId, projectMeeting(doc, ctx));
		expect(await db.selectFrom('agenda_item').select(['id', 'title', 'links']).where('meeting_id', '=', ctx.meetingId).execute()).toEqual([
			{ id: item, title: 'กรณีใหม่และเบาะแส', links: [] }
		]);
		const orgs = await db
			.selectFrom('decision_organisation')
			.select(['organisation_id', 'responsibility'])
			.where('decision_id', '=', decision)
			.orderBy('responsibility')
			.execute();
		expect(orgs).toEqual([
			{ organisation_id: member.organisationId, responsibility: 'lead' },
			{ organisation_id: chair.organisationId, responsibility: 'supporting' }
		]);
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

	it('carries reasons for absence and guests from the document to SQL and back into a new document', async () => {
		const { db, ctx, chair, member } = await setup();
		const doc = new Y.Doc();
		const first = crypto.randomUUID();
		const second = crypto.randomUUID();
		setAttendance(doc, chair.organisationId, 'present');
		setAttendance(doc, member.organisationId, 'apologies');
		setAbsenceReason(doc, member.organisationId, ' ติดราชการ ');
		addGuest(doc, { id: first, name: 'นางสาวสมศรี ใจดี', position: 'นักสังคมสงเคราะห์', organisation: 'มูลนิธิเพื่อเด็ก' });
		addGuest(doc, { id: second, name: 'นายวีระ กล้าหาญ', position: '', organisation: '' });
		await applyProjection(db, ctx.meetingId, projectMeeting(doc, ctx));

		const attendance = () =>
			db.selectFrom('attendance').select(['organisation_id', 'status', 'reason']).where('meeting_id', '=', ctx.meetingId).orderBy('status', 'desc').execute();
		const guests = () =>
			db
				.selectFrom('meeting_guest')
				.select(['id', 'name', 'position', 'organisation', 'sort_order'])
				.where('meeting_id', '=', ctx.meetingId)
				.orderBy('sort_order')
				.execute();
		expect(await attendance()).toEqual([
			{ organisation_id: chair.organisationId, status: 'present', reason: null },
			{ organisation_id: member.organisationId, status: 'apologies', reason: 'ติดราชการ' }
		]);
		expect(await guests()).toEqual([
			{ id: first, name: 'นางสาวสมศรี ใจดี', position: 'นักสังคมสงเคราะห์', organisation: 'มูลนิธิเพื่อเด็ก', sort_order: 1 },
			{ id: second, name: 'นายวีระ กล้าหาญ', position: '', organisation: '', sort_order: 2 }
		]);

		// A new document made from SQL holds the same, and projecting it changes nothing.
		const copy = new Y.Doc();
		mirrorRows(copy, await meetingRows(db, ctx.meetingId));
		expect(attendanceOf(copy).get(member.organisationId)!.toJSON()).toMatchObject({ status: 'apologies', reason: 'ติดราชการ' });
		expect(attendanceOf(copy).get(chair.organisationId)!.get('reason')).toBeNull();
		expect(guestsOf(copy).get(first)!.toJSON()).toEqual({
			id: first,
			name: 'นางสาวสมศรี ใจดี',
			position: 'นักสังคมสงเคราะห์',
			organisation: 'มูลนิธิเพื่อเด็ก',
			order: 1
		});
		expect(projectMeeting(copy, ctx).guests).toEqual(projectMeeting(doc, ctx).guests);
		const byOrg = (d: Y.Doc) => projectMeeting(d, ctx).attendance.sort((a, b) => a.organisation_id.localeCompare(b.organisation_id));
		expect(byOrg(copy)).toEqual(byOrg(doc));

		// A reason cleared and a guest removed in the document leave SQL too.
		setAbsenceReason(copy, member.organisationId, '');
		removeGuest(copy, first);
		await applyProjection(db, ctx.meetingId, projectMeeting(copy, ctx));
		expect((await attendance())[1]).toEqual({ organisation_id: member.organisationId, status: 'apologies', reason: null });
		expect((await guests()).map((g) => [g.id, g.sort_order])).toEqual([[second, 1]]);
	});

	it('leaves an action alone once its follow-up has begun in SQL', async () => {
		const { db, ctx, member } = await setup();
		const doc = new Y.Doc();
		const item = crypto.randomUUID();
		const decision = crypto.randomUUID();
		const action = crypto.randomUUID();
		addAgendaItem(doc, { id: item, title: 'สถานการณ์', minutes: null, presenterOrgId: null, standing: null });
		addDecision(doc, { id: decision, agendaItemId: item, text: 'มติ', leadOrgId: member.organisationId, supportingOrgIds: [] });
		addAction(doc, {
			id: action,
			decisionId: decision,
			title: 'งาน',
			description: '',
			leadOrgId: member.organisationId,
			assigneeId: member.id,
			supportingOrgIds: [],
			dueOn: null
		});
		await applyProjection(db, ctx.meetingId, projectMeeting(doc, ctx));
		await db
			.insertInto('action_update')
			.values({ action_item_id: action, author_id: member.id, at: new Date(), kind: 'progress', text: 'เริ่มแล้ว', meeting_id: null, detail: null })
			.execute();
		actionsOf(doc).get(action)!.set('title', 'แก้ชื่อในเอกสาร');
		removeDecision(doc, decision);
		await applyProjection(db, ctx.meetingId, projectMeeting(doc, ctx));
		expect((await db.selectFrom('action_item').select('title').where('id', '=', action).executeTakeFirstOrThrow()).title).toBe('งาน');
		expect(await db.selectFrom('decision').select('id').where('id', '=', decision).execute()).toHaveLength(1);
	});

	it('projects again after any change to what it reads, and not after typing in the notes', async () => {
		const { db, ctx, chair, member } = await setup();
		const outsider = (
			await db
				.insertInto('organisation')
				.values({
					name_th: 'ภายนอก',
					name_en: 'Outside',
					short_name: 'นอก',
					sector: 'ngo',
					level: 'district',
					area_id: null,
					contact_phone: null,
					contact_email: null,
					contact_address: null
				})
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
		const doc = new Y.Doc();
		const item = crypto.randomUUID();
		const decision = crypto.randomUUID();
		addAgendaItem(doc, { id: item, title: 'สถานการณ์', minutes: null, presenterOrgId: null, standing: null });
		addDecision(doc, { id: decision, agendaItemId: item, text: 'มติ', leadOrgId: member.organisationId, supportingOrgIds: [chair.organisationId] });
		const first = await projectDocument(db, ctx.meetingId, doc);
		const same = (f: string) => f === first!.fingerprint;
		doc.transact(() => notesOf(doc, item).insert(0, [new Y.XmlText('พิมพ์บันทึก')]));
		expect((await projectDocument(db, ctx.meetingId, doc, same))?.applied).toBeNull();

		// A supporter recorded in SQL from outside the body stays on the decision until the document drops it.
		await db.insertInto('decision_organisation').values({ decision_id: decision, organisation_id: outsider, responsibility: 'supporting' }).execute();
		decisionsOf(doc).get(decision)!.set('supportingOrgIds', [chair.organisationId, outsider]);
		const kept = await projectDocument(db, ctx.meetingId, doc, same);
		expect(kept?.problems).toEqual([]);
		decisionsOf(doc).get(decision)!.set('supportingOrgIds', [chair.organisationId]);
		expect((await projectDocument(db, ctx.meetingId, doc, (f) => f === kept!.fingerprint))?.applied).not.toBeNull();
		const orgs = await db
			.selectFrom('decision_organisation')
			.select('organisation_id')
			.where('decision_id', '=', decision)
			.where('responsibility', '=', 'supporting')
			.execute();
		expect(orgs).toEqual([{ organisation_id: chair.organisationId }]);
	});

	it('tells the open boards about every action it creates, changes or removes, and nothing when nothing changed', async () => {
		const { db, ctx, chair, member } = await setup();
		const heard: DomainEvents['action.changed'][] = [];
		const off = events.on('action.changed', (e) => heard.push(e));
		const project = async () => {
			heard.length = 0;
			await applyProjection(db, ctx.meetingId, projectMeeting(doc, ctx));
			return [...heard];
		};
		const doc = new Y.Doc();
		const item = crypto.randomUUID();
		const decision = crypto.randomUUID();
		const action = crypto.randomUUID();
		try {
			addAgendaItem(doc, { id: item, title: 'ติดตามผล', minutes: 20, presenterOrgId: null, standing: 'followup' });
			addDecision(doc, { id: decision, agendaItemId: item, text: 'มติ', leadOrgId: member.organisationId, supportingOrgIds: [] });
			expect(await project()).toEqual([]);

			addAction(doc, {
				id: action,
				decisionId: decision,
				title: 'งานใหม่',
				description: '',
				leadOrgId: member.organisationId,
				assigneeId: member.id,
				supportingOrgIds: [],
				dueOn: '2026-12-20'
			});
			const created = { actionItemId: action, bodyId: ctx.bodyId };
			expect(await project()).toEqual([created]);
			const written = await db.selectFrom('action_item').select('updated_at').where('id', '=', action).executeTakeFirstOrThrow();
			expect(await project()).toEqual([]);
			// Nothing changed, so nothing was written either.
			expect(await db.selectFrom('action_item').select('updated_at').where('id', '=', action).executeTakeFirstOrThrow()).toEqual(written);

			actionsOf(doc).get(action)!.set('dueOn', '2026-12-27');
			expect(await project()).toEqual([created]);
			actionsOf(doc).get(action)!.set('supportingOrgIds', [chair.organisationId]);
			expect(await project()).toEqual([created]);
			// The decision's text is not the action's: boards are not told.
			decisionsOf(doc).get(decision)!.set('text', 'มติที่แก้ถ้อยคำ');
			expect(await project()).toEqual([]);
			removeAction(doc, action);
			expect(await project()).toEqual([created]);
			expect(await db.selectFrom('action_item').select('id').where('id', '=', action).execute()).toEqual([]);
		} finally {
			off();
		}
	});
});

import { expect, it } from 'vitest';
import { AccessDenied, can } from '../../server/access';
import type { Actor } from '../../server/access';
import { events } from '../../server/events';
import { acceptReportBack, carryOver, dropAction, markDone, postProgress, reassign, recordReportBack, startAction } from '../../server/followup/lifecycle';
import { describeEachEngine } from '../support/database';
import { followupAction, followupMeeting, makeBody, makeOrganisation, makeUser, seatOn } from '../support/factories';

const DAY = 24 * 3600_000;

/** The status an AccessDenied carries, or 'allowed'. */
async function refusal(p: Promise<unknown>): Promise<number | 'allowed'> {
	try {
		await p;
		return 'allowed';
	} catch (e) {
		if (e instanceof AccessDenied) return e.status;
		throw e;
	}
}

describeEachEngine('action-item lifecycle', (use) => {
	async function setting() {
		const { db } = use();
		const body = await makeBody(db, { roles: ['chair', 'vice_chair', 'secretary', 'member', 'observer'] });
		const alternate = await makeUser(db);
		await db.updateTable('membership').set({ alternate_user_id: alternate.id }).where('id', '=', body.seats.member!.membershipId).execute();
		const other = await makeBody(db, { roles: ['chair'] });
		// A member of the same body who sits for another organisation.
		const colleague = await makeUser(db);
		await seatOn(db, { bodyId: body.id, userId: colleague.id, organisationId: (await makeOrganisation(db)).id, role: 'member' });
		const outsider = await makeUser(db);
		const admin = await makeUser(db, { admin: true });
		const s = body.seats;
		const meeting = await followupMeeting(db, { bodyId: body.id, startsAt: new Date(Date.now() - 2 * 3600_000), status: 'in_progress' });
		const item = (o: { status?: 'open' | 'in_progress' | 'awaiting_report' } = {}) =>
			followupAction(db, {
				bodyId: body.id,
				organisationId: s.member!.organisationId,
				assigneeId: s.member!.id,
				status: o.status,
				createdAt: new Date(Date.now() - 30 * DAY)
			});
		const people = {
			lead: s.member!.actor,
			alternate: alternate.actor,
			member: colleague.actor,
			chair: s.chair!.actor,
			vice: s.vice_chair!.actor,
			secretary: s.secretary!.actor,
			observer: s.observer!.actor,
			outsider: outsider.actor,
			admin: admin.actor
		} satisfies Record<string, Actor>;
		return { db, body, other, meeting, item, people, s };
	}

	it('writes a change sent again with the same request key once, and answers it as made', async () => {
		const { db, item, people, meeting } = await setting();
		const id = await item();
		const other = await item();
		const entries = async (actionItemId: string) =>
			(
				await db
					.selectFrom('action_update')
					.select(['kind', 'text'])
					.where('action_item_id', '=', actionItemId)
					.where('kind', '!=', 'created')
					.orderBy('id')
					.execute()
			).map((u) => u.kind);
		const key = '5f0c6b9e-2a4d-4c1e-9f7a-3b2d1c0e9a81';

		// The answer was lost on the way back; the outbox sends the same request again.
		expect(await postProgress(db, people.lead, { actionItemId: id, text: 'ประสานโรงเรียนแล้ว', requestKey: key })).toEqual({ ok: true, status: 'in_progress' });
		expect(await postProgress(db, people.lead, { actionItemId: id, text: 'ประสานโรงเรียนแล้ว', requestKey: key })).toEqual({ ok: true, status: 'in_progress' });
		expect(await entries(id)).toEqual(['progress']);
		// Another change has another key; the same key on another item is that item's own.
		await postProgress(db, people.lead, { actionItemId: id, text: 'ลงพื้นที่แล้ว', requestKey: '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6' });
		await postProgress(db, people.lead, { actionItemId: other, text: 'เริ่มแล้ว', requestKey: key });
		expect(await entries(id)).toEqual(['progress', 'progress']);
		expect(await entries(other)).toEqual(['progress']);

		// "Done" sent twice is done once; a second "done" without a key is refused as before.
		const done = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
		expect(await markDone(db, people.lead, { actionItemId: id, text: 'เสร็จ', requestKey: done })).toEqual({ ok: true, status: 'awaiting_report' });
		expect(await markDone(db, people.lead, { actionItemId: id, text: 'เสร็จ', requestKey: done })).toEqual({ ok: true, status: 'awaiting_report' });
		expect((await markDone(db, people.lead, { actionItemId: id, text: 'เสร็จ' })).ok).toBe(false);
		const report = 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e';
		for (let i = 0; i < 2; i++) {
			expect(await recordReportBack(db, people.lead, { actionItemId: id, meetingId: meeting, text: 'รายงานผล', requestKey: report })).toEqual({
				ok: true,
				status: 'awaiting_report'
			});
		}
		expect(await entries(id)).toEqual(['progress', 'progress', 'done', 'report_back']);

		// A key that is not one is refused, and writes nothing.
		expect(await postProgress(db, people.lead, { actionItemId: id, text: 'x', requestKey: 'not-a-key' })).toEqual({
			ok: false,
			errors: { requestKey: 'invalid' }
		});
		expect(await entries(id)).toHaveLength(4);
		// Whoever may not post progress is refused before any key is looked at.
		expect(await refusal(postProgress(db, people.outsider, { actionItemId: id, text: 'x', requestKey: key }))).not.toBe('allowed');
	});

	it('lets the lead organisation’s representatives, and only them, post progress between meetings', async () => {
		const { db, item, people } = await setting();
		const outcome: Record<string, number | 'allowed'> = {};
		for (const [who, actor] of Object.entries(people) as [string, Actor][])
			outcome[who] = await refusal(postProgress(db, actor, { actionItemId: await item(), text: 'ตรวจแล้ว 3 แห่ง' }));
		expect(outcome).toEqual({
			lead: 'allowed',
			alternate: 'allowed',
			member: 403,
			chair: 403,
			vice: 403,
			secretary: 403,
			observer: 403,
			outsider: 404,
			admin: 403
		});
		expect(await refusal(postProgress(db, null, { actionItemId: await item(), text: 'x' }))).toBe(404);
	});

	it('answers who may make each change, by rule', async () => {
		const { db, item, people } = await setting();
		const id = await item();
		const guards = ['action.read', 'action.progress', 'action.report', 'action.accept', 'action.carry_over', 'action.reassign', 'action.drop'] as const;
		const matrix: Record<string, string> = {};
		for (const [who, actor] of Object.entries(people) as [string, Actor][]) {
			const allowed: string[] = [];
			for (const g of guards) if (await can(db, actor, g, { kind: 'action', id })) allowed.push(g.slice('action.'.length));
			matrix[who] = allowed.join(' ');
		}
		expect(matrix).toEqual({
			lead: 'read progress report',
			alternate: 'read progress report',
			member: 'read',
			chair: 'read report accept carry_over reassign drop',
			vice: 'read report accept carry_over reassign',
			secretary: 'read report accept carry_over reassign',
			observer: 'read',
			outsider: '',
			admin: 'read'
		});
	});

	it('records progress with its author and moves an untouched item to in progress', async () => {
		const { db, item, people } = await setting();
		const id = await item();
		expect(await postProgress(db, people.lead, { actionItemId: id, text: '  ' })).toEqual({ ok: false, errors: { text: 'required' } });
		expect(await postProgress(db, people.lead, { actionItemId: id, text: 'ประสานร้านค้าแล้ว 4 ร้าน' })).toEqual({ ok: true, status: 'in_progress' });
		expect(await postProgress(db, people.alternate, { actionItemId: id, text: 'ครบ 9 ร้าน' })).toEqual({ ok: true, status: 'in_progress' });
		const history = await db.selectFrom('action_update').selectAll().where('action_item_id', '=', id).orderBy('id').execute();
		expect(history.map((h) => [h.kind, h.text, h.author_id])).toEqual([
			['created', '', null],
			['progress', 'ประสานร้านค้าแล้ว 4 ร้าน', people.lead.userId],
			['progress', 'ครบ 9 ร้าน', people.alternate.userId]
		]);
		expect(history[1]!.detail).toEqual({ from: 'open', to: 'in_progress' });
	});

	it('walks open → in progress → done, refusing steps out of order with a clear code', async () => {
		const { db, item, people } = await setting();
		const id = await item();
		expect(await startAction(db, people.lead, { actionItemId: id })).toEqual({ ok: true, status: 'in_progress' });
		expect(await startAction(db, people.lead, { actionItemId: id })).toEqual({ ok: false, errors: { action: 'wrong_status' } });
		expect(await markDone(db, people.lead, { actionItemId: id, text: 'อบรมครบแล้ว' })).toEqual({ ok: true, status: 'awaiting_report' });
		expect(await markDone(db, people.lead, { actionItemId: id })).toEqual({ ok: false, errors: { action: 'wrong_status' } });
		expect(await refusal(markDone(db, people.chair, { actionItemId: await item() }))).toBe(403);
	});

	it('closes only when the chair, vice-chair or secretary accepts a report-back at a meeting of the body', async () => {
		const { db, item, people, meeting, body, other } = await setting();
		const id = await item({ status: 'in_progress' });
		expect(await markDone(db, people.lead, { actionItemId: id })).toEqual({ ok: true, status: 'awaiting_report' });
		// Done is not reported: nothing to accept yet.
		expect(await acceptReportBack(db, people.chair, { actionItemId: id, meetingId: meeting })).toEqual({ ok: false, errors: { action: 'no_report_back' } });
		expect(await recordReportBack(db, people.lead, { actionItemId: id, meetingId: meeting, text: '' })).toEqual({ ok: false, errors: { text: 'required' } });
		expect(await recordReportBack(db, people.lead, { actionItemId: id, meetingId: undefined, text: 'รายงาน' })).toEqual({
			ok: false,
			errors: { meetingId: 'required' }
		});
		expect(await recordReportBack(db, people.lead, { actionItemId: id, meetingId: meeting, text: 'ตรวจครบ 9 แห่ง ไม่พบเด็ก' })).toEqual({
			ok: true,
			status: 'awaiting_report'
		});

		const outcome: Record<string, number | 'allowed'> = {};
		for (const who of ['lead', 'alternate', 'member', 'observer', 'outsider', 'admin'] as const) {
			outcome[who] = await refusal(acceptReportBack(db, people[who], { actionItemId: id, meetingId: meeting }));
		}
		expect(outcome).toEqual({ lead: 403, alternate: 403, member: 403, observer: 403, outsider: 404, admin: 403 });

		const elsewhere = await followupMeeting(db, { bodyId: other.id, startsAt: new Date(), status: 'in_progress' });
		const planned = await followupMeeting(db, { bodyId: body.id, startsAt: new Date(Date.now() + 5 * DAY), status: 'planned' });
		expect(await acceptReportBack(db, people.chair, { actionItemId: id, meetingId: elsewhere })).toEqual({ ok: false, errors: { meetingId: 'invalid' } });
		expect(await acceptReportBack(db, people.chair, { actionItemId: id, meetingId: planned })).toEqual({ ok: false, errors: { meetingId: 'not_held' } });
		expect(await acceptReportBack(db, people.vice, { actionItemId: id, meetingId: meeting })).toEqual({ ok: true, status: 'closed' });

		const row = await db.selectFrom('action_item').select(['status', 'closed_meeting_id']).where('id', '=', id).executeTakeFirstOrThrow();
		expect(row).toEqual({ status: 'closed', closed_meeting_id: meeting });
		expect(await postProgress(db, people.lead, { actionItemId: id, text: 'อีกครั้ง' })).toEqual({ ok: false, errors: { action: 'closed' } });
		const kinds = await db.selectFrom('action_update').select(['kind', 'meeting_id']).where('action_item_id', '=', id).orderBy('id').execute();
		expect(kinds).toEqual([
			{ kind: 'created', meeting_id: null },
			{ kind: 'done', meeting_id: null },
			{ kind: 'report_back', meeting_id: meeting },
			{ kind: 'accepted', meeting_id: meeting }
		]);

		for (const officer of ['chair', 'secretary'] as const) {
			const next = await item({ status: 'in_progress' });
			await recordReportBack(db, people.secretary, { actionItemId: next, meetingId: meeting, text: 'เลขานุการบันทึกรายงานแทน' });
			expect(await acceptReportBack(db, people[officer], { actionItemId: next, meetingId: meeting })).toEqual({ ok: true, status: 'closed' });
		}
	});

	it('carries an item over with a new due date and a reason, keeping it open', async () => {
		const { db, item, people, meeting } = await setting();
		const id = await item({ status: 'in_progress' });
		await recordReportBack(db, people.lead, { actionItemId: id, meetingId: meeting, text: 'ยังไม่ครบ' });
		expect(await refusal(carryOver(db, people.lead, { actionItemId: id, dueOn: '2099-01-31', reason: 'x' }))).toBe(403);
		expect(await refusal(carryOver(db, people.observer, { actionItemId: id, dueOn: '2099-01-31', reason: 'x' }))).toBe(403);
		expect(await refusal(carryOver(db, people.member, { actionItemId: id, dueOn: '2099-01-31', reason: 'x' }))).toBe(403);
		expect(await refusal(carryOver(db, people.admin, { actionItemId: id, dueOn: '2099-01-31', reason: 'x' }))).toBe(403);
		expect(await carryOver(db, people.secretary, { actionItemId: id, dueOn: '2020-01-01', reason: 'รอข้อมูล' })).toEqual({
			ok: false,
			errors: { dueOn: 'in_past' }
		});
		expect(await carryOver(db, people.secretary, { actionItemId: id, dueOn: '2099-02-30', reason: 'รอข้อมูล' })).toEqual({
			ok: false,
			errors: { dueOn: 'invalid' }
		});
		expect(await carryOver(db, people.secretary, { actionItemId: id, dueOn: '2099-01-31', reason: '' })).toEqual({ ok: false, errors: { text: 'required' } });
		expect(await carryOver(db, people.secretary, { actionItemId: id, meetingId: meeting, dueOn: '2099-01-31', reason: 'รอผลตรวจจากจังหวัด' })).toEqual({
			ok: true,
			status: 'in_progress'
		});
		// The report that was not accepted cannot be accepted later.
		expect(await acceptReportBack(db, people.chair, { actionItemId: id, meetingId: meeting })).toEqual({ ok: false, errors: { action: 'not_reported' } });
		const row = await db.selectFrom('action_item').select(['status', 'due_on']).where('id', '=', id).executeTakeFirstOrThrow();
		expect(row).toEqual({ status: 'in_progress', due_on: '2099-01-31' });
		const last = await db.selectFrom('action_update').selectAll().where('action_item_id', '=', id).orderBy('id', 'desc').executeTakeFirstOrThrow();
		expect(last).toMatchObject({ kind: 'carried_over', text: 'รอผลตรวจจากจังหวัด', meeting_id: meeting, author_id: people.secretary.userId });
		expect(last.detail).toEqual({ from: 'awaiting_report', to: 'in_progress', from_due: '2099-12-31', to_due: '2099-01-31' });
	});

	it('reassigns to a representative seated for the new organisation, with a reason', async () => {
		const { db, item, people, body, s } = await setting();
		const id = await item();
		const org = await makeOrganisation(db);
		const rep = await makeUser(db);
		const stranger = await makeUser(db);
		await seatOn(db, { bodyId: body.id, userId: rep.id, organisationId: org.id, role: 'member' });
		expect(await refusal(reassign(db, people.lead, { actionItemId: id, organisationId: org.id, assigneeId: rep.id, reason: 'x' }))).toBe(403);
		expect(await reassign(db, people.chair, { actionItemId: id, assigneeId: s.member!.id, reason: 'เหมือนเดิม' })).toEqual({
			ok: false,
			errors: { action: 'no_change' }
		});
		expect(await reassign(db, people.chair, { actionItemId: id, organisationId: org.id, assigneeId: stranger.id, reason: 'โอน' })).toEqual({
			ok: false,
			errors: { assigneeId: 'not_seated' }
		});
		// The old assignee does not sit for the new organisation.
		expect(await reassign(db, people.chair, { actionItemId: id, organisationId: org.id, assigneeId: s.member!.id, reason: 'โอน' })).toEqual({
			ok: false,
			errors: { assigneeId: 'not_seated' }
		});
		expect(await reassign(db, people.chair, { actionItemId: id, organisationId: org.id, assigneeId: rep.id, reason: 'อยู่ในอำนาจหน้าที่ของหน่วยงานนี้' })).toEqual({
			ok: true,
			status: 'open'
		});
		const row = await db.selectFrom('action_item').select(['lead_organisation_id', 'assignee_id']).where('id', '=', id).executeTakeFirstOrThrow();
		expect(row).toEqual({ lead_organisation_id: org.id, assignee_id: rep.id });
		// The new organisation's representative now speaks for it; the old one no longer does.
		expect(await refusal(postProgress(db, rep.actor, { actionItemId: id, text: 'รับเรื่องแล้ว' }))).toBe('allowed');
		expect(await refusal(postProgress(db, people.lead, { actionItemId: id, text: 'x' }))).toBe(403);
		const last = await db
			.selectFrom('action_update')
			.select(['kind', 'detail'])
			.where('action_item_id', '=', id)
			.where('kind', '=', 'reassigned')
			.executeTakeFirstOrThrow();
		expect(last.detail).toEqual({ from_organisation: s.member!.organisationId, to_organisation: org.id, from_assignee: s.member!.id, to_assignee: rep.id });
	});

	it('lets only the chair drop an item, and nothing changes a dropped item again', async () => {
		const { db, item, people } = await setting();
		const id = await item({ status: 'in_progress' });
		for (const who of ['lead', 'member', 'vice', 'secretary', 'observer', 'admin'] as const) {
			expect(await refusal(dropAction(db, people[who], { actionItemId: id, reason: 'ไม่จำเป็นแล้ว' }))).toBe(403);
		}
		expect(await refusal(dropAction(db, people.outsider, { actionItemId: id, reason: 'x' }))).toBe(404);
		expect(await dropAction(db, people.chair, { actionItemId: id, reason: '' })).toEqual({ ok: false, errors: { text: 'required' } });
		expect(await dropAction(db, people.chair, { actionItemId: id, reason: 'สถานบริการปิดกิจการแล้ว' })).toEqual({ ok: true, status: 'dropped' });
		expect(await dropAction(db, people.chair, { actionItemId: id, reason: 'x' })).toEqual({ ok: false, errors: { action: 'dropped' } });
		expect(await carryOver(db, people.chair, { actionItemId: id, dueOn: '2099-01-01', reason: 'x' })).toEqual({ ok: false, errors: { action: 'dropped' } });
	});

	it('keeps the history append-only and audits each change', async () => {
		const { db, item, people } = await setting();
		const id = await item();
		await postProgress(db, people.lead, { actionItemId: id, text: 'เริ่มแล้ว' });
		await expect(db.updateTable('action_update').set({ text: 'แก้ไข' }).where('action_item_id', '=', id).execute()).rejects.toThrow(/append-only/);
		await expect(db.deleteFrom('action_update').where('action_item_id', '=', id).execute()).rejects.toThrow(/append-only/);
		const audited = await db.selectFrom('audit_event').select(['action', 'actor_id']).where('target_id', '=', id).where('outcome', '=', 'success').execute();
		expect(audited).toEqual([{ action: 'action.progress', actor_id: people.lead.userId }]);
	});

	it('tells the boards after a change commits, and not when it is refused', async () => {
		const { db, item, people, body } = await setting();
		const id = await item();
		const heard: unknown[] = [];
		const off = events.on('action.changed', (p) => heard.push(p));
		try {
			await postProgress(db, people.lead, { actionItemId: id, text: '' });
			await refusal(postProgress(db, people.chair, { actionItemId: id, text: 'x' }));
			await postProgress(db, people.lead, { actionItemId: id, text: 'ok' });
		} finally {
			off();
		}
		expect(heard).toEqual([{ actionItemId: id, bodyId: body.id }]);
	});

	it('answers a malformed or unknown id as not found', async () => {
		const { db, people } = await setting();
		expect(await refusal(postProgress(db, people.lead, { actionItemId: 'nope', text: 'x' }))).toBe(404);
		expect(await refusal(postProgress(db, people.lead, { actionItemId: crypto.randomUUID(), text: 'x' }))).toBe(404);
	});
});

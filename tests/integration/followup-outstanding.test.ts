import { expect, it } from 'vitest';
import { AccessDenied } from '../../server/access';
import { acceptReportBack, carryOver, dropAction, recordReportBack } from '../../server/followup/lifecycle';
import { outstandingForBody } from '../../server/followup/outstanding';
import { followupOverview } from '../../server/followup/overview';
import { describeEachEngine } from '../support/database';
import { followupAction, followupMeeting, makeBody, makeOrganisation, makeUser, seatOn } from '../support/factories';
import { bangkokToday } from '../../src/lib/calendar';

const DAY = 24 * 3600_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const dateIn = (days: number) => bangkokToday(new Date(Date.now() + days * DAY));

describeEachEngine('the follow-up on past actions', (use) => {
	async function body() {
		const { db } = use();
		const b = await makeBody(db, { roles: ['chair', 'secretary', 'member'] });
		const police = b.seats.member!;
		const hospital = await makeOrganisation(db, 'โรงพยาบาลทดสอบ');
		const doctor = await makeUser(db);
		await seatOn(db, { bodyId: b.id, userId: doctor.id, organisationId: hospital.id, role: 'member' });
		return { db, b, police, hospital, doctor };
	}

	it('lists every action not closed or dropped, by lead organisation, with its history', async () => {
		const { db, b, police, hospital } = await body();
		const m1 = await followupMeeting(db, { bodyId: b.id, startsAt: ago(60) });
		const m2 = await followupMeeting(db, { bodyId: b.id, startsAt: ago(30), status: 'in_progress' });
		const open = await followupAction(db, {
			bodyId: b.id,
			organisationId: police.organisationId,
			meetingId: m1,
			createdAt: ago(60),
			dueOn: dateIn(10),
			title: 'ตรวจสถานบริการ'
		});
		const carried = await followupAction(db, {
			bodyId: b.id,
			organisationId: police.organisationId,
			meetingId: m1,
			createdAt: ago(60),
			dueOn: dateIn(5),
			title: 'สำรวจแรงงานเด็ก',
			status: 'in_progress'
		});
		const hospitalItem = await followupAction(db, {
			bodyId: b.id,
			organisationId: hospital.id,
			meetingId: m1,
			createdAt: ago(60),
			title: 'ร่างแนวทางส่งต่อ',
			status: 'awaiting_report'
		});
		const closed = await followupAction(db, { bodyId: b.id, organisationId: police.organisationId, meetingId: m1, createdAt: ago(60), status: 'in_progress' });
		const dropped = await followupAction(db, { bodyId: b.id, organisationId: police.organisationId, meetingId: m1, createdAt: ago(60) });
		const elsewhere = await makeBody(db, { roles: ['chair'] });
		await followupAction(db, { bodyId: elsewhere.id, organisationId: police.organisationId });

		await carryOver(db, b.seats.secretary!.actor, { actionItemId: carried, meetingId: m2, dueOn: dateIn(40), reason: 'รอข้อมูลจากจังหวัด' });
		await recordReportBack(db, police.actor, { actionItemId: closed, meetingId: m2, text: 'เสร็จแล้ว' });
		await acceptReportBack(db, b.seats.chair!.actor, { actionItemId: closed, meetingId: m2 });
		await dropAction(db, b.seats.chair!.actor, { actionItemId: dropped, reason: 'ซ้ำกับงานอื่น' });

		const list = await outstandingForBody(db, b.id);
		expect(list.organisations.map((o) => o.organisationId)).toEqual([police.organisationId, hospital.id]);
		const byOrg = Object.fromEntries(list.organisations.map((o) => [o.organisationId, o.actions.map((a) => a.id)]));
		// Within an organisation, soonest due first; the carried-over item stays on the list with its new date.
		expect(byOrg).toEqual({ [police.organisationId]: [open, carried], [hospital.id]: [hospitalItem] });
		const carriedRow = list.organisations.flatMap((o) => o.actions).find((a) => a.id === carried)!;
		expect(carriedRow.due_on).toBe(dateIn(40));
		expect(carriedRow.history.map((h) => [h.kind, h.text])).toEqual([
			['created', ''],
			['carried_over', 'รอข้อมูลจากจังหวัด']
		]);
		expect(carriedRow.history[1]!.author).toBe(`ผู้ใช้ ${b.seats.secretary!.username}`);
	});

	it('flags an item that has appeared at two meetings without a report-back', async () => {
		const { db, b, police, hospital } = await body();
		const created = await followupMeeting(db, { bodyId: b.id, startsAt: ago(90) });
		const item = (org: string, createdAt = ago(90)) => followupAction(db, { bodyId: b.id, organisationId: org, meetingId: created, createdAt });
		const silent = await item(police.organisationId);
		const reported = await item(hospital.id);
		const progressAtMeeting = await item(police.organisationId);
		const young = await item(police.organisationId, ago(20));
		// Not meetings it appeared at: a planned one, a cancelled one.
		await followupMeeting(db, { bodyId: b.id, startsAt: ago(75), status: 'cancelled' });
		await followupMeeting(db, { bodyId: b.id, startsAt: ago(5), status: 'planned' });
		const first = await followupMeeting(db, { bodyId: b.id, startsAt: ago(60), status: 'minutes_approved' });
		await followupMeeting(db, { bodyId: b.id, startsAt: ago(30) });
		// A meeting of another body does not count either.
		const other = await makeBody(db);
		await followupMeeting(db, { bodyId: other.id, startsAt: ago(45) });

		await db
			.insertInto('action_update')
			.values({
				action_item_id: progressAtMeeting,
				author_id: police.id,
				at: ago(59),
				kind: 'progress',
				text: 'รายงานในที่ประชุม',
				meeting_id: first,
				detail: null
			})
			.execute();
		await db
			.insertInto('action_update')
			.values({ action_item_id: reported, author_id: null, at: ago(29), kind: 'report_back', text: 'ยังไม่เสร็จ', meeting_id: first, detail: null })
			.execute();

		let items = (await outstandingForBody(db, b.id)).organisations.flatMap((o) => o.actions);
		const seen = (id: string) => items.find((a) => a.id === id)!;
		expect([seen(silent).meetingsWithoutReport, seen(silent).flagged]).toEqual([2, true]);
		expect([seen(reported).meetingsWithoutReport, seen(reported).flagged]).toEqual([0, false]);
		expect([seen(progressAtMeeting).meetingsWithoutReport, seen(progressAtMeeting).flagged]).toEqual([1, false]);
		expect([seen(young).meetingsWithoutReport, seen(young).flagged]).toEqual([0, false]);

		// A meeting in progress counts as soon as it starts.
		await followupMeeting(db, { bodyId: b.id, startsAt: ago(1), status: 'in_progress' });
		items = (await outstandingForBody(db, b.id)).organisations.flatMap((o) => o.actions);
		expect(seen(progressAtMeeting).flagged).toBe(true);
		expect(seen(young).meetingsWithoutReport).toBe(1);
	});

	it('shows the chair counts by organisation, overdue items, those due before the next meeting, and completion over a period', async () => {
		const { db, b, police, hospital } = await body();
		await followupMeeting(db, { bodyId: b.id, startsAt: new Date(Date.now() + 10 * DAY), status: 'planned' });
		const overdue = await followupAction(db, { bodyId: b.id, organisationId: police.organisationId, dueOn: dateIn(-3) });
		const soon = await followupAction(db, { bodyId: b.id, organisationId: police.organisationId, dueOn: dateIn(4) });
		await followupAction(db, { bodyId: b.id, organisationId: hospital.id, dueOn: dateIn(30) });
		// Earlier in the period: police closed one of two, the hospital its only one; dropped items do not count.
		await followupAction(db, { bodyId: b.id, organisationId: police.organisationId, dueOn: dateIn(-40), status: 'closed' });
		await followupAction(db, { bodyId: b.id, organisationId: police.organisationId, dueOn: dateIn(-20), status: 'dropped' });
		await followupAction(db, { bodyId: b.id, organisationId: hospital.id, dueOn: dateIn(-50), status: 'closed' });
		// Outside the period.
		await followupAction(db, { bodyId: b.id, organisationId: hospital.id, dueOn: dateIn(-400), status: 'open' });

		const period = { from: dateIn(-60), to: dateIn(0) };
		const view = (await followupOverview(db, b.seats.chair!.actor, b.id, period))!;
		expect(view.readOnly).toBe(false);
		expect(view.counts).toEqual({ open: 4, overdue: 2, dueBeforeNext: 1, flagged: 0 });
		expect(view.overdue.map((i) => i.id)).toContain(overdue);
		expect(view.dueBeforeNext.map((i) => i.id)).toEqual([soon]);
		const rows = Object.fromEntries(
			view.organisations.map((o) => [o.organisationId, { open: o.open, overdue: o.overdue, due: o.due, closed: o.closed, rate: o.rate }])
		);
		expect(rows[police.organisationId]).toEqual({ open: 2, overdue: 1, due: 2, closed: 1, rate: 0.5 });
		expect(rows[hospital.id]).toEqual({ open: 2, overdue: 1, due: 1, closed: 1, rate: 1 });
	});

	it('is for the chair, vice-chair and secretary, read-only for those above, and refused to members', async () => {
		const { db } = use();
		const province = await makeBody(db, { roles: ['chair', 'member'] });
		const district = await makeBody(db, { parentId: province.id, roles: ['chair', 'vice_chair', 'secretary', 'member', 'observer'] });
		const village = await makeBody(db, { parentId: district.id });
		const period = { from: '2026-01-01', to: '2026-12-31' };
		for (const role of ['chair', 'vice_chair', 'secretary'] as const) {
			expect((await followupOverview(db, district.seats[role]!.actor, district.id, period))!.readOnly).toBe(false);
		}
		const above = (await followupOverview(db, province.seats.chair!.actor, district.id, period))!;
		expect(above.readOnly).toBe(true);
		// The district's page lists the village below it for those who may follow it up.
		expect((await followupOverview(db, district.seats.chair!.actor, district.id, period))!.children.map((c) => c.id)).toEqual([village.id]);
		expect((await followupOverview(db, district.seats.vice_chair!.actor, district.id, period))!.children).toEqual([]);
		for (const actor of [district.seats.member!.actor, district.seats.observer!.actor, province.seats.member!.actor, (await makeUser(db)).actor]) {
			await expect(followupOverview(db, actor, district.id, period)).rejects.toBeInstanceOf(AccessDenied);
		}
	});
});

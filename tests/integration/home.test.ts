import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../server/db/schema';
import { markDone } from '../../server/followup/lifecycle';
import { homeFor, type Home } from '../../server/home';
import { mine, MY_ACTIONS } from '../../server/home/mine';
import { caseAction, caseScene } from '../support/case-scene';
import { describeEachEngine } from '../support/database';
import { followupAction, followupMeeting } from '../support/factories';
import { bangkokToday } from '../../src/lib/calendar';

const DAY = 24 * 3600_000;
const inDays = (n: number) => bangkokToday(new Date(Date.now() + n * DAY));

/**
 * A working group as the demo has it (server/demo): a chair, a secretary,
 * the hospital on the case team, the police on no team, a volunteer and an
 * observer; with a meeting next week, one held whose minutes wait, late and
 * due work, a case's actions, two new tips and a referral to the police.
 */
async function homeScene(db: Kysely<DB>) {
	const s = await caseScene(db);
	const next = await followupMeeting(db, { bodyId: s.body.id, startsAt: new Date(Date.now() + 7 * DAY), status: 'planned', title: 'ประชุมครั้งที่ 5/2569' });
	// The one after: its agenda is not the one to prepare yet.
	const after = await followupMeeting(db, { bodyId: s.body.id, startsAt: new Date(Date.now() + 37 * DAY), status: 'planned', title: 'ประชุมครั้งที่ 6/2569' });
	const held = await followupMeeting(db, { bodyId: s.body.id, startsAt: new Date(Date.now() - 30 * DAY), status: 'ended', title: 'ประชุมครั้งที่ 4/2569' });
	const police = s.police.organisationId;
	const late = await followupAction(db, { bodyId: s.body.id, organisationId: police, dueOn: inDays(-3), title: 'ตรวจสถานบริการในเขตอำเภอ' });
	const dueByMeeting = await followupAction(db, { bodyId: s.body.id, organisationId: police, dueOn: inDays(3), title: 'ประสานข้อมูลแรงงานต่างด้าว' });
	const farOff = await followupAction(db, { bodyId: s.body.id, organisationId: police, dueOn: inDays(60), title: 'จัดอบรมประจำปี' });
	// A case's action led by the hospital, marked done: it waits for the meeting to accept its report-back.
	const caseItem = await caseAction(db, { bodyId: s.body.id, caseId: s.caseId, organisationId: s.hospital.organisationId, assigneeId: s.hospital.id });
	await db
		.updateTable('action_item')
		.set({ due_on: inDays(-1) })
		.where('id', '=', caseItem)
		.execute();
	const done = await markDone(db, s.hospital.actor, { actionItemId: caseItem, text: 'ประเมินแล้ว' });
	if (!done.ok) throw new Error(JSON.stringify(done.errors));
	// A case's action led by the police, who are not on the case team.
	const policeCaseItem = await caseAction(db, { bodyId: s.body.id, caseId: s.caseId, organisationId: police, assigneeId: null });
	await db
		.updateTable('action_item')
		.set({ due_on: inDays(5) })
		.where('id', '=', policeCaseItem)
		.execute();
	for (const reference of ['R-HOME-0001', 'R-HOME-0002']) {
		await db
			.insertInto('intake_report')
			.values({
				reference,
				body_id: s.body.id,
				channel: 'web',
				kind: 'tip',
				message: 'พบเด็กทำงานในร้านอาหาร',
				location: null,
				contact_name: null,
				contact_phone: null,
				contact_email: null,
				created_at: new Date()
			})
			.execute();
	}
	const referral = await db
		.insertInto('referral')
		.values({
			body_id: s.body.id,
			case_id: null,
			intake_report_id: null,
			decision_id: null,
			from_organisation_id: s.secretary.organisationId,
			to_organisation_id: police,
			to_body_id: null,
			reason: 'ขอให้ตรวจสอบสถานประกอบการ',
			urgency: 'urgent',
			shared: 'ที่ตั้ง',
			consent: 'not_applicable',
			status: 'sent',
			declined_reason: null,
			outcome: null,
			action_item_id: null,
			created_by: s.secretary.id,
			created_at: new Date(),
			updated_at: new Date()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return { ...s, next, after, held, late, dueByMeeting, farOff, caseItem, policeCaseItem, referral: referral.id };
}

type Scene = Awaited<ReturnType<typeof homeScene>>;

describeEachEngine('the home answers "what needs me now"', (use) => {
	let s: Scene;
	const home = (actor: { userId: string; isAdmin: boolean }) => homeFor(use().db, actor, new Date());
	beforeAll(async () => {
		s = await homeScene(use().db);
	});

	const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
	const empty = (h: Home) => ({
		agendas: h.agendas.length,
		minutes: h.minutes.count,
		outstanding: h.outstanding.length,
		acceptance: h.acceptance.count,
		intake: h.intake.length,
		referrals: h.referrals.count,
		casePlan: h.casePlan.count
	});

	describe('the secretary', () => {
		it('prepares the next agenda, drafts the held meeting’s minutes and sees the tips waiting', async () => {
			const h = await home(s.secretary.actor);
			expect(ids(h.meetings)).toEqual([s.next, s.after]);
			expect(ids(h.agendas)).toEqual([s.next]);
			expect(h.minutes).toMatchObject({ count: 1, items: [{ id: s.held, drafted: false }] });
			expect(h.intake).toEqual([expect.objectContaining({ bodyId: s.body.id, waiting: 2 })]);
			// Not the chair: no outstanding view and nothing to accept.
			expect(h.outstanding).toEqual([]);
			expect(h.acceptance.count).toBe(0);
			expect(h.roles).toMatchObject({ secretary: true, chair: false, caseTeam: true });
			expect(h.next).toEqual({ kind: 'intake', href: `/bodies/${s.body.id}/intake`, count: 2 });
		});

		it('sees the case plan’s items whole, being on the case team', async () => {
			const h = await home(s.secretary.actor);
			expect(h.casePlan.count).toBe(2);
			expect(h.casePlan.overdue).toBe(1);
			for (const item of h.casePlan.items) expect(item).toMatchObject({ title: 'ประสานนักจิตวิทยาประเมินสภาพจิตใจ', caseCode: null });
		});
	});

	describe('the chair', () => {
		it('has the outstanding view of the body with its counts, as the database has them', async () => {
			const { db } = use();
			const today = bangkokToday();
			const open = await db
				.selectFrom('action_item')
				.select(['status', 'due_on'])
				.where('body_id', '=', s.body.id)
				.where('status', 'in', ['open', 'in_progress', 'awaiting_report'])
				.execute();
			const h = await home(s.chair.actor);
			expect(h.outstanding).toEqual([
				{
					bodyId: s.body.id,
					name_th: expect.any(String),
					name_en: expect.any(String),
					open: open.length,
					overdue: open.filter((a) => a.due_on && a.due_on < today).length,
					awaiting: open.filter((a) => a.status === 'awaiting_report').length
				}
			]);
			expect(h.outstanding[0]).toMatchObject({ open: 5, overdue: 2, awaiting: 1 });
		});

		it('sees what waits for acceptance, a case’s item only as its code', async () => {
			const h = await home(s.chair.actor);
			expect(h.acceptance.count).toBe(1);
			const [item] = h.acceptance.items;
			expect(item).toMatchObject({ id: s.caseItem, caseCode: s.code, reported: false });
			expect(item!.title).toContain(s.code);
			expect(item!.title).not.toContain('นักจิตวิทยา');
			expect(h.next).toEqual({ kind: 'intake', href: `/bodies/${s.body.id}/intake`, count: 2 });
		});

		it('is reminded of minutes to approve, but the agenda is the secretary’s and the case plan the team’s', async () => {
			const h = await home(s.chair.actor);
			expect(h.minutes.count).toBe(1);
			expect(h.agendas).toEqual([]);
			expect(h.casePlan).toEqual({ count: 0, overdue: 0, items: [] });
		});
	});

	describe('the representative on no case team (police)', () => {
		it('sees the organisation’s late and due items, the late one marked, the case’s only as its code', async () => {
			const h = await home(s.police.actor);
			expect(h.organisationItems.overdue).toBe(1);
			expect(h.organisationItems.dueSoon).toBe(2);
			expect(h.organisationItems.items.map((i) => [i.id, i.overdue])).toEqual([
				[s.late, true],
				[s.dueByMeeting, false],
				[s.policeCaseItem, false]
			]);
			expect(ids(h.organisationItems.items)).not.toContain(s.farOff);
			const hidden = h.organisationItems.items[2]!;
			expect(hidden.caseCode).toBe(s.code);
			expect(hidden.title).not.toContain('นักจิตวิทยา');
		});

		it('owes report-backs at the next meeting for what falls due by then, and a referral waits for the police’s answer', async () => {
			const h = await home(s.police.actor);
			expect(h.owed.count).toBe(3);
			expect(ids(h.owed.items)).toEqual([s.late, s.dueByMeeting, s.policeCaseItem]);
			expect(h.owed.items[2]).toMatchObject({ caseCode: s.code });
			expect(h.owed.items[2]!.title).not.toContain('นักจิตวิทยา');
			expect(h.owed.items.every((i) => i.meeting_id === s.next)).toBe(true);
			expect(h.owed.items.map((i) => i.overdue)).toEqual([true, false, false]);
			expect(h.referrals.count).toBe(1);
			expect(h.referrals.items[0]).toEqual(expect.objectContaining({ id: s.referral, urgency: 'urgent' }));
			expect(h.referrals.items[0]).not.toHaveProperty('reason');
			expect(h.next).toEqual({ kind: 'referrals', href: `/referrals/${s.referral}`, count: 1 });
		});

		it('has no officer’s sections and no case plan', async () => {
			const h = await home(s.police.actor);
			expect(empty(h)).toEqual({ agendas: 0, minutes: 0, outstanding: 0, acceptance: 0, intake: 0, referrals: 1, casePlan: 0 });
			expect(h.roles).toMatchObject({ seated: true, chair: false, secretary: false, officer: false, caseTeam: false });
		});
	});

	describe('the representative on the case team (hospital)', () => {
		it('no longer owes the report-back written as done until the meeting hears it, and sees the case item whole', async () => {
			const h = await home(s.hospital.actor);
			expect(ids(h.owed.items)).toEqual([s.caseItem]);
			expect(h.owed.items[0]).toMatchObject({ caseCode: null, title: 'ประสานนักจิตวิทยาประเมินสภาพจิตใจ' });
			expect(h.casePlan.count).toBe(2);
			expect(h.casePlan.items.every((i) => i.caseCode === null)).toBe(true);
		});
	});

	describe('the observer and the administrator', () => {
		it('the observer sees the meetings, owes nothing and runs nothing', async () => {
			const h = await home(s.observer.actor);
			expect(ids(h.meetings)).toEqual([s.next, s.after]);
			expect(h.owed.count).toBe(0);
			expect(empty(h)).toEqual({ agendas: 0, minutes: 0, outstanding: 0, acceptance: 0, intake: 0, referrals: 0, casePlan: 0 });
			expect(h.next).toEqual({ kind: 'meeting', href: `/meetings/${s.next}`, title: 'ประชุมครั้งที่ 5/2569' });
		});

		it('the administrator, on no body, is told so and sees no case work', async () => {
			const h = await home(s.admin.actor);
			expect(h.roles).toMatchObject({ admin: true, seated: false, caseTeam: false });
			expect(h.meetings).toEqual([]);
			expect(h.organisationItems.items).toEqual([]);
			expect(empty(h)).toEqual({ agendas: 0, minutes: 0, outstanding: 0, acceptance: 0, intake: 0, referrals: 0, casePlan: 0 });
			expect(h.next).toEqual({ kind: 'admin', href: '/admin/users' });
		});
	});

	describe('a meeting running now', () => {
		it('comes first, for everyone of the body, as the step to join', async () => {
			const { db } = use();
			await db.updateTable('meeting').set({ status: 'in_progress', started_at: new Date() }).where('id', '=', s.next).execute();
			try {
				for (const who of [s.observer, s.police, s.chair, s.secretary]) {
					const h = await home(who.actor);
					expect(h.meetings[0]).toMatchObject({ id: s.next, status: 'in_progress' });
					expect(h.next).toEqual({ kind: 'join', href: `/meetings/${s.next}`, title: 'ประชุมครั้งที่ 5/2569' });
				}
				// Once the meeting runs, the agenda to prepare is the next one's.
				expect(ids((await home(s.secretary.actor)).agendas)).toEqual([s.after]);
			} finally {
				await db.updateTable('meeting').set({ status: 'planned', started_at: null }).where('id', '=', s.next).execute();
			}
		});
	});

	describe('"Mine"', () => {
		it('lists the soonest-due assigned items first, up to its limit, and counts them all', async () => {
			const { db } = use();
			const extra = MY_ACTIONS + 5;
			for (let i = 0; i < extra; i++) {
				await followupAction(db, {
					bodyId: s.body.id,
					organisationId: s.police.organisationId,
					assigneeId: s.police.id,
					dueOn: i % 7 === 0 ? null : inDays(10 + i),
					title: `งานของฉัน ${i}`
				});
			}
			// Closed work is not counted.
			await followupAction(db, { bodyId: s.body.id, organisationId: s.police.organisationId, assigneeId: s.police.id, status: 'closed', dueOn: inDays(1) });
			const open = await db
				.selectFrom('action_item')
				.select(['id', 'due_on'])
				.where('assignee_id', '=', s.police.id)
				.where('status', 'in', ['open', 'in_progress', 'awaiting_report'])
				.execute();
			const listed = await mine(db, s.police.actor);
			expect(listed.actionCount).toBe(open.length);
			expect(listed.actions).toHaveLength(MY_ACTIONS);
			const dues = listed.actions.map((a) => a.due_on ?? '9999-12-31');
			expect(dues).toEqual([...dues].sort());
			// Every dated item not listed is due no sooner than the last one listed.
			const shown = new Set(listed.actions.map((a) => a.id));
			const lastDue = dues.at(-1)!;
			for (const row of open.filter((r) => !shown.has(r.id))) expect((row.due_on ?? '9999-12-31') >= lastDue).toBe(true);
		});
	});
});

import { OPEN_STATUSES } from '../db/schema-followup';
import type { NotifyContext } from './context';
import { notify } from './notify';
import { actionPeople, circulationPeople, intakePeople, meetingPeople, minutesPeople, referralReceivers, referralSenders } from './recipients';
import { meetingDaysOf } from './repository';
import { addDays, bangkokDate, daysBetween } from '../../src/lib/calendar';

/**
 * What happened, read back from the records the rest of Concord already
 * keeps (new items, their history, referrals, intake, minutes). Reading the
 * durable record instead of catching calls means a crash between a change and
 * its notification loses nothing: the next scan finds it, and the unique key
 * makes finding it twice harmless.
 */

const ANSWERS = ['accepted', 'declined', 'completed'] as const;

/** Events since `since`, for every item; or for one action item, as soon as it changed. */
export async function scanEvents(ctx: NotifyContext, since: Date, actionId?: string): Promise<void> {
	const { db } = ctx;
	const now = ctx.now();
	let created = db.selectFrom('action_item').select(['id', 'created_at']).where('created_at', '>', since).where('status', 'in', OPEN_STATUSES);
	if (actionId) created = created.where('id', '=', actionId);
	for (const a of await created.execute()) {
		await notify(ctx, await actionPeople(db, a.id, now), { kind: 'assigned', subjectType: 'action', subjectId: a.id, day: bangkokDate(a.created_at) });
	}
	let history = db
		.selectFrom('action_update')
		.select(['action_item_id', 'kind', 'at', 'author_id'])
		.where('at', '>', since)
		.where('kind', 'in', ['reassigned', 'handed_over', 'accepted', 'carried_over'])
		.orderBy('id');
	if (actionId) history = history.where('action_item_id', '=', actionId);
	for (const h of await history.execute()) {
		const kind = h.kind === 'accepted' ? 'report_accepted' : h.kind === 'carried_over' ? 'carried_over' : 'assigned';
		await notify(
			ctx,
			await actionPeople(db, h.action_item_id, now),
			{ kind, subjectType: 'action', subjectId: h.action_item_id, day: bangkokDate(h.at) },
			h.author_id
		);
	}
	if (actionId) return;

	for (const r of await db.selectFrom('referral').select(['id', 'created_at', 'created_by']).where('created_at', '>', since).execute()) {
		await notify(
			ctx,
			await referralReceivers(db, r.id, now),
			{ kind: 'referral_received', subjectType: 'referral', subjectId: r.id, day: bangkokDate(r.created_at) },
			r.created_by
		);
	}
	const answers = await db
		.selectFrom('referral_update')
		.select(['referral_id', 'at', 'author_id'])
		.where('at', '>', since)
		.where('kind', 'in', [...ANSWERS])
		.orderBy('id')
		.execute();
	for (const u of answers) {
		await notify(
			ctx,
			await referralSenders(db, u.referral_id, now),
			{ kind: 'referral_answered', subjectType: 'referral', subjectId: u.referral_id, day: bangkokDate(u.at) },
			u.author_id
		);
	}
	for (const r of await db
		.selectFrom('intake_report')
		.select(['id', 'body_id', 'created_at', 'recorded_by'])
		.where('created_at', '>', since)
		.where('status', '=', 'new')
		.execute()) {
		await notify(
			ctx,
			await intakePeople(db, r.body_id, now),
			{ kind: 'intake_new', subjectType: 'intake', subjectId: r.id, day: bangkokDate(r.created_at) },
			r.recorded_by
		);
	}
	const drafts = await db
		.selectFrom('minutes')
		.select(['meeting_id', 'generated_at', 'generated_by'])
		.where('generated_at', '>', since)
		.where((eb) =>
			eb.not(eb.exists(eb.selectFrom('minutes_version').select('minutes_version.id').whereRef('minutes_version.meeting_id', '=', 'minutes.meeting_id')))
		)
		.execute();
	for (const d of drafts) {
		await notify(
			ctx,
			await minutesPeople(db, d.meeting_id, now),
			{ kind: 'minutes_ready', subjectType: 'minutes', subjectId: d.meeting_id, day: bangkokDate(d.generated_at) },
			d.generated_by
		);
	}
	// Minutes sent round for approval by circulation: every member is asked to confirm or comment.
	const circulated = await db
		.selectFrom('minutes_circulation')
		.select(['meeting_id', 'started_at', 'started_by'])
		.where('started_at', '>', since)
		.where('status', '=', 'open')
		.execute();
	for (const c of circulated) {
		await notify(
			ctx,
			await circulationPeople(db, c.meeting_id, now),
			{ kind: 'minutes_circulated', subjectType: 'minutes', subjectId: c.meeting_id, day: bangkokDate(c.started_at) },
			c.started_by
		);
	}
}

/**
 * Due in three days, due today, overdue and then once a week. Each reminder's
 * day is the first day of its window, so a scheduler that was down on that
 * day still sends it late, and never twice.
 */
export async function scanDue(ctx: NotifyContext): Promise<void> {
	const today = bangkokDate(ctx.now());
	const rows = await ctx.db
		.selectFrom('action_item')
		.select(['id', 'due_on'])
		.where('status', 'in', OPEN_STATUSES)
		.where('due_on', 'is not', null)
		.where('due_on', '<=', addDays(today, 3))
		// Items forgotten for years are for the outstanding-follow-up view, not for mail.
		.where('due_on', '>=', addDays(today, -366))
		.orderBy('due_on')
		.execute();
	for (const a of rows) {
		const due = a.due_on!;
		const late = daysBetween(due, today);
		const kind = late > 0 ? 'overdue' : late === 0 ? 'due_today' : 'due_soon';
		const day = kind === 'due_soon' ? addDays(due, -3) : kind === 'due_today' ? due : addDays(due, 1 + 7 * Math.floor((late - 1) / 7));
		await notify(ctx, await actionPeople(ctx.db, a.id, ctx.now()), { kind, subjectType: 'action', subjectId: a.id, day });
	}
}

/** N days before a planned meeting (each person's N, three unless they chose otherwise). */
export async function scanMeetings(ctx: NotifyContext): Promise<void> {
	const now = ctx.now();
	const today = bangkokDate(now);
	const meetings = await ctx.db
		.selectFrom('meeting')
		.select(['id', 'body_id', 'case_id', 'starts_at'])
		.where('status', '=', 'planned')
		.where('starts_at', '>', now)
		.where('starts_at', '<', new Date(now.getTime() + 15 * 24 * 3600_000))
		.execute();
	for (const m of meetings) {
		const date = bangkokDate(m.starts_at);
		const ahead = daysBetween(today, date);
		const people = await meetingPeople(ctx.db, m, now);
		if (!people.length) continue;
		const days = await meetingDaysOf(ctx.db, people);
		const due = people.filter((id) => ahead <= (days.get(id) ?? 3));
		await notify(ctx, due, { kind: 'meeting', subjectType: 'meeting', subjectId: m.id, day: date });
	}
}

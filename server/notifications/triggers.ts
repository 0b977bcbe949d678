import type { NotifyContext } from './context';
import { notify } from './notify';
import { actionPeople, circulationPeople, intakePeople, meetingPeople, minutesPeople, referralReceivers, referralSenders } from './recipients';
import { meetingDaysOf } from './repository/preferences';
import {
	actionChangesSince,
	actionsCreatedSince,
	circulationsStartedSince,
	minutesDraftedSince,
	newIntakeSince,
	openActionsDueBetween,
	plannedMeetingsBetween,
	referralAnswersSince,
	referralsSentSince
} from './repository/triggers';
import { addDays, bangkokDate, daysBetween } from '../../src/lib/calendar';

/**
 * What happened, read back from the records the rest of Concord already
 * keeps (new items, their history, referrals, intake, minutes). Reading the
 * durable record instead of catching calls means a crash between a change and
 * its notification loses nothing: the next scan finds it, and the unique key
 * makes finding it twice harmless.
 */

/** Events since `since`, for every item; or for one action item, as soon as it changed. */
export async function scanEvents(ctx: NotifyContext, since: Date, actionId?: string): Promise<void> {
	const { db } = ctx;
	const now = ctx.now();
	for (const a of await actionsCreatedSince(db, since, actionId)) {
		await notify(ctx, await actionPeople(db, a.id, now), { kind: 'assigned', subjectType: 'action', subjectId: a.id, day: bangkokDate(a.created_at) });
	}
	for (const h of await actionChangesSince(db, since, actionId)) {
		const kind = h.kind === 'accepted' ? 'report_accepted' : h.kind === 'carried_over' ? 'carried_over' : 'assigned';
		await notify(
			ctx,
			await actionPeople(db, h.action_item_id, now),
			{ kind, subjectType: 'action', subjectId: h.action_item_id, day: bangkokDate(h.at) },
			h.author_id
		);
	}
	if (actionId) return;

	for (const r of await referralsSentSince(db, since)) {
		await notify(
			ctx,
			await referralReceivers(db, r.id, now),
			{ kind: 'referral_received', subjectType: 'referral', subjectId: r.id, day: bangkokDate(r.created_at) },
			r.created_by
		);
	}
	for (const u of await referralAnswersSince(db, since)) {
		await notify(
			ctx,
			await referralSenders(db, u.referral_id, now),
			{ kind: 'referral_answered', subjectType: 'referral', subjectId: u.referral_id, day: bangkokDate(u.at) },
			u.author_id
		);
	}
	for (const r of await newIntakeSince(db, since)) {
		await notify(
			ctx,
			await intakePeople(db, r.body_id, now),
			{ kind: 'intake_new', subjectType: 'intake', subjectId: r.id, day: bangkokDate(r.created_at) },
			r.recorded_by
		);
	}
	for (const d of await minutesDraftedSince(db, since)) {
		await notify(
			ctx,
			await minutesPeople(db, d.meeting_id, now),
			{ kind: 'minutes_ready', subjectType: 'minutes', subjectId: d.meeting_id, day: bangkokDate(d.generated_at) },
			d.generated_by
		);
	}
	// Minutes sent round for approval by circulation: every member is asked to confirm or comment.
	for (const c of await circulationsStartedSince(db, since)) {
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
	// Items forgotten for years are for the outstanding-follow-up view, not for mail.
	const rows = await openActionsDueBetween(ctx.db, addDays(today, -366), addDays(today, 3));
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
	const meetings = await plannedMeetingsBetween(ctx.db, now, new Date(now.getTime() + 15 * 24 * 3600_000));
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

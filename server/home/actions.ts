import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { OPEN_STATUSES } from '../db/schema-followup';
import { redactActions } from '../access/redact';
import { boardQuery } from '../followup/board';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * The follow-up side of the home. The organisation's items come from the
 * representative's board query itself (same scope, same order), cut to the
 * ones due soon or late; the rest are counts and short lists in SQL. Every
 * row passes through the case redaction before it leaves.
 */

/** "Due soon" on the home: within this many days. */
export const DUE_SOON_DAYS = 14;
const DAY_MS = 24 * 3600_000;
/** A planned meeting still counts as the next one this long after its start time. */
const LATE_START_MS = 12 * 3600_000;

/** The person's organisations' open items that are overdue or due soon, with how many of each. */
export async function organisationItemsDue(db: Kysely<DB>, userId: string, o: { now: Date; limit: number }) {
	const today = bangkokToday(o.now);
	const soon = bangkokToday(new Date(o.now.getTime() + DUE_SOON_DAYS * DAY_MS));
	const due = () => boardQuery(db, userId, {}, { now: o.now }).where('a.due_on', '<=', soon);
	const [rows, counts] = await Promise.all([
		due().limit(o.limit).execute(),
		db
			.selectFrom(due().clearLimit().clearOrderBy().as('d'))
			.select([sql<number>`count(*) filter (where d.due_on < ${today})`.as('overdue'), sql<number>`count(*) filter (where d.due_on >= ${today})`.as('soon')])
			.executeTakeFirstOrThrow()
	]);
	const items = await redactActions(db, userId, rows, ['last_text']);
	return {
		days: DUE_SOON_DAYS,
		overdue: Number(counts.overdue),
		dueSoon: Number(counts.soon),
		items: items.map((i) => ({
			id: i.id,
			title: i.title,
			status: i.status,
			due_on: i.due_on,
			overdue: !!i.due_on && i.due_on < today,
			body_th: i.body_th,
			body_en: i.body_en,
			lead_th: i.lead_th,
			lead_en: i.lead_en,
			caseCode: i.caseCode
		}))
	};
}

/**
 * Report-backs the person owes at the next meeting of a body: items their
 * organisation leads there that fall due by that meeting and are not done,
 * or were marked done and not yet reported to a meeting. The next meetings
 * are found first, one per body, so only the person's few bodies are read.
 */
export async function reportBacksOwed(db: Kysely<DB>, userId: string, o: { seats: { bodyId: string; organisationId: string }[]; now: Date; limit: number }) {
	const none = { count: 0, items: [] };
	if (!o.seats.length) return none;
	const cutoff = new Date(o.now.getTime() - LATE_START_MS);
	const next = await db
		.selectFrom('body as b')
		.innerJoinLateral(
			(eb) =>
				eb
					.selectFrom('meeting as mt')
					.select(['mt.id', 'mt.starts_at'])
					.whereRef('mt.body_id', '=', 'b.id')
					.where('mt.case_id', 'is', null)
					.where((e) => e.or([e('mt.status', '=', 'in_progress'), e.and([e('mt.status', '=', 'planned'), e('mt.starts_at', '>=', cutoff)])]))
					.orderBy('mt.starts_at')
					.limit(1)
					.as('nx'),
			(j) => j.onTrue()
		)
		.select(['b.id as body_id', 'nx.id', 'nx.starts_at'])
		.where('b.id', 'in', [...new Set(o.seats.map((s) => s.bodyId))])
		.execute();
	const meetingOf = new Map(next.map((n) => [n.body_id, n]));
	const seats = o.seats.filter((s) => meetingOf.has(s.bodyId));
	if (!seats.length) return none;
	const owed = db
		.selectFrom('action_item as a')
		.where('a.status', 'in', OPEN_STATUSES)
		.where((eb) =>
			eb.or(
				seats.map((s) =>
					eb.and([
						eb('a.body_id', '=', s.bodyId),
						eb('a.lead_organisation_id', '=', s.organisationId),
						eb.or([
							eb.and([eb('a.status', '!=', 'awaiting_report'), eb('a.due_on', '<=', bangkokToday(meetingOf.get(s.bodyId)!.starts_at))]),
							eb.and([
								eb('a.status', '=', 'awaiting_report'),
								eb(
									eb
										.selectFrom('action_update as x')
										.select('x.kind')
										.whereRef('x.action_item_id', '=', 'a.id')
										.where('x.kind', 'in', ['done', 'report_back'])
										.orderBy('x.at', 'desc')
										.limit(1),
									'=',
									'done'
								)
							])
						])
					])
				)
			)
		);
	const [count, rows] = await Promise.all([
		owed.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
		owed
			.innerJoin('body as b', 'b.id', 'a.body_id')
			.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
			.select([
				'a.id',
				'a.title',
				'a.status',
				'a.due_on',
				'a.case_id',
				'a.body_id',
				'b.name_th as body_th',
				'b.name_en as body_en',
				'o.name_th as lead_th',
				'o.name_en as lead_en'
			])
			.orderBy(sql`a.due_on asc nulls last`)
			.orderBy('a.id')
			.limit(o.limit)
			.execute()
	]);
	const today = bangkokToday(o.now);
	const items = await redactActions(db, userId, rows);
	return {
		count: Number(count.n),
		items: items
			.map((i) => ({
				...i,
				meeting_id: meetingOf.get(i.body_id)!.id,
				meeting_starts_at: meetingOf.get(i.body_id)!.starts_at,
				overdue: !!i.due_on && i.due_on < today
			}))
			.sort((a, b) => new Date(a.meeting_starts_at).getTime() - new Date(b.meeting_starts_at).getTime())
	};
}

/** Items reported done on the bodies the person chairs, waiting for the meeting to accept them. */
export async function awaitingAcceptance(db: Kysely<DB>, viewerId: string, o: { bodyIds: string[]; limit: number }) {
	if (!o.bodyIds.length) return { count: 0, items: [] };
	const waiting = db.selectFrom('action_item as a').where('a.body_id', 'in', o.bodyIds).where('a.status', '=', 'awaiting_report');
	const [count, rows] = await Promise.all([
		waiting.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
		waiting
			.innerJoin('body as b', 'b.id', 'a.body_id')
			.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
			.select((eb) => [
				'a.id',
				'a.title',
				'a.due_on',
				'a.case_id',
				'b.name_th as body_th',
				'b.name_en as body_en',
				'o.name_th as lead_th',
				'o.name_en as lead_en',
				eb
					.exists(eb.selectFrom('action_update as x').select('x.id').whereRef('x.action_item_id', '=', 'a.id').where('x.kind', '=', 'report_back'))
					.as('reported')
			])
			.orderBy('a.updated_at')
			.orderBy('a.id')
			.limit(o.limit)
			.execute()
	]);
	return { count: Number(count.n), items: await redactActions(db, viewerId, rows) };
}

/** Open, overdue and awaiting-acceptance counts of each body, for the link to its outstanding view. */
export async function outstandingCounts(db: Kysely<DB>, o: { bodyIds: string[]; now: Date }) {
	if (!o.bodyIds.length) return new Map<string, { open: number; overdue: number; awaiting: number }>();
	const today = bangkokToday(o.now);
	const rows = await db
		.selectFrom('action_item as a')
		.select([
			'a.body_id',
			sql<number>`count(*)`.as('open'),
			sql<number>`count(*) filter (where a.due_on < ${today})`.as('overdue'),
			sql<number>`count(*) filter (where a.status = 'awaiting_report')`.as('awaiting')
		])
		.where('a.body_id', 'in', o.bodyIds)
		.where('a.status', 'in', OPEN_STATUSES)
		.groupBy('a.body_id')
		.execute();
	return new Map(rows.map((r) => [r.body_id, { open: Number(r.open), overdue: Number(r.overdue), awaiting: Number(r.awaiting) }]));
}

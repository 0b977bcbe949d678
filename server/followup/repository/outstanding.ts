import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema';
import { OPEN_STATUSES } from '../../db/schema-followup';
import type { ListDays, OutstandingList } from '../outstanding-lists';
import type { OutstandingCursor } from '../outstanding-order';
import { actionHeading, type Reader } from '../../access/redact';
import { afterCursor } from './board';

/**
 * SQL of what a body still has to follow up: its open items, each with how
 * many meetings it has appeared at since its last report-back (what appearing
 * means: `../outstanding.ts`), the outstanding view's lists and counts,
 * completion in a period and the bodies below; no access checks here. Items
 * are read as their reader may read them (server/access/redact.ts).
 */

export function openItemsOfBody(db: Kysely<DB>, reader: Reader, bodyId: string) {
	return db
		.selectFrom('action_item as a')
		.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
		.leftJoin('app_user as u', 'u.id', 'a.assignee_id')
		.leftJoinLateral(
			(eb) =>
				eb
					.selectFrom('action_update as x')
					.select((e) => e.fn.max('x.at').as('at'))
					.whereRef('x.action_item_id', '=', 'a.id')
					.where((e) => e.or([e('x.kind', '=', 'report_back'), e.and([e('x.kind', '=', 'progress'), e('x.meeting_id', 'is not', null)])]))
					.as('reported'),
			(j) => j.onTrue()
		)
		.select((eb) => [
			'a.id',
			...actionHeading(reader, 'a'),
			'a.status',
			'a.due_on',
			'a.created_at',
			'a.updated_at',
			'a.meeting_id',
			'a.decision_id',
			'a.lead_organisation_id',
			'a.case_id',
			'a.assignee_id',
			'o.name_th as lead_th',
			'o.name_en as lead_en',
			'o.short_name as lead_short',
			'u.display_name as assignee',
			'reported.at as reported_at',
			eb
				.selectFrom('meeting as mt')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('mt.body_id', '=', 'a.body_id')
				.where('mt.case_id', 'is', null)
				.where('mt.status', 'in', ['in_progress', 'ended', 'minutes_approved'])
				.where(sql<boolean>`mt.id is distinct from a.meeting_id`)
				.where(sql<boolean>`mt.starts_at > greatest(a.created_at, coalesce(reported.at, a.created_at))`)
				.as('meetings_without_report')
		])
		.where('a.body_id', '=', bodyId)
		.where('a.status', 'in', OPEN_STATUSES)
		.orderBy('o.name_th')
		.orderBy(sql`a.due_on asc nulls last`)
		.orderBy('a.created_at')
		.execute();
}

/**
 * The order of the outstanding view's lists over `action_item as a` joined to
 * its lead `organisation as o` (see `../outstanding-order.ts`): the Thai name
 * byte-wise, the organisation's id, the due date (nulls last), creation, id.
 */
export const OUTSTANDING_ORDER = [sql`o.name_th collate "C"`, sql`a.lead_organisation_id`, sql`a.due_on asc nulls last`, sql`a.created_at`, sql`a.id`] as const;

/** Rows strictly after the cursor in the order. */
export function afterOutstanding(c: OutstandingCursor): RawBuilder<boolean> {
	const name = sql`o.name_th collate "C"`;
	const sameOrganisation = sql<boolean>`(a.lead_organisation_id > ${c.organisationId}::uuid or (a.lead_organisation_id = ${c.organisationId}::uuid and ${afterCursor(c)}))`;
	return sql<boolean>`(${name} > ${c.name} collate "C" or (${name} = ${c.name} collate "C" and ${sameOrganisation}))`;
}

/** When the item was last reported on: a report-back, or progress given at a meeting. */
const reportedAt = sql<Date | null>`(select max(x.at) from action_update x
	where x.action_item_id = a.id and (x.kind = 'report_back' or (x.kind = 'progress' and x.meeting_id is not null)))`;

/**
 * Meetings of the item's body it has appeared at since its last report-back,
 * counted up to `limit`. A subquery rather than a join, so a page's query
 * works it out only for the rows it returns.
 */
function meetingsWithoutReport(limit?: number) {
	return sql<number>`(select count(*) from (
		select 1 from meeting mt
		where mt.body_id = a.body_id and mt.case_id is null
			and mt.status in ('in_progress', 'ended', 'minutes_approved')
			and mt.id is distinct from a.meeting_id
			and mt.starts_at > greatest(a.created_at, coalesce(${reportedAt}, a.created_at))
		${limit ? sql`limit ${limit}` : sql``}) s)`;
}

/** Whether the item has appeared at `flagAfter` meetings without a report-back. */
const flagged = (flagAfter: number) => sql<boolean>`(${meetingsWithoutReport(flagAfter)} >= ${flagAfter})`;

function inList(list: OutstandingList, days: ListDays, flagAfter: number) {
	switch (list) {
		case 'overdue':
			return sql<boolean>`(a.due_on < ${days.today}::date)`;
		case 'dueBeforeNext':
			return days.nextMeeting ? sql<boolean>`(a.due_on >= ${days.today}::date and a.due_on <= ${days.nextMeeting}::date)` : sql<boolean>`false`;
		case 'flagged':
			return flagged(flagAfter);
		case 'items':
			return sql<boolean>`true`;
	}
}

/** Open items of the body with their lead organisation, as `a` and `o`. */
function openItems(db: Kysely<DB>, bodyId: string) {
	return db
		.selectFrom('action_item as a')
		.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
		.where('a.body_id', '=', bodyId)
		.where('a.status', 'in', OPEN_STATUSES);
}

/** Every list's count, one row per lead organisation (`total` 0) and one for the whole body (`total` 1), counted by the database. */
export function outstandingCountRows(db: Kysely<DB>, bodyId: string, days: ListDays, flagAfter: number) {
	return (
		db
			.selectFrom(
				openItems(db, bodyId)
					.select([
						'a.lead_organisation_id',
						'o.name_th',
						'o.name_en',
						'o.short_name',
						inList('overdue', days, flagAfter).as('overdue'),
						inList('dueBeforeNext', days, flagAfter).as('due_before_next'),
						flagged(flagAfter).as('flagged')
					])
					.as('i')
			)
			.select([
				'i.lead_organisation_id',
				'i.name_th',
				'i.name_en',
				'i.short_name',
				sql<string>`count(*)`.as('open'),
				sql<string>`count(*) filter (where i.overdue)`.as('overdue'),
				sql<string>`count(*) filter (where i.due_before_next)`.as('due_before_next'),
				sql<string>`count(*) filter (where i.flagged)`.as('flagged'),
				sql<number>`grouping(i.lead_organisation_id)`.as('total')
			])
			// One row per organisation and one for the body.
			.groupBy(sql`grouping sets ((i.lead_organisation_id, i.name_th, i.name_en, i.short_name), ())`)
			.execute()
	);
}

/** One page of one list in the view's order, strictly after the cursor, with what a list entry shows; `limit + 1` rows tell whether more follow. */
export function outstandingListRows(
	db: Kysely<DB>,
	reader: Reader,
	bodyId: string,
	list: OutstandingList,
	days: ListDays,
	opts: { after?: OutstandingCursor; limit: number; flagAfter: number }
) {
	let q = openItems(db, bodyId)
		.leftJoin('app_user as u', 'u.id', 'a.assignee_id')
		.select([
			'a.id',
			...actionHeading(reader, 'a'),
			'a.status',
			'a.due_on',
			'a.lead_organisation_id',
			'a.case_id',
			'o.name_th as lead_th',
			'o.name_en as lead_en',
			'u.display_name as assignee',
			meetingsWithoutReport().as('meetings_without_report'),
			sql<string>`a.created_at::text`.as('created_key')
		])
		.where(inList(list, days, opts.flagAfter));
	if (opts.after) q = q.where(afterOutstanding(opts.after));
	for (const column of OUTSTANDING_ORDER) q = q.orderBy(column);
	return q.limit(opts.limit + 1).execute();
}

export type OutstandingRow = Awaited<ReturnType<typeof outstandingListRows>>[number];

/** Per lead organisation: items due in the period that were not dropped, and how many of them closed. */
export function completionByOrganisation(db: Kysely<DB>, bodyId: string, period: { from: string; to: string }) {
	return db
		.selectFrom('action_item as a')
		.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
		.select([
			'a.lead_organisation_id',
			'o.name_th',
			'o.name_en',
			'o.short_name',
			sql<number>`count(*) filter (where a.status <> 'dropped')`.as('due'),
			sql<number>`count(*) filter (where a.status = 'closed')`.as('closed')
		])
		.where('a.body_id', '=', bodyId)
		.where('a.due_on', '>=', period.from)
		.where('a.due_on', '<=', period.to)
		.groupBy(['a.lead_organisation_id', 'o.name_th', 'o.name_en', 'o.short_name'])
		.execute();
}

/** Open and overdue counts of the bodies directly below. */
export function childBodyCounts(db: Kysely<DB>, bodyId: string, today: string) {
	return db
		.selectFrom('body as b')
		.leftJoin('action_item as a', (j) => j.onRef('a.body_id', '=', 'b.id').on('a.status', 'in', OPEN_STATUSES))
		.select(['b.id', 'b.name_th', 'b.name_en', sql<number>`count(a.id)`.as('open'), sql<number>`count(a.id) filter (where a.due_on < ${today})`.as('overdue')])
		.where('b.parent_id', '=', bodyId)
		.groupBy(['b.id', 'b.name_th', 'b.name_en'])
		.orderBy('b.name_th')
		.execute();
}

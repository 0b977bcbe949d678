import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { OPEN_STATUSES } from '../db/schema-followup';
import { FLAG_AFTER_MEETINGS } from './outstanding';
import { afterOutstanding, OUTSTANDING_ORDER, type OutstandingCursor } from './outstanding-order';

/**
 * The outstanding view's lists in SQL: which open items of a body each list
 * holds, how many there are (per lead organisation and in all), and one
 * page of a list by keyset. The rules are those of `openItemsOfBody`: an
 * item is flagged once it has appeared at FLAG_AFTER_MEETINGS meetings of
 * its body since its last report-back.
 */

export const OUTSTANDING_LISTS = ['overdue', 'dueBeforeNext', 'flagged', 'items'] as const;
export type OutstandingList = (typeof OUTSTANDING_LISTS)[number];

export function isOutstandingList(s: string | null | undefined): s is OutstandingList {
	return !!s && (OUTSTANDING_LISTS as readonly string[]).includes(s);
}

/** Today and the next meeting's day in Bangkok: what overdue and "due before the next meeting" mean. */
export interface ListDays {
	today: string;
	nextMeeting: string | null;
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

const flagged = sql<boolean>`(${meetingsWithoutReport(FLAG_AFTER_MEETINGS)} >= ${FLAG_AFTER_MEETINGS})`;

function inList(list: OutstandingList, days: ListDays) {
	switch (list) {
		case 'overdue':
			return sql<boolean>`(a.due_on < ${days.today}::date)`;
		case 'dueBeforeNext':
			return days.nextMeeting ? sql<boolean>`(a.due_on >= ${days.today}::date and a.due_on <= ${days.nextMeeting}::date)` : sql<boolean>`false`;
		case 'flagged':
			return flagged;
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

export interface OrganisationCounts {
	organisationId: string;
	name_th: string;
	name_en: string;
	short_name: string;
	open: number;
	overdue: number;
	dueBeforeNext: number;
	flagged: number;
}

export type ListCounts = Record<'open' | 'overdue' | 'dueBeforeNext' | 'flagged', number>;

/** Every list's count, per lead organisation and for the whole body, counted by the database. */
export async function outstandingCounts(db: Kysely<DB>, bodyId: string, days: ListDays) {
	const rows = await db
		.selectFrom(
			openItems(db, bodyId)
				.select([
					'a.lead_organisation_id',
					'o.name_th',
					'o.name_en',
					'o.short_name',
					inList('overdue', days).as('overdue'),
					inList('dueBeforeNext', days).as('due_before_next'),
					flagged.as('flagged')
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
		.execute();
	const counted = (r: (typeof rows)[number]): ListCounts => ({
		open: Number(r.open),
		overdue: Number(r.overdue),
		dueBeforeNext: Number(r.due_before_next),
		flagged: Number(r.flagged)
	});
	const total = rows.find((r) => Number(r.total) === 1);
	const organisations: OrganisationCounts[] = rows
		.filter((r) => Number(r.total) === 0)
		.map((r) => ({ organisationId: r.lead_organisation_id, name_th: r.name_th, name_en: r.name_en, short_name: r.short_name, ...counted(r) }));
	return { counts: total ? counted(total) : { open: 0, overdue: 0, dueBeforeNext: 0, flagged: 0 }, organisations };
}

/** One page of one list in the view's order, strictly after the cursor, with what a list entry shows; `limit + 1` rows tell whether more follow. */
export function outstandingListRows(db: Kysely<DB>, bodyId: string, list: OutstandingList, days: ListDays, opts: { after?: OutstandingCursor; limit: number }) {
	let q = openItems(db, bodyId)
		.leftJoin('app_user as u', 'u.id', 'a.assignee_id')
		.select([
			'a.id',
			'a.title',
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
		.where(inList(list, days));
	if (opts.after) q = q.where(afterOutstanding(opts.after));
	for (const column of OUTSTANDING_ORDER) q = q.orderBy(column);
	return q.limit(opts.limit + 1).execute();
}

export type OutstandingRow = Awaited<ReturnType<typeof outstandingListRows>>[number];

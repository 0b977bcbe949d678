import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { FLAG_AFTER_MEETINGS } from './outstanding';
import { outstandingCountRows } from './repository/outstanding';

/**
 * The outstanding view's lists: which open items of a body each list holds,
 * how many there are (per lead organisation and in all), and one page of a
 * list by keyset, all in SQL (`repository/outstanding.ts`). The rules are
 * those of `openItemsOfBody`: an item is flagged once it has appeared at
 * FLAG_AFTER_MEETINGS meetings of its body since its last report-back.
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
	const rows = await outstandingCountRows(db, bodyId, days, FLAG_AFTER_MEETINGS);
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

import type { Kysely } from 'kysely';
import { requireAccess, type Actor } from '../access';
import type { DB } from '../db/schema';
import { getBody, nextMeeting } from '../network/repository/bodies';
import { FLAG_AFTER_MEETINGS } from './outstanding';
import { OUTSTANDING_LISTS, outstandingCounts, type ListDays, type OutstandingList } from './outstanding-lists';
import { encodeOutstandingCursor, type OutstandingCursor } from './outstanding-order';
import { overviewContext, withCompletion, type Period } from './overview';
import { outstandingListRows } from './repository/outstanding';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * The chair's outstanding view a page at a time: every count up front,
 * counted by the database; the first items of each list (overdue, due before
 * the next meeting, flagged, all open); the rest of a list by keyset from its
 * cursor. Each page is redacted for its reader like the whole view.
 */

export { decodeOutstandingCursor } from './outstanding-order';
export { isOutstandingList, OUTSTANDING_LISTS, type OutstandingList } from './outstanding-lists';

export const OUTSTANDING_PAGE_SIZE = 20;

const listDays = (next: { starts_at: Date } | null | undefined, now: Date): ListDays => ({
	today: bangkokToday(now),
	nextMeeting: next ? bangkokToday(next.starts_at) : null
});

/** One page of one list, as `viewerId` may see it: only what an entry shows, so the page stays light. */
async function listPage(
	db: Kysely<DB>,
	viewerId: string,
	bodyId: string,
	list: OutstandingList,
	days: ListDays,
	after: OutstandingCursor | undefined,
	limit: number
) {
	const rows = await outstandingListRows(db, viewerId, bodyId, list, days, { after, limit, flagAfter: FLAG_AFTER_MEETINGS });
	const page = rows.slice(0, limit);
	const last = page.at(-1);
	const items = page.map((r) => {
		const meetingsWithoutReport = Number(r.meetings_without_report ?? 0);
		return {
			id: r.id,
			title: r.title,
			status: r.status,
			due_on: r.due_on,
			lead_th: r.lead_th,
			lead_en: r.lead_en,
			assignee: r.assignee,
			meetingsWithoutReport,
			flagged: meetingsWithoutReport >= FLAG_AFTER_MEETINGS,
			caseCode: r.caseCode
		};
	});
	const next =
		rows.length > limit && last
			? encodeOutstandingCursor({ name: last.lead_th, organisationId: last.lead_organisation_id, due: last.due_on, created: last.created_key, id: last.id })
			: null;
	return { items, next };
}

export type OutstandingPageItem = Awaited<ReturnType<typeof listPage>>['items'][number];

export interface ListPage {
	items: OutstandingPageItem[];
	next: string | null;
	count: number;
}

export interface OutstandingQuery {
	list?: OutstandingList;
	after?: OutstandingCursor;
	limit?: number;
}

/** The view's first screen, or one list further on; access is checked before anything is read. */
export async function outstandingPage(db: Kysely<DB>, actor: Actor | null, bodyId: string, period: Period, query: OutstandingQuery = {}, now = new Date()) {
	await requireAccess(db, actor, 'body.followup', { kind: 'body', id: bodyId });
	const viewerId = actor!.userId;
	const limit = query.limit ?? OUTSTANDING_PAGE_SIZE;
	const next = nextMeeting(db, bodyId, now);
	// The lists depend only on the next meeting's date: they are read while the rest of the view is.
	const listed = next.then((n) => {
		const days = listDays(n, now);
		return Promise.all([
			outstandingCounts(db, bodyId, days),
			Promise.all(OUTSTANDING_LISTS.map((l) => listPage(db, viewerId, bodyId, l, days, l === query.list ? query.after : undefined, limit)))
		]);
	});
	const [context, [counted, pages]] = await Promise.all([overviewContext(db, actor!, bodyId, period, now, next), listed]);
	if (!context) return null;
	const { rates, ...view } = context;
	const countOf: Record<OutstandingList, number> = { ...counted.counts, items: counted.counts.open };
	const lists = Object.fromEntries(OUTSTANDING_LISTS.map((l, i) => [l, { ...pages[i]!, count: countOf[l] }])) as Record<OutstandingList, ListPage>;
	return {
		...view,
		counts: counted.counts,
		organisations: withCompletion(counted.organisations, rates),
		lists,
		list: query.list ?? null,
		after: query.after ? encodeOutstandingCursor(query.after) : null
	};
}

/** The next page of one list, for "show more": no counts, no completion, one query for the items. */
export async function outstandingMore(
	db: Kysely<DB>,
	actor: Actor | null,
	bodyId: string,
	query: { list: OutstandingList; after?: OutstandingCursor; limit?: number },
	now = new Date()
) {
	await requireAccess(db, actor, 'body.followup', { kind: 'body', id: bodyId });
	if (!(await getBody(db, bodyId))) return null;
	const days = listDays(await nextMeeting(db, bodyId, now), now);
	return listPage(db, actor!.userId, bodyId, query.list, days, query.after, query.limit ?? OUTSTANDING_PAGE_SIZE);
}

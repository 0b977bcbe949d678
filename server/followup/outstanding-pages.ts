import type { Kysely } from 'kysely';
import type { Actor } from '../access';
import type { DB } from '../db/schema';
import { followupOverview, type Period } from './overview';

/**
 * The chair's outstanding view a page at a time: every count up front, the
 * first items of each list (overdue, due before the next meeting, flagged,
 * all open), the rest of a list by keyset from its cursor. Items are sent once
 * each list needs them, not every open item four times over.
 */

export const OUTSTANDING_PAGE_SIZE = 25;
export const OUTSTANDING_LISTS = ['overdue', 'dueBeforeNext', 'flagged', 'items'] as const;
export type OutstandingList = (typeof OUTSTANDING_LISTS)[number];

type Overview = NonNullable<Awaited<ReturnType<typeof followupOverview>>>;
type Item = Overview['items'][number];
/** Lead organisation's Thai name and id, due date (nulls last), creation, id: the view's order made total. */
type Key = [string, string, string | null, string, string];

const keyOf = (i: Item): Key => [i.lead_th, i.lead_organisation_id, i.due_on, new Date(i.created_at).toISOString(), i.id];

function compare(a: Key, b: Key): number {
	const byName = a[0].localeCompare(b[0], 'th');
	if (byName) return byName;
	if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
	if (a[2] !== b[2]) return a[2] === null ? 1 : b[2] === null ? -1 : a[2] < b[2] ? -1 : 1;
	if (a[3] !== b[3]) return a[3] < b[3] ? -1 : 1;
	return a[4] === b[4] ? 0 : a[4] < b[4] ? -1 : 1;
}

export function isOutstandingList(s: string | null | undefined): s is OutstandingList {
	return !!s && (OUTSTANDING_LISTS as readonly string[]).includes(s);
}

const encode = (k: Key) => Buffer.from(JSON.stringify(k)).toString('base64url');

/** A cursor from the URL; anything malformed means the first page. */
export function decodeOutstandingCursor(raw: string | null | undefined): Key | undefined {
	if (!raw || raw.length > 600) return undefined;
	try {
		const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
		if (!Array.isArray(v) || v.length !== 5) return undefined;
		const ok = v.every((x, i) => typeof x === 'string' || (i === 2 && x === null));
		return ok ? (v as Key) : undefined;
	} catch {
		return undefined;
	}
}

export interface ListPage {
	items: Item[];
	next: string | null;
	count: number;
}

function pageOf(items: Item[], after: Key | undefined, limit: number): ListPage {
	const sorted = items.map((i) => [keyOf(i), i] as const).sort((a, b) => compare(a[0], b[0]));
	const rest = after ? sorted.filter(([k]) => compare(k, after) > 0) : sorted;
	const page = rest.slice(0, limit);
	return { items: page.map(([, i]) => i), next: rest.length > limit ? encode(page.at(-1)![0]) : null, count: items.length };
}

export interface OutstandingQuery {
	list?: OutstandingList;
	after?: Key;
	limit?: number;
}

/** The view's first screen, or one list further on; access is checked by the overview. */
export async function outstandingPage(db: Kysely<DB>, actor: Actor | null, bodyId: string, period: Period, query: OutstandingQuery = {}, now = new Date()) {
	const view = await followupOverview(db, actor, bodyId, period, now);
	if (!view) return null;
	const limit = query.limit ?? OUTSTANDING_PAGE_SIZE;
	const lists = Object.fromEntries(OUTSTANDING_LISTS.map((l) => [l, pageOf(view[l], l === query.list ? query.after : undefined, limit)])) as Record<
		OutstandingList,
		ListPage
	>;
	const { overdue: _o, dueBeforeNext: _d, flagged: _f, items: _i, ...rest } = view;
	return { ...rest, lists, list: query.list ?? null, after: query.after ? encode(query.after) : null };
}

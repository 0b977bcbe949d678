import type { Kysely } from 'kysely';
import { AccessDenied, type Actor } from '../access';
import type { DB } from '../db/schema';
import { FINISHED_STATUSES, OPEN_STATUSES, type ActionStatus } from '../db/schema-followup';
import { boardItems, FINISHED_SHOWN_DAYS, type BoardItem } from './board';
import { boardSeats, boardStatusCounts, type BoardCursor, type BoardFilter } from './repository/board';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * The board a page at a time: the open groups' first items come with the
 * page, the rest of a group (and the closed and dropped ones) by keyset
 * paging, with every group's count up front so nothing seems missing.
 */

export const BOARD_PAGE_SIZE = 20;
export const BOARD_ORDER = [...OPEN_STATUSES, ...FINISHED_STATUSES] as ActionStatus[];

export type PagedRow = Omit<BoardItem, 'created_key'> & { led: boolean; overdue: boolean };
export interface BoardGroup {
	items: PagedRow[];
	/** Cursor of the next page, if there is one. */
	next: string | null;
	count: number;
}

export function encodeCursor(c: BoardCursor): string {
	return Buffer.from(JSON.stringify([c.due, c.created, c.id])).toString('base64url');
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T][0-9:.]+([+-]\d{2}(:?\d{2})?|Z)?$/;

/** A place in (due date, creation, id) order from decoded values, or undefined when malformed. */
export function cursorFrom([due, created, id]: unknown[]): BoardCursor | undefined {
	if (!(due === null || (typeof due === 'string' && DATE.test(due)))) return undefined;
	if (typeof created !== 'string' || !TIMESTAMP.test(created) || typeof id !== 'string' || !UUID.test(id)) return undefined;
	return { due, created, id };
}

/** A cursor from the URL; anything malformed means the first page. */
export function decodeCursor(raw: string | null | undefined): BoardCursor | undefined {
	if (!raw || raw.length > 200) return undefined;
	try {
		const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
		return Array.isArray(v) && v.length === 3 ? cursorFrom(v) : undefined;
	} catch {
		return undefined;
	}
}

export function isBoardStatus(s: string | null | undefined): s is ActionStatus {
	return !!s && (BOARD_ORDER as string[]).includes(s);
}

const finishedSince = (now: Date) => new Date(now.getTime() - FINISHED_SHOWN_DAYS * 24 * 3600_000);

/** How many items each group holds: all open ones, the finished ones of the recent window. */
export async function boardCounts(db: Kysely<DB>, userId: string, filter: BoardFilter, now: Date): Promise<Record<ActionStatus, number>> {
	const rows = await boardStatusCounts(db, userId, filter, now, finishedSince(now));
	const counts = Object.fromEntries(BOARD_ORDER.map((s) => [s, 0])) as Record<ActionStatus, number>;
	for (const r of rows) counts[r.status] = Number(r.n);
	return counts;
}

/** One page of one group, as `userId` may see it (redacted like the whole board). */
export async function boardGroupPage(
	db: Kysely<DB>,
	userId: string,
	status: ActionStatus,
	filter: BoardFilter,
	speaksFor: Set<string>,
	opts: { after?: BoardCursor; limit?: number; now: Date }
): Promise<Omit<BoardGroup, 'count'>> {
	const limit = opts.limit ?? BOARD_PAGE_SIZE;
	const finished = FINISHED_STATUSES.includes(status);
	const rows = await boardItems(db, userId, filter, {
		now: opts.now,
		statuses: [status],
		after: opts.after,
		limit: limit + 1,
		finishedSince: finished ? finishedSince(opts.now) : undefined
	});
	const today = bangkokToday(opts.now);
	const page = rows.slice(0, limit);
	const last = page.at(-1);
	return {
		items: page.map(({ created_key: _k, ...item }) => ({
			...item,
			led: speaksFor.has(`${item.body_id}:${item.lead_organisation_id}`),
			overdue: !finished && !!item.due_on && item.due_on < today
		})),
		next: rows.length > limit && last ? encodeCursor({ due: last.due_on, created: last.created_key, id: last.id }) : null
	};
}

export interface BoardPageQuery extends BoardFilter {
	/** The group paged further (or a finished group opened). */
	group?: ActionStatus;
	after?: BoardCursor;
	/** Items a page. */
	limit?: number;
}

/** A page size from the URL, kept within reason. */
export function pageSize(raw: string | null | undefined): number | undefined {
	const n = Number(raw);
	return raw && Number.isInteger(n) && n >= 1 ? Math.min(n, 100) : undefined;
}

/** The board's first screen: every count, the open groups' first pages, and the group asked for from its cursor. */
export async function representativeBoardPage(db: Kysely<DB>, actor: Actor | null, query: BoardPageQuery = {}, now = new Date()) {
	if (!actor) throw new AccessDenied(403, 'actions.board');
	const filter: BoardFilter = { bodyId: query.bodyId };
	const mine = await boardSeats(db, actor.userId, now);
	// Sitting for the lead organisation on the item's body is what lets the user post progress.
	const speaksFor = new Set(mine.map((s) => `${s.body_id}:${s.organisation_id}`));
	const shownGroups = BOARD_ORDER.filter((s) => OPEN_STATUSES.includes(s) || s === query.group);
	const [counts, ...pages] = await Promise.all([
		boardCounts(db, actor.userId, filter, now),
		...shownGroups.map((s) =>
			boardGroupPage(db, actor.userId, s, filter, speaksFor, { now, limit: query.limit, after: s === query.group ? query.after : undefined })
		)
	]);
	const groups = Object.fromEntries(
		BOARD_ORDER.map((s) => {
			const i = shownGroups.indexOf(s);
			const page = i >= 0 ? pages[i]! : { items: [], next: null };
			return [s, { ...page, count: counts[s], loaded: i >= 0 }];
		})
	) as Record<ActionStatus, BoardGroup & { loaded: boolean }>;
	const bodies = [...new Map(mine.map((s) => [s.body_id, { id: s.body_id, name_th: s.name_th, name_en: s.name_en }])).values()];
	return {
		groups,
		bodies,
		bodyId: query.bodyId ?? null,
		open: OPEN_STATUSES.reduce((n, s) => n + counts[s], 0),
		group: query.group ?? null,
		after: query.after ? encodeCursor(query.after) : null
	};
}

/** Next page of one group, for "show more". */
export async function boardMore(db: Kysely<DB>, actor: Actor | null, query: BoardPageQuery & { group: ActionStatus }, now = new Date()) {
	if (!actor) throw new AccessDenied(403, 'actions.board');
	const mine = await boardSeats(db, actor.userId, now);
	const speaksFor = new Set(mine.map((s) => `${s.body_id}:${s.organisation_id}`));
	return boardGroupPage(db, actor.userId, query.group, { bodyId: query.bodyId }, speaksFor, { now, after: query.after, limit: query.limit });
}

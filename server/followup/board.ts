import type { Kysely } from 'kysely';
import { AccessDenied, type Actor } from '../access';
import type { DB } from '../db/schema';
import { FINISHED_STATUSES, OPEN_STATUSES, type ActionStatus } from '../db/schema-followup';
import { boardQuery, boardSeats, type BoardFilter, type BoardOptions } from './repository/board';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * "My organisation's actions": on every body where the user holds a seat now
 * (or stands in as the alternate), the items led or supported by an
 * organisation the user speaks for. Scoping by the user's own current seats is
 * the board's access rule: each of those bodies is one the user may read.
 */

/** Closed and dropped items stay on the board this long, so a representative sees them land. */
export const FINISHED_SHOWN_DAYS = 90;

/** Board rows: the item, who leads it, whether one of the user's organisations leads it, and its latest entry. */
export async function boardItems(db: Kysely<DB>, userId: string, filter: BoardFilter = {}, opts: BoardOptions = {}) {
	return boardQuery(db, userId, filter, opts).execute();
}

export type BoardItem = Awaited<ReturnType<typeof boardItems>>[number];

export type BoardRow = BoardItem & { led: boolean; overdue: boolean };

/** The representative's board, grouped by state, each group by due date. */
export async function representativeBoard(db: Kysely<DB>, actor: Actor | null, filter: BoardFilter = {}, now = new Date()) {
	if (!actor) throw new AccessDenied(403, 'actions.board');
	const finishedSince = new Date(now.getTime() - FINISHED_SHOWN_DAYS * 24 * 3600_000);
	const [open, finished, mine] = await Promise.all([
		boardItems(db, actor.userId, filter, { now }),
		boardItems(db, actor.userId, filter, { now, finishedSince }),
		boardSeats(db, actor.userId, now)
	]);
	// Sitting for the lead organisation on the item's body is what lets the user post progress.
	const speaksFor = new Set(mine.map((s) => `${s.body_id}:${s.organisation_id}`));
	const today = bangkokToday(now);
	const groups = Object.fromEntries([...OPEN_STATUSES, ...FINISHED_STATUSES].map((s) => [s, [] as BoardRow[]])) as Record<ActionStatus, BoardRow[]>;
	for (const item of [...open, ...finished]) {
		groups[item.status].push({
			...item,
			led: speaksFor.has(`${item.body_id}:${item.lead_organisation_id}`),
			overdue: OPEN_STATUSES.includes(item.status) && !!item.due_on && item.due_on < today
		});
	}
	const bodies = [...new Map(mine.map((s) => [s.body_id, { id: s.body_id, name_th: s.name_th, name_en: s.name_en }])).values()];
	return { groups, bodies, bodyId: filter.bodyId ?? null, open: open.length };
}

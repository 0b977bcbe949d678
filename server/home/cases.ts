import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { openCaseItemCounts, openCaseItems } from './repository/actions';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * The case plan's open items for someone on the case teams: the earliest due
 * first, with how many there are and how many are late. Only cases the person
 * is on the team of are asked for, and each row is still read as the person
 * may read it, so a row can never say more than the team rule allows.
 */
export async function casePlanItems(db: Kysely<DB>, viewerId: string, o: { caseIds: string[]; now: Date; limit: number }) {
	if (!o.caseIds.length) return { count: 0, overdue: 0, items: [] };
	const today = bangkokToday(o.now);
	const [counts, rows] = await Promise.all([openCaseItemCounts(db, o.caseIds, today), openCaseItems(db, viewerId, o.caseIds, o.limit)]);
	return {
		count: Number(counts.n),
		overdue: Number(counts.overdue),
		items: rows.map((i) => ({ ...i, overdue: !!i.due_on && i.due_on < today }))
	};
}

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { redactActions } from '../access/redact';
import { openCaseItemCounts, openCaseItems } from './repository/actions';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * The case plan's open items for someone on the case teams: the earliest due
 * first, with how many there are and how many are late. Only cases the person
 * is on the team of are asked for; the redaction still runs, so a row can
 * never say more than the case lens allows.
 */
export async function casePlanItems(db: Kysely<DB>, viewerId: string, o: { caseIds: string[]; now: Date; limit: number }) {
	if (!o.caseIds.length) return { count: 0, overdue: 0, items: [] };
	const today = bangkokToday(o.now);
	const [counts, rows] = await Promise.all([openCaseItemCounts(db, o.caseIds, today), openCaseItems(db, o.caseIds, o.limit)]);
	const items = await redactActions(db, viewerId, rows);
	return {
		count: Number(counts.n),
		overdue: Number(counts.overdue),
		items: items.map((i) => ({ ...i, overdue: !!i.due_on && i.due_on < today }))
	};
}

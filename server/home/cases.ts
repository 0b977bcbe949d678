import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { OPEN_STATUSES } from '../db/schema-followup';
import { redactActions } from '../access/redact';
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
	const open = db.selectFrom('action_item as a').where('a.case_id', 'in', o.caseIds).where('a.status', 'in', OPEN_STATUSES);
	const [counts, rows] = await Promise.all([
		open.select([sql<number>`count(*)`.as('n'), sql<number>`count(*) filter (where a.due_on < ${today})`.as('overdue')]).executeTakeFirstOrThrow(),
		open
			.innerJoin('case_file as c', 'c.id', 'a.case_id')
			.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
			.select(['a.id', 'a.title', 'a.status', 'a.due_on', 'a.case_id', 'c.code', 'o.name_th as lead_th', 'o.name_en as lead_en'])
			.orderBy(sql`a.due_on asc nulls last`)
			.orderBy('a.id')
			.limit(o.limit)
			.execute()
	]);
	const items = await redactActions(db, viewerId, rows);
	return {
		count: Number(counts.n),
		overdue: Number(counts.overdue),
		items: items.map((i) => ({ ...i, overdue: !!i.due_on && i.due_on < today }))
	};
}

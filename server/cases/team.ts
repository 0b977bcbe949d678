import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { bangkokToday } from '../network/repository';
import { seatHeldOn, seatOf } from '../network/seats';

/**
 * The case team: the people who may see a case. A seat on the team counts
 * only while its holder also sits on the case's body (any role but observer),
 * so a representative who leaves the body loses the case with the seat.
 */
function currentTeam(db: Kysely<DB>, userId: string, now: Date) {
	const d = bangkokToday(now);
	return db
		.selectFrom('case_team as t')
		.innerJoin('case_file as c', 'c.id', 't.case_id')
		.select('t.case_id')
		.where('t.user_id', '=', userId)
		.where('t.removed_at', 'is', null)
		.where(({ exists, selectFrom }) =>
			exists(
				selectFrom('membership as m')
					.select(sql.lit(1).as('one'))
					.whereRef('m.body_id', '=', 'c.body_id')
					.where(seatOf(userId, 'm'))
					.where('m.role', '!=', 'observer')
					.where(seatHeldOn(d, 'm'))
			)
		);
}

export async function onCaseTeam(db: Kysely<DB>, userId: string, caseId: string, now = new Date()): Promise<boolean> {
	const row = await currentTeam(db, userId, now).where('t.case_id', '=', caseId).limit(1).executeTakeFirst();
	return row !== undefined;
}

/** Every case the user may see right now. */
export async function teamCaseIds(db: Kysely<DB>, userId: string, now = new Date()): Promise<Set<string>> {
	const rows = await currentTeam(db, userId, now).execute();
	return new Set(rows.map((r) => r.case_id));
}

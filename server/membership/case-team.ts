import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema';
import { seatHeldOn, seatOf } from './seats';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * The case team: the people who may see a case. A seat on the team counts
 * only while its holder also sits on the case's body (any role but observer),
 * so a representative who leaves the body loses the case with the seat.
 */
function currentTeam(db: Kysely<DB>, now: Date) {
	const d = bangkokToday(now);
	return db
		.selectFrom('case_team as t')
		.innerJoin('case_file as c', 'c.id', 't.case_id')
		.where('t.removed_at', 'is', null)
		.where(({ exists, selectFrom }) =>
			exists(
				selectFrom('membership as m')
					.select(sql.lit(1).as('one'))
					.whereRef('m.body_id', '=', 'c.body_id')
					.where(sql<boolean>`(m.user_id = t.user_id or m.alternate_user_id = t.user_id)`)
					.where('m.role', '!=', 'observer')
					.where(seatHeldOn(d, 'm'))
			)
		);
}

/**
 * SQL: the ids of the cases `userId` is on the team of now, by the rule above,
 * as an array the query computes once (`a.case_id = any(...)`), whatever the
 * number of rows it tests. Its aliases are unusual (`team_member`,
 * `team_case`, `team_seat`) so they never shadow the query's own.
 */
export function teamCasesOf(userId: string, now = new Date()): RawBuilder<string[]> {
	const d = bangkokToday(now);
	return sql<string[]>`array(
		select team_member.case_id from case_team team_member
		join case_file team_case on team_case.id = team_member.case_id
		where team_member.user_id = ${userId} and team_member.removed_at is null
			and exists (
				select 1 from membership team_seat
				where team_seat.body_id = team_case.body_id and ${seatOf(userId, 'team_seat')}
					and team_seat.role <> 'observer' and ${seatHeldOn(d, 'team_seat')}
			)
	)`;
}

export async function onCaseTeam(db: Kysely<DB>, userId: string, caseId: string, now = new Date()): Promise<boolean> {
	const row = await currentTeam(db, now).select('t.case_id').where('t.user_id', '=', userId).where('t.case_id', '=', caseId).limit(1).executeTakeFirst();
	return row !== undefined;
}

/** Every case the user may see right now. */
export async function teamCaseIds(db: Kysely<DB>, userId: string, now = new Date()): Promise<Set<string>> {
	const rows = await currentTeam(db, now).select('t.case_id').where('t.user_id', '=', userId).execute();
	return new Set(rows.map((r) => r.case_id));
}

/** Everyone who can see the case now: the only people a case action may be assigned to. */
export async function teamUserIds(db: Kysely<DB>, caseId: string, now = new Date()): Promise<Set<string>> {
	const rows = await currentTeam(db, now).select('t.user_id').where('t.case_id', '=', caseId).execute();
	return new Set(rows.map((r) => r.user_id));
}

/**
 * The team's lead: whoever has sat on the team longest among those who can
 * still see the case, the person who opened it before anyone. Derived, not
 * stored, so a team has a lead for as long as anyone on it can see the case.
 */
export async function caseLead(db: Kysely<DB>, caseId: string, now = new Date()): Promise<string | undefined> {
	const row = await currentTeam(db, now)
		.select('t.user_id')
		.where('t.case_id', '=', caseId)
		.orderBy(sql`coalesce(t.user_id = c.created_by, false)`, 'desc')
		.orderBy('t.added_at')
		.orderBy('t.id')
		.limit(1)
		.executeTakeFirst();
	return row?.user_id;
}

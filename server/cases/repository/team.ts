import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { CaseTeamTable } from '../../db/schema-cases';
import { seatHeldOn, seatOf } from '../../membership/seats';
import { bangkokToday } from '../../../src/lib/calendar';

/** The SQL of case teams and the seats on the body they are drawn from. Callers have checked access; nothing here audits. */

/** A current seat, not as observer, that the user holds or stands in for; their own seat first. */
export function workingSeat(db: Kysely<DB>, bodyId: string, userId: string, now = new Date()) {
	const d = bangkokToday(now);
	return db
		.selectFrom('membership')
		.select(['organisation_id', 'role'])
		.where('body_id', '=', bodyId)
		.where(seatOf(userId))
		.where('role', '!=', 'observer')
		.where(seatHeldOn(d))
		.orderBy(sql`case when user_id = ${userId} then 0 else 1 end`)
		.limit(1)
		.executeTakeFirst();
}

/** When a seat on a body ends, if it does. */
export function seatEndsOn(db: Kysely<DB>, membershipId: string) {
	return db.selectFrom('membership').select('ends_on').where('id', '=', membershipId).executeTakeFirstOrThrow();
}

/** People who may join a case team: current holders of working seats on the body and their alternates. */
export async function teamCandidates(db: Kysely<DB>, bodyId: string, now = new Date()) {
	const d = bangkokToday(now);
	const seats = await db
		.selectFrom('membership as m')
		.innerJoin('organisation as o', 'o.id', 'm.organisation_id')
		.innerJoin('app_user as u', 'u.id', 'm.user_id')
		.leftJoin('app_user as alt', 'alt.id', 'm.alternate_user_id')
		.select([
			'm.user_id',
			'u.display_name',
			'm.alternate_user_id',
			'alt.display_name as alternate_name',
			'm.role',
			'm.organisation_id',
			'o.name_th',
			'o.name_en',
			'o.short_name'
		])
		.where('m.body_id', '=', bodyId)
		.where('m.role', '!=', 'observer')
		.where(seatHeldOn(d, 'm'))
		.where('u.active', '=', true)
		.orderBy('o.name_th')
		.execute();
	const people = new Map<
		string,
		{ userId: string; name: string; organisationId: string; org_th: string; org_en: string; short_name: string; alternate: boolean }
	>();
	for (const s of seats) {
		if (!people.has(s.user_id)) {
			people.set(s.user_id, {
				userId: s.user_id,
				name: s.display_name,
				organisationId: s.organisation_id,
				org_th: s.name_th,
				org_en: s.name_en,
				short_name: s.short_name,
				alternate: false
			});
		}
	}
	for (const s of seats) {
		if (s.alternate_user_id && s.alternate_name && !people.has(s.alternate_user_id)) {
			people.set(s.alternate_user_id, {
				userId: s.alternate_user_id,
				name: s.alternate_name,
				organisationId: s.organisation_id,
				org_th: s.name_th,
				org_en: s.name_en,
				short_name: s.short_name,
				alternate: true
			});
		}
	}
	return [...people.values()];
}

/** The current team, each with whether their seat on the body still lets them see the case. */
export function currentTeam(db: Kysely<DB>, caseId: string, now = new Date()) {
	const d = bangkokToday(now);
	return db
		.selectFrom('case_team as t')
		.innerJoin('case_file as c', 'c.id', 't.case_id')
		.innerJoin('app_user as u', 'u.id', 't.user_id')
		.innerJoin('organisation as o', 'o.id', 't.organisation_id')
		.select((eb) => [
			't.user_id',
			'u.display_name',
			't.organisation_id',
			'o.name_th as org_th',
			'o.name_en as org_en',
			'o.short_name',
			't.added_at',
			eb
				.exists(
					eb
						.selectFrom('membership as m')
						.select(sql.lit(1).as('one'))
						.whereRef('m.body_id', '=', 'c.body_id')
						.where((w) => w.or([w('m.user_id', '=', w.ref('t.user_id')), w('m.alternate_user_id', '=', w.ref('t.user_id'))]))
						.where('m.role', '!=', 'observer')
						.where(seatHeldOn(d, 'm'))
				)
				.as('seated')
		])
		.where('t.case_id', '=', caseId)
		.where('t.removed_at', 'is', null)
		.orderBy('t.added_at')
		.execute();
}

/** The user's current seat on the case team, if they have one. */
export function teamSeatOf(db: Kysely<DB>, caseId: string, userId: string) {
	return db.selectFrom('case_team').select('id').where('case_id', '=', caseId).where('user_id', '=', userId).where('removed_at', 'is', null).executeTakeFirst();
}

/** The current seats on the case team. */
export function teamSeats(db: Kysely<DB>, caseId: string) {
	return db.selectFrom('case_team').select(['id', 'user_id']).where('case_id', '=', caseId).where('removed_at', 'is', null).execute();
}

/** The current seats on the teams of a body's cases that a user holds for an organisation. */
export function teamSeatsOnBody(db: Kysely<DB>, bodyId: string, userId: string, organisationId: string) {
	return db
		.selectFrom('case_team as t')
		.innerJoin('case_file as c', 'c.id', 't.case_id')
		.select(['t.id', 't.case_id'])
		.where('c.body_id', '=', bodyId)
		.where('t.user_id', '=', userId)
		.where('t.organisation_id', '=', organisationId)
		.where('t.removed_at', 'is', null)
		.execute();
}

export async function insertTeamSeat(db: Kysely<DB>, seat: Insertable<CaseTeamTable>): Promise<void> {
	await db.insertInto('case_team').values(seat).execute();
}

/** Ends a seat on a case team; the row stays in the history. */
export async function endTeamSeat(db: Kysely<DB>, seatId: string, by: string, at: Date): Promise<void> {
	await db.updateTable('case_team').set({ removed_at: at, removed_by: by }).where('id', '=', seatId).execute();
}

export async function endTeamSeats(db: Kysely<DB>, seats: { id: string }[], by: string, at: Date): Promise<void> {
	await db
		.updateTable('case_team')
		.set({ removed_at: at, removed_by: by })
		.where(
			'id',
			'in',
			seats.map((s) => s.id)
		)
		.execute();
}

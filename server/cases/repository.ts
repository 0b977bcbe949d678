import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { seatHeldOn, seatOf } from '../membership/seats';
import { bangkokToday } from '../../src/lib/calendar';

/** The SQL of cases. Callers have checked access; nothing here audits. */

export function getCase(db: Kysely<DB>, caseId: string) {
	return db
		.selectFrom('case_file as c')
		.innerJoin('body as b', 'b.id', 'c.body_id')
		.leftJoin('intake_report as r', 'r.id', 'c.intake_report_id')
		.select([
			'c.id',
			'c.code',
			'c.body_id',
			'c.category',
			'c.sex',
			'c.age_band',
			'c.status',
			'c.opened_on',
			'c.closed_on',
			'c.created_at',
			'b.name_th as body_th',
			'b.name_en as body_en',
			'r.reference as intake_reference'
		])
		.where('c.id', '=', caseId)
		.executeTakeFirst();
}

export function bodyName(db: Kysely<DB>, bodyId: string) {
	return db.selectFrom('body').select(['id', 'name_th', 'name_en']).where('id', '=', bodyId).executeTakeFirstOrThrow();
}

/** Locks the case row so that team changes of one case happen one at a time. */
export function lockCase(db: Kysely<DB>, caseId: string) {
	return db.selectFrom('case_file').select(['id', 'body_id', 'status']).where('id', '=', caseId).forUpdate().executeTakeFirstOrThrow();
}

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

export function needs(db: Kysely<DB>, caseId: string) {
	return db
		.selectFrom('case_need as n')
		.leftJoin('organisation as o', 'o.id', 'n.organisation_id')
		.select(['n.need', 'n.organisation_id', 'o.name_th as org_th', 'o.name_en as org_en', 'n.status', 'n.note', 'n.updated_at'])
		.where('n.case_id', '=', caseId)
		.execute();
}

export function activeOrganisations(db: Kysely<DB>) {
	return db.selectFrom('organisation').select(['id', 'name_th', 'name_en', 'short_name']).where('active', '=', true).orderBy('name_th').execute();
}

export function conferences(db: Kysely<DB>, caseId: string) {
	return db
		.selectFrom('meeting')
		.select(['id', 'title', 'starts_at', 'status', 'place', 'online_url'])
		.where('case_id', '=', caseId)
		.orderBy('starts_at', 'desc')
		.execute();
}

export function actions(db: Kysely<DB>, caseId: string) {
	return db
		.selectFrom('action_item as a')
		.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
		.leftJoin('app_user as u', 'u.id', 'a.assignee_id')
		.select(['a.id', 'a.title', 'a.status', 'a.due_on', 'o.name_th as lead_th', 'o.name_en as lead_en', 'u.display_name as assignee'])
		.where('a.case_id', '=', caseId)
		.orderBy('a.created_at', 'desc')
		.execute();
}

/** The cases of a body among those given (the actor's team cases). */
export function casesOf(db: Kysely<DB>, ids: string[], bodyId?: string) {
	if (!ids.length) return Promise.resolve([]);
	let q = db
		.selectFrom('case_file as c')
		.innerJoin('body as b', 'b.id', 'c.body_id')
		.select(['c.id', 'c.code', 'c.category', 'c.status', 'c.opened_on', 'c.closed_on', 'c.body_id', 'b.name_th as body_th', 'b.name_en as body_en'])
		.where('c.id', 'in', ids);
	if (bodyId) q = q.where('c.body_id', '=', bodyId);
	return q
		.orderBy(sql`c.status = 'closed'`)
		.orderBy('c.opened_on', 'desc')
		.orderBy('c.code', 'desc')
		.execute();
}

export function identity(db: Kysely<DB>, caseId: string) {
	return db
		.selectFrom('case_identity as i')
		.leftJoin('app_user as u', 'u.id', 'i.updated_by')
		.select(['i.full_name', 'i.family', 'i.address', 'i.date_of_birth', 'i.contact', 'i.notes', 'i.updated_at', 'u.display_name as updated_by_name'])
		.where('i.case_id', '=', caseId)
		.executeTakeFirst();
}

export function documents(db: Kysely<DB>, caseId: string) {
	return db
		.selectFrom('case_document as d')
		.leftJoin('app_user as u', 'u.id', 'd.uploaded_by')
		.select(['d.id', 'd.kind', 'd.filename', 'd.media_type', 'd.size', 'd.uploaded_at', 'u.display_name as uploaded_by_name'])
		.where('d.case_id', '=', caseId)
		.orderBy('d.uploaded_at', 'desc')
		.execute();
}

import { sql, type Kysely, type Updateable } from 'kysely';
import type { DB } from '../db/schema';
import type { ReferralTable, ReferralUpdateKind } from '../db/schema-cases';
import { seatHeldOn, seatOf } from '../membership/seats';
import { bangkokToday } from '../../src/lib/calendar';

/** SQL of referrals and their append-only history; no access checks here. */

export function get(db: Kysely<DB>, id: string) {
	return db.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The referral, locked until the transaction ends, so two answers cannot both win. */
export function getForUpdate(db: Kysely<DB>, id: string) {
	return db.selectFrom('referral').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

export async function update(db: Kysely<DB>, id: string, values: Updateable<ReferralTable>): Promise<void> {
	await db.updateTable('referral').set(values).where('id', '=', id).execute();
}

export async function append(
	db: Kysely<DB>,
	u: { referralId: string; authorId: string | null; kind: ReferralUpdateKind; text: string; at: Date }
): Promise<void> {
	await db.insertInto('referral_update').values({ referral_id: u.referralId, author_id: u.authorId, kind: u.kind, text: u.text, at: u.at }).execute();
}

/** The history of a referral, oldest first, with who wrote each entry. */
export function historyOf(db: Kysely<DB>, referralId: string) {
	return db
		.selectFrom('referral_update as u')
		.leftJoin('app_user as p', 'p.id', 'u.author_id')
		.select(['u.id', 'u.at', 'u.kind', 'u.text', 'p.display_name as author'])
		.where('u.referral_id', '=', referralId)
		.orderBy('u.at')
		.orderBy('u.id')
		.execute();
}

/**
 * Referral rows with the names a page shows. The case appears only as its
 * code: identifying details live in `case_identity`, which is never joined.
 */
export function listQuery(db: Kysely<DB>) {
	return (
		db
			.selectFrom('referral as r')
			.innerJoin('body as b', 'b.id', 'r.body_id')
			.innerJoin('organisation as fo', 'fo.id', 'r.from_organisation_id')
			.leftJoin('organisation as tor', 'tor.id', 'r.to_organisation_id')
			.leftJoin('body as tb', 'tb.id', 'r.to_body_id')
			.leftJoin('case_file as c', 'c.id', 'r.case_id')
			.select([
				'r.id',
				'r.status',
				'r.urgency',
				'r.reason',
				'r.created_at',
				'r.updated_at',
				'r.body_id',
				'r.case_id',
				'r.to_organisation_id',
				'r.to_body_id',
				'r.action_item_id',
				'b.name_th as body_th',
				'b.name_en as body_en',
				'fo.name_th as from_th',
				'fo.name_en as from_en',
				'fo.short_name as from_short',
				'tor.name_th as to_org_th',
				'tor.name_en as to_org_en',
				'tor.short_name as to_org_short',
				'tb.name_th as to_body_th',
				'tb.name_en as to_body_en',
				'c.code as case_code'
			])
			// Waiting ones first, the most urgent first, then the newest.
			.orderBy(sql`case r.status when 'sent' then 0 when 'accepted' then 1 when 'in_progress' then 1 else 2 end`)
			.orderBy(sql`case r.urgency when 'emergency' then 0 when 'urgent' then 1 else 2 end`)
			.orderBy('r.created_at', 'desc')
			.limit(500)
	);
}

/** One referral with every name its page shows, and the decision it carries out. */
export function getDetailed(db: Kysely<DB>, id: string) {
	return listQuery(db)
		.clearOrderBy()
		.clearLimit()
		.leftJoin('decision as d', 'd.id', 'r.decision_id')
		.leftJoin('meeting as dm', 'dm.id', 'd.meeting_id')
		.leftJoin('intake_report as ir', 'ir.id', 'r.intake_report_id')
		.leftJoin('app_user as cb', 'cb.id', 'r.created_by')
		.select([
			'r.shared',
			'r.consent',
			'r.consent_note',
			'r.declined_reason',
			'r.outcome',
			'r.decision_id',
			'r.intake_report_id',
			'r.from_organisation_id',
			'd.text as decision_text',
			'd.case_id as decision_case_id',
			'dm.id as decision_meeting_id',
			'dm.title as decision_meeting_title',
			'dm.starts_at as decision_meeting_starts_at',
			'dm.body_id as decision_body_id',
			'ir.reference as intake_reference',
			'cb.display_name as created_by_name'
		])
		.where('r.id', '=', id)
		.executeTakeFirst();
}

/** The organisations a user sits for now (in any role but observer, or as the alternate of such a seat). */
export async function organisationsSpokenFor(db: Kysely<DB>, userId: string, now = new Date()): Promise<string[]> {
	const d = bangkokToday(now);
	const rows = await db
		.selectFrom('membership')
		.select('organisation_id')
		.distinct()
		.where(seatOf(userId))
		.where('role', '!=', 'observer')
		.where(seatHeldOn(d))
		.execute();
	return rows.map((r) => r.organisation_id);
}

/** The bodies on which a user holds a current seat in one of these roles (an alternate counts as member). */
export async function bodiesWithRole(db: Kysely<DB>, userId: string, roles: string[], now = new Date()): Promise<string[]> {
	const d = bangkokToday(now);
	const rows = await db.selectFrom('membership').select(['body_id', 'role', 'user_id']).where(seatOf(userId)).where(seatHeldOn(d)).execute();
	return [...new Set(rows.filter((r) => roles.includes(r.user_id === userId ? r.role : 'member')).map((r) => r.body_id))];
}

/** The organisations a user may send from on a body: their current seats there, observers excepted. */
export function senderOrganisations(db: Kysely<DB>, userId: string, bodyId: string, now = new Date()) {
	const d = bangkokToday(now);
	return db
		.selectFrom('membership as m')
		.innerJoin('organisation as o', 'o.id', 'm.organisation_id')
		.select(['o.id', 'o.name_th', 'o.name_en', 'o.short_name'])
		.distinct()
		.where('m.body_id', '=', bodyId)
		.where(seatOf(userId, 'm'))
		.where('m.role', '!=', 'observer')
		.where(seatHeldOn(d, 'm'))
		.orderBy('o.name_th')
		.execute();
}

/** The bodies above this one, nearest first: where a matter can be escalated. */
export async function ancestorBodies(db: Kysely<DB>, bodyId: string) {
	const r = await sql<{ id: string; name_th: string; name_en: string; secretariat_organisation_id: string | null; depth: number }>`
		with recursive up(id, depth) as (
			select parent_id, 1 from body where id = ${bodyId} and parent_id is not null
			union all
			select b.parent_id, up.depth + 1 from body b join up on b.id = up.id where b.parent_id is not null and up.depth < 20
		)
		select b.id, b.name_th, b.name_en, b.secretariat_organisation_id, up.depth from up join body b on b.id = up.id order by up.depth`.execute(db);
	return r.rows;
}

/** A decision with the body and case of the meeting that took it. */
export function decisionPlace(db: Kysely<DB>, decisionId: string) {
	return db
		.selectFrom('decision as d')
		.innerJoin('meeting as mt', 'mt.id', 'd.meeting_id')
		.select(['d.id', 'd.case_id', 'mt.id as meeting_id', 'mt.body_id', 'mt.case_id as meeting_case_id'])
		.where('d.id', '=', decisionId)
		.executeTakeFirst();
}

/**
 * Decisions a referral from this body may carry out: those of its recent
 * meetings, leaving out case conferences of other cases (and, for a referral
 * without a case, every case conference).
 */
export function decisionChoices(db: Kysely<DB>, bodyId: string, caseId: string | null) {
	return db
		.selectFrom('decision as d')
		.innerJoin('meeting as mt', 'mt.id', 'd.meeting_id')
		.select(['d.id', 'd.text', 'mt.title as meeting_title', 'mt.starts_at as meeting_starts_at', 'mt.case_id'])
		.where('mt.body_id', '=', bodyId)
		.where('mt.status', '!=', 'cancelled')
		.where((eb) =>
			caseId
				? eb.and([eb.or([eb('mt.case_id', 'is', null), eb('mt.case_id', '=', caseId)]), eb.or([eb('d.case_id', 'is', null), eb('d.case_id', '=', caseId)])])
				: eb.and([eb('mt.case_id', 'is', null), eb('d.case_id', 'is', null)])
		)
		.orderBy('mt.starts_at', 'desc')
		.orderBy('d.position')
		.limit(60)
		.execute();
}

export function activeOrganisations(db: Kysely<DB>) {
	return db
		.selectFrom('organisation')
		.select(['id', 'name_th', 'name_en', 'short_name', 'sector'])
		.where('active', '=', true)
		.orderBy('sector')
		.orderBy('name_th')
		.execute();
}

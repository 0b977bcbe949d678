import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { decisionText } from '../../access/redact';

/**
 * What a referral is made from and sent to: cases, intake reports, bodies,
 * organisations and decisions, as referrals read them. SQL only, no access checks here.
 */

/** A case's code and body. */
export function caseWithCode(db: Kysely<DB>, caseId: string) {
	return db.selectFrom('case_file').select(['id', 'code', 'body_id']).where('id', '=', caseId).executeTakeFirstOrThrow();
}

/** A case's body and status. */
export function caseWithStatus(db: Kysely<DB>, caseId: string) {
	return db.selectFrom('case_file').select(['id', 'body_id', 'status']).where('id', '=', caseId).executeTakeFirstOrThrow();
}

/** An intake report as the form offers it; never its contact details. */
export function intakeReport(db: Kysely<DB>, reportId: string) {
	return db.selectFrom('intake_report').select(['id', 'reference', 'kind', 'body_id', 'status']).where('id', '=', reportId).executeTakeFirst();
}

/** An intake report's body and status, locked until the transaction ends. */
export function lockIntakeReport(db: Kysely<DB>, reportId: string) {
	return db.selectFrom('intake_report').select(['id', 'body_id', 'status']).where('id', '=', reportId).forUpdate().executeTakeFirst();
}

export async function markIntakeReferred(db: Kysely<DB>, reportId: string, by: string, at: Date): Promise<void> {
	await db.updateTable('intake_report').set({ status: 'referred', triaged_by: by, triaged_at: at }).where('id', '=', reportId).execute();
}

export function bodyName(db: Kysely<DB>, bodyId: string) {
	return db.selectFrom('body').select(['id', 'name_th', 'name_en']).where('id', '=', bodyId).executeTakeFirstOrThrow();
}

/** These bodies' names, in Thai alphabetical order. */
export function bodyNames(db: Kysely<DB>, bodyIds: string[]) {
	return db.selectFrom('body').select(['id', 'name_th', 'name_en']).where('id', 'in', bodyIds).orderBy('name_th').execute();
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

export function activeOrganisations(db: Kysely<DB>) {
	return db
		.selectFrom('organisation')
		.select(['id', 'name_th', 'name_en', 'short_name', 'sector'])
		.where('active', '=', true)
		.orderBy('sector')
		.orderBy('name_th')
		.execute();
}

/** The organisation when it is active; undefined otherwise. */
export function activeOrganisation(db: Kysely<DB>, organisationId: string) {
	return db.selectFrom('organisation').select('id').where('id', '=', organisationId).where('active', '=', true).executeTakeFirst();
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
		.select([
			'd.id',
			decisionText(caseId ? { case: caseId } : null, 'd').as('text'),
			'mt.title as meeting_title',
			'mt.starts_at as meeting_starts_at',
			'mt.case_id'
		])
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

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** SQL of what a notification is about: the facts of its action, meeting, referral or intake report; no access checks here. */

/** The codes of these cases. */
export function caseCodes(db: Kysely<DB>, caseIds: string[]) {
	return db.selectFrom('case_file').select(['id', 'code']).where('id', 'in', caseIds).execute();
}

/** Actions' titles, cases and due dates, with their lead organisation's names. */
export function actionSubjects(db: Kysely<DB>, actionIds: string[]) {
	return db
		.selectFrom('action_item as a')
		.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
		.select(['a.id', 'a.title', 'a.case_id', 'a.due_on', 'o.name_th as th', 'o.name_en as en'])
		.where('a.id', 'in', actionIds)
		.execute();
}

/** Meetings' titles, cases, times, places, status and body. */
export function meetingSubjects(db: Kysely<DB>, meetingIds: string[]) {
	return db
		.selectFrom('meeting')
		.select(['id', 'title', 'case_id', 'starts_at', 'ends_at', 'place', 'status', 'body_id'])
		.where('id', 'in', meetingIds)
		.execute();
}

/** Referrals' cases and the names of who sent them and where to; never their reason or what they share. */
export function referralSubjects(db: Kysely<DB>, referralIds: string[]) {
	return db
		.selectFrom('referral as r')
		.innerJoin('organisation as f', 'f.id', 'r.from_organisation_id')
		.leftJoin('organisation as t', 't.id', 'r.to_organisation_id')
		.leftJoin('body as b', 'b.id', 'r.to_body_id')
		.select(['r.id', 'r.case_id', 'f.name_th as fth', 'f.name_en as fen', 't.name_th as tth', 't.name_en as ten', 'b.name_th as bth', 'b.name_en as ben'])
		.where('r.id', 'in', referralIds)
		.execute();
}

/** Intake reports' references, kinds, bodies and times; never their message or contact. */
export function intakeSubjects(db: Kysely<DB>, intakeIds: string[]) {
	return db.selectFrom('intake_report').select(['id', 'reference', 'kind', 'body_id', 'created_at']).where('id', 'in', intakeIds).execute();
}

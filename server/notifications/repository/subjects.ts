import type { Kysely } from 'kysely';
import type { DB, Locale } from '../../db/schema';
import { actionTitle, caseWords, hiddenCaseCode, meetingTitle, type Reader } from '../../access/redact';

/** SQL of what a notification is about: the facts of its action, meeting, referral or intake report; no access checks here. */

/** The codes of these cases. */
export function caseCodes(db: Kysely<DB>, caseIds: string[]) {
	return db.selectFrom('case_file').select(['id', 'code']).where('id', 'in', caseIds).execute();
}

/** Actions' titles as the reader may read them, in their language, and due dates. */
export function actionSubjects(db: Kysely<DB>, reader: Reader, locale: Locale, actionIds: string[]) {
	return db
		.selectFrom('action_item as a')
		.select(['a.id', actionTitle(reader, 'a', { locale }).as('title'), 'a.due_on'])
		.where('a.id', 'in', actionIds)
		.execute();
}

/** Meetings' titles and places as the reader may read them (a conference off its team: its code, no place), times, status and body. */
export function meetingSubjects(db: Kysely<DB>, reader: Reader, locale: Locale, meetingIds: string[]) {
	return db
		.selectFrom('meeting as mt')
		.select([
			'mt.id',
			meetingTitle(reader, 'mt', { locale }).as('title'),
			hiddenCaseCode(reader, 'mt.case_id').as('caseCode'),
			'mt.starts_at',
			'mt.ends_at',
			caseWords<string | null>(reader, 'mt.case_id', 'mt.place', null).as('place'),
			'mt.status',
			'mt.body_id'
		])
		.where('mt.id', 'in', meetingIds)
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

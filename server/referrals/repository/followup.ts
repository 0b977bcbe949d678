import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { ActionItemTable } from '../../db/schema-followup';

/** The SQL of a referral's follow-up action item and the names its title and history use; no access checks here. */

/** The body an escalation goes to, with its secretariat. */
export function escalationBody(db: Kysely<DB>, bodyId: string) {
	return db.selectFrom('body').select(['id', 'secretariat_organisation_id']).where('id', '=', bodyId).executeTakeFirstOrThrow();
}

export function caseCode(db: Kysely<DB>, caseId: string) {
	return db.selectFrom('case_file').select('code').where('id', '=', caseId).executeTakeFirst();
}

export function intakeReference(db: Kysely<DB>, reportId: string) {
	return db.selectFrom('intake_report').select('reference').where('id', '=', reportId).executeTakeFirst();
}

export function organisationShortName(db: Kysely<DB>, organisationId: string) {
	return db.selectFrom('organisation').select('short_name').where('id', '=', organisationId).executeTakeFirstOrThrow();
}

export async function insertActionItem(db: Kysely<DB>, item: Insertable<ActionItemTable>): Promise<void> {
	await db.insertInto('action_item').values(item).execute();
}

/** The follow-up item's status; undefined when there is no such item. */
export function actionItemStatus(db: Kysely<DB>, actionItemId: string) {
	return db.selectFrom('action_item').select(['id', 'status']).where('id', '=', actionItemId).executeTakeFirst();
}

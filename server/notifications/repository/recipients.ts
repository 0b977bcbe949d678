import type { Kysely } from 'kysely';
import type { DB, Role } from '../../db/schema';

/** SQL of who hears of what: seats held on a day, active accounts, and what an item says about who answers for it; no access checks here. */

/** Seats held on `day` on a body, optionally for one organisation or in some roles: the holder and the alternate of each. */
export function seatHolders(db: Kysely<DB>, bodyId: string, day: string, o: { organisationId?: string; roles?: Role[]; notObserver?: boolean } = {}) {
	let q = db
		.selectFrom('membership')
		.select(['user_id', 'alternate_user_id'])
		.where('body_id', '=', bodyId)
		.where('starts_on', '<=', day)
		.where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', day)]));
	if (o.organisationId) q = q.where('organisation_id', '=', o.organisationId);
	if (o.roles) q = q.where('role', 'in', o.roles);
	if (o.notObserver) q = q.where('role', '!=', 'observer');
	return q.execute();
}

/** An organisation's working seats (observers excepted) held on `day`, on any body: the holder and the alternate of each. */
export function organisationWorkingSeats(db: Kysely<DB>, organisationId: string, day: string) {
	return db
		.selectFrom('membership')
		.select(['user_id', 'alternate_user_id'])
		.where('organisation_id', '=', organisationId)
		.where('role', '!=', 'observer')
		.where('starts_on', '<=', day)
		.where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', day)]))
		.execute();
}

/** Of these people, the active ones. */
export function activeUsersAmong(db: Kysely<DB>, ids: string[]) {
	return db.selectFrom('app_user').select('id').where('id', 'in', ids).where('active', '=', true).execute();
}

/** Who answers for an action: its body, lead organisation, assignee and case. */
export function actionResponsibility(db: Kysely<DB>, actionId: string) {
	return db.selectFrom('action_item').select(['body_id', 'lead_organisation_id', 'assignee_id', 'case_id']).where('id', '=', actionId).executeTakeFirst();
}

/** A meeting's body and, for a case conference, its case. */
export function meetingBodyAndCase(db: Kysely<DB>, meetingId: string) {
	return db.selectFrom('meeting').select(['body_id', 'case_id']).where('id', '=', meetingId).executeTakeFirst();
}

/** Where a referral was sent: an organisation, a body, or both. */
export function referralDestination(db: Kysely<DB>, referralId: string) {
	return db.selectFrom('referral').select(['to_organisation_id', 'to_body_id']).where('id', '=', referralId).executeTakeFirst();
}

/** Who sent a referral, and its case if any. */
export function referralOrigin(db: Kysely<DB>, referralId: string) {
	return db.selectFrom('referral').select(['created_by', 'case_id']).where('id', '=', referralId).executeTakeFirst();
}

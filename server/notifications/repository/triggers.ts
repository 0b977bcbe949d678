import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { OPEN_STATUSES } from '../../db/schema-followup';

/** SQL of what happened since a scan: the durable records of other domains the triggers read back; no access checks here. */

/** A referral's answers, as its senders hear of them. */
const ANSWERS = ['accepted', 'declined', 'completed'] as const;

/** Open action items created since `since`; or that one item, if it was. */
export function actionsCreatedSince(db: Kysely<DB>, since: Date, actionId?: string) {
	let q = db.selectFrom('action_item').select(['id', 'created_at']).where('created_at', '>', since).where('status', 'in', OPEN_STATUSES);
	if (actionId) q = q.where('id', '=', actionId);
	return q.execute();
}

/** Reassignments, hand-overs, accepted reports and carry-overs since `since`, in the order they happened; or those of one item. */
export function actionChangesSince(db: Kysely<DB>, since: Date, actionId?: string) {
	let q = db
		.selectFrom('action_update')
		.select(['action_item_id', 'kind', 'at', 'author_id'])
		.where('at', '>', since)
		.where('kind', 'in', ['reassigned', 'handed_over', 'accepted', 'carried_over'])
		.orderBy('id');
	if (actionId) q = q.where('action_item_id', '=', actionId);
	return q.execute();
}

export function referralsSentSince(db: Kysely<DB>, since: Date) {
	return db.selectFrom('referral').select(['id', 'created_at', 'created_by']).where('created_at', '>', since).execute();
}

/** Referrals accepted, declined or completed since `since`, in the order they were answered. */
export function referralAnswersSince(db: Kysely<DB>, since: Date) {
	return db
		.selectFrom('referral_update')
		.select(['referral_id', 'at', 'author_id'])
		.where('at', '>', since)
		.where('kind', 'in', [...ANSWERS])
		.orderBy('id')
		.execute();
}

/** Intake reports recorded since `since` and still new. */
export function newIntakeSince(db: Kysely<DB>, since: Date) {
	return db
		.selectFrom('intake_report')
		.select(['id', 'body_id', 'created_at', 'recorded_by'])
		.where('created_at', '>', since)
		.where('status', '=', 'new')
		.execute();
}

/** Minutes drafted since `since` that have no approved version yet. */
export function minutesDraftedSince(db: Kysely<DB>, since: Date) {
	return db
		.selectFrom('minutes')
		.select(['meeting_id', 'generated_at', 'generated_by'])
		.where('generated_at', '>', since)
		.where((eb) =>
			eb.not(eb.exists(eb.selectFrom('minutes_version').select('minutes_version.id').whereRef('minutes_version.meeting_id', '=', 'minutes.meeting_id')))
		)
		.execute();
}

/** Circulations of minutes started since `since` and still open. */
export function circulationsStartedSince(db: Kysely<DB>, since: Date) {
	return db
		.selectFrom('minutes_circulation')
		.select(['meeting_id', 'started_at', 'started_by'])
		.where('started_at', '>', since)
		.where('status', '=', 'open')
		.execute();
}

/** Open items with a due date from `earliest` to `latest`, the earliest due first. */
export function openActionsDueBetween(db: Kysely<DB>, earliest: string, latest: string) {
	return db
		.selectFrom('action_item')
		.select(['id', 'due_on'])
		.where('status', 'in', OPEN_STATUSES)
		.where('due_on', 'is not', null)
		.where('due_on', '<=', latest)
		.where('due_on', '>=', earliest)
		.orderBy('due_on')
		.execute();
}

/** Planned meetings that start after `after` and before `before`. */
export function plannedMeetingsBetween(db: Kysely<DB>, after: Date, before: Date) {
	return db
		.selectFrom('meeting')
		.select(['id', 'body_id', 'case_id', 'starts_at'])
		.where('status', '=', 'planned')
		.where('starts_at', '>', after)
		.where('starts_at', '<', before)
		.execute();
}

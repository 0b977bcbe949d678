import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { OPEN_STATUSES } from '../../db/schema-followup';

/** SQL of what a meeting's reminder says: its agenda, the reader's items to report on, the minutes still to approve; no access checks here. */

/** What a meeting's invitation carries: its time, place and title. */
export function invitationFacts(db: Kysely<DB>, meetingId: string) {
	return db.selectFrom('meeting').select(['starts_at', 'ends_at', 'place', 'title']).where('id', '=', meetingId).executeTakeFirstOrThrow();
}

/** A meeting's agenda titles, in order. */
export function agendaTitles(db: Kysely<DB>, meetingId: string) {
	return db.selectFrom('agenda_item').select('title').where('meeting_id', '=', meetingId).orderBy('position').execute();
}

/** The organisations a person holds or stands in for a seat of on a body on `day`. */
export function organisationsSeatedOn(db: Kysely<DB>, bodyId: string, userId: string, day: string) {
	return db
		.selectFrom('membership')
		.select('organisation_id')
		.where('body_id', '=', bodyId)
		.where((eb) => eb.or([eb('user_id', '=', userId), eb('alternate_user_id', '=', userId)]))
		.where('starts_on', '<=', day)
		.where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', day)]))
		.execute();
}

/** Open items of a body that these organisations lead, the earliest due first. */
export function openActionsLedBy(db: Kysely<DB>, bodyId: string, organisationIds: string[], limit: number) {
	return db
		.selectFrom('action_item')
		.select('id')
		.where('body_id', '=', bodyId)
		.where('lead_organisation_id', 'in', organisationIds)
		.where('status', 'in', OPEN_STATUSES)
		.orderBy('due_on')
		.limit(limit)
		.execute();
}

/** The body's last regular meeting before `before` whose drafted minutes have no approved version yet, if any. */
export function previousMinutesAwaitingApproval(db: Kysely<DB>, bodyId: string, before: Date) {
	return db
		.selectFrom('meeting')
		.innerJoin('minutes', 'minutes.meeting_id', 'meeting.id')
		.select(['meeting.id', 'meeting.title', 'meeting.starts_at'])
		.where('meeting.body_id', '=', bodyId)
		.where('meeting.case_id', 'is', null)
		.where('meeting.starts_at', '<', before)
		.where((eb) => eb.not(eb.exists(eb.selectFrom('minutes_version').select('minutes_version.id').whereRef('minutes_version.meeting_id', '=', 'meeting.id'))))
		.orderBy('meeting.starts_at', 'desc')
		.limit(1)
		.execute();
}

import type { Insertable, Kysely } from 'kysely';
import type { DB, MeetingTable } from '../../db/schema';

/** The SQL of case conferences: meetings of the case's body linked to the case. Callers have checked access; nothing here audits. */

export function conferences(db: Kysely<DB>, caseId: string) {
	return db
		.selectFrom('meeting')
		.select(['id', 'title', 'starts_at', 'status', 'place', 'online_url'])
		.where('case_id', '=', caseId)
		.orderBy('starts_at', 'desc')
		.execute();
}

export async function insertConference(db: Kysely<DB>, meeting: Insertable<MeetingTable>): Promise<string> {
	const row = await db.insertInto('meeting').values(meeting).returning('id').executeTakeFirstOrThrow();
	return row.id;
}

/** The case a meeting is the conference of; `case_id` is null for any other meeting, undefined for no meeting. */
export function caseOfMeeting(db: Kysely<DB>, meetingId: string) {
	return db.selectFrom('meeting').select('case_id').where('id', '=', meetingId).executeTakeFirst();
}

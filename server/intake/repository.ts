import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { IntakeReportTable } from '../db/schema-intake';

/** SQL of tips and reports, the public form's attempts and the districts that receive them; no access checks here. */

/** District bodies that may receive reports (working groups and operation centres), with their area's names. */
export function districtReceivers(db: Kysely<DB>) {
	return db
		.selectFrom('body')
		.innerJoin('area', 'area.id', 'body.area_id')
		.select(['body.id', 'body.kind', 'area.id as area_id', 'area.name_th', 'area.name_en'])
		.where('body.level', '=', 'district')
		.where('body.kind', 'in', ['working_group', 'operation_centre'])
		.orderBy('area.name_th')
		.execute();
}

/** Inserts a report under its reference; undefined when the reference is taken (the caller draws another). */
export function insertReport(db: Kysely<DB>, row: Insertable<IntakeReportTable>) {
	return db
		.insertInto('intake_report')
		.values(row)
		.onConflict((oc) => oc.column('reference').doNothing())
		.returning(['id', 'reference'])
		.executeTakeFirst();
}

/** When the public form was sent from an address (its hash) since `since`, oldest first. */
export function attemptsSince(db: Kysely<DB>, addressHash: string, since: Date) {
	return db.selectFrom('intake_attempt').select('at').where('address_hash', '=', addressHash).where('at', '>', since).orderBy('at').execute();
}

export async function recordAttempt(db: Kysely<DB>, addressHash: string, at: Date): Promise<void> {
	await db.insertInto('intake_attempt').values({ address_hash: addressHash, at }).execute();
}

/** A body's queue, newest first: everything but what was dismissed before `dismissedSince`. */
export function queueOf(db: Kysely<DB>, bodyId: string, dismissedSince: Date) {
	return db
		.selectFrom('intake_report as r')
		.leftJoin('meeting as mt', 'mt.id', 'r.meeting_id')
		.leftJoin('app_user as u', 'u.id', 'r.recorded_by')
		.leftJoin('case_file as c', 'c.id', 'r.case_id')
		.select([
			'r.id',
			'r.reference',
			'r.channel',
			'r.kind',
			'r.message',
			'r.location',
			'r.contact_name',
			'r.contact_phone',
			'r.contact_email',
			'r.status',
			'r.dismissed_reason',
			'r.meeting_id',
			'r.created_at',
			'mt.title as meeting_title',
			'mt.starts_at as meeting_starts_at',
			'u.display_name as recorded_by_name',
			'r.case_id',
			'c.code as case_code'
		])
		.where('r.body_id', '=', bodyId)
		.where((eb) => eb.or([eb('r.status', '!=', 'dismissed'), eb('r.triaged_at', '>', dismissedSince)]))
		.orderBy('r.created_at', 'desc')
		.limit(300)
		.execute();
}

/** A report's body and status, what triage decides by. */
export function head(db: Kysely<DB>, id: string) {
	return db.selectFrom('intake_report').select(['id', 'body_id', 'status']).where('id', '=', id).executeTakeFirst();
}

export async function dismiss(db: Kysely<DB>, id: string, reason: string, by: string, at: Date): Promise<void> {
	await db.updateTable('intake_report').set({ status: 'dismissed', dismissed_reason: reason, triaged_by: by, triaged_at: at }).where('id', '=', id).execute();
}

export async function placeOnAgenda(db: Kysely<DB>, id: string, meetingId: string, by: string, at: Date): Promise<void> {
	await db.updateTable('intake_report').set({ status: 'on_agenda', meeting_id: meetingId, triaged_by: by, triaged_at: at }).where('id', '=', id).execute();
}

/** Reports placed on a meeting's agenda, in the order they arrived. */
export function onAgendaOf(db: Kysely<DB>, meetingId: string) {
	return db
		.selectFrom('intake_report')
		.select(['id', 'reference', 'kind', 'channel', 'message', 'location', 'created_at'])
		.where('meeting_id', '=', meetingId)
		.orderBy('created_at')
		.execute();
}

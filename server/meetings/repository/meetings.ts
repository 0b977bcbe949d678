import type { Expression, Insertable, Kysely, SqlBool, Updateable } from 'kysely';
import type { DB, MeetingTable } from '../../db/schema';
import { inThread } from '../../access/meeting-thread';
import { seatHeldOn } from '../../membership/seats';

/**
 * SQL of meetings as the schedule and the workspace see them; no access
 * checks here. Which meetings a person may list is the access module's
 * expression (`listable`), passed in as `visible`. The projection of the live
 * document has its own rows (projection-rows.ts), as do the agenda template
 * (templates.ts), the saved versions (versions.ts) and a case conference's
 * case (conference.ts).
 */

export function get(db: Kysely<DB>, id: string) {
	return db.selectFrom('meeting').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function update(db: Kysely<DB>, id: string, values: Updateable<MeetingTable>): Promise<void> {
	await db.updateTable('meeting').set(values).where('id', '=', id).execute();
}

export async function insertMany(db: Kysely<DB>, rows: Insertable<MeetingTable>[]): Promise<string[]> {
	const inserted = await db.insertInto('meeting').values(rows).returning('id').execute();
	return inserted.map((r) => r.id);
}

/** A body's meetings that `visible` admits, newest first. */
export function ofBody(db: Kysely<DB>, bodyId: string, visible: Expression<SqlBool>, limit: number) {
	return db
		.selectFrom('meeting')
		.select(['id', 'title', 'kind', 'starts_at', 'ends_at', 'place', 'online_url', 'status', 'series_id'])
		.where('body_id', '=', bodyId)
		.where(visible)
		.orderBy('starts_at', 'desc')
		.limit(limit)
		.execute();
}

/** Meetings of these bodies that `visible` admits, with their body's names; the caller narrows and orders. */
export function ofBodies(db: Kysely<DB>, bodyIds: string[], visible: Expression<SqlBool>) {
	return db
		.selectFrom('meeting')
		.innerJoin('body', 'body.id', 'meeting.body_id')
		.select([
			'meeting.id',
			'meeting.title',
			'meeting.kind',
			'meeting.starts_at',
			'meeting.place',
			'meeting.status',
			'body.name_th as body_th',
			'body.name_en as body_en'
		])
		.where('meeting.body_id', 'in', bodyIds)
		.where(visible);
}

export async function allBodyIds(db: Kysely<DB>): Promise<string[]> {
	return (await db.selectFrom('body').select('id').execute()).map((b) => b.id);
}

export function bodyCadence(db: Kysely<DB>, bodyId: string) {
	return db.selectFrom('body').select(['cadence']).where('id', '=', bodyId).executeTakeFirstOrThrow();
}

export function bodySummary(db: Kysely<DB>, bodyId: string) {
	return db.selectFrom('body').select(['id', 'name_th', 'name_en', 'quorum_rule', 'kind']).where('id', '=', bodyId).executeTakeFirstOrThrow();
}

/** The seats held on a body on a day, with their people and organisations, by organisation name. */
export function seatsOn(db: Kysely<DB>, bodyId: string, day: string) {
	return db
		.selectFrom('membership as m')
		.innerJoin('organisation as o', 'o.id', 'm.organisation_id')
		.innerJoin('app_user as u', 'u.id', 'm.user_id')
		.select(['m.organisation_id', 'm.role', 'm.user_id', 'm.alternate_user_id', 'u.display_name', 'o.name_th', 'o.name_en', 'o.short_name'])
		.where('m.body_id', '=', bodyId)
		.where(seatHeldOn(day, 'm'))
		.orderBy('o.name_th')
		.execute();
}

/** Every seat a body has had, past ones too: who sat for which organisation, and until when. */
export function seatHistory(db: Kysely<DB>, bodyId: string) {
	return db.selectFrom('membership').select(['organisation_id', 'user_id', 'alternate_user_id', 'ends_on']).where('body_id', '=', bodyId).execute();
}

/** Every seat a body has had, past ones too, with its person's and organisation's names (for reading old versions). */
export function everySeatOf(db: Kysely<DB>, bodyId: string) {
	return db
		.selectFrom('membership as m')
		.innerJoin('organisation as o', 'o.id', 'm.organisation_id')
		.innerJoin('app_user as u', 'u.id', 'm.user_id')
		.select(['o.id as organisation_id', 'o.short_name', 'u.id as user_id', 'u.display_name'])
		.where('m.body_id', '=', bodyId)
		.execute();
}

/** The next meeting of the same thread (the body's own, or the same case's conferences) that is not cancelled. */
export function nextInThread(db: Kysely<DB>, meeting: { body_id: string; case_id: string | null; starts_at: Date }) {
	return db
		.selectFrom('meeting')
		.select(['starts_at'])
		.where('body_id', '=', meeting.body_id)
		.where(inThread(meeting.case_id))
		.where('starts_at', '>', meeting.starts_at)
		.where('status', '!=', 'cancelled')
		.orderBy('starts_at')
		.limit(1)
		.executeTakeFirst();
}

/**
 * A body's next regular meeting (not a case conference): the one running now, else the first planned one that has not
 * started more than `graceMs` ago.
 */
export function nextRegular(db: Kysely<DB>, bodyId: string, now: Date, graceMs: number) {
	return db
		.selectFrom('meeting')
		.select(['id'])
		.where('body_id', '=', bodyId)
		.where('case_id', 'is', null)
		.where((eb) => eb.or([eb('status', '=', 'in_progress'), eb.and([eb('status', '=', 'planned'), eb('starts_at', '>=', new Date(now.getTime() - graceMs))])]))
		.orderBy('starts_at')
		.limit(1)
		.executeTakeFirst();
}

export function documentState(db: Kysely<DB>, id: string) {
	return db.selectFrom('meeting').select(['status', 'doc_initialised']).where('id', '=', id).executeTakeFirst();
}

/** Marks the live document as being given its first content; undefined when someone else already did. */
export function claimDocument(db: Kysely<DB>, id: string) {
	return db
		.updateTable('meeting')
		.set({ doc_initialised: true })
		.where('id', '=', id)
		.where('doc_initialised', '=', false)
		.returning(['body_id', 'case_id'])
		.executeTakeFirst();
}

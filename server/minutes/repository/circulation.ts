import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { seatHeldOn } from '../../membership/seats';

type Handle = Kysely<DB> | Transaction<DB>;

/** The seats on the body on `day` whose holders answer a circulation: everyone seated, observers excepted. */
export function answeringSeats(db: Handle, bodyId: string, day: string) {
	return db.selectFrom('membership').select('user_id').where('body_id', '=', bodyId).where('role', '!=', 'observer').where(seatHeldOn(day)).execute();
}

/** The meeting's circulation, if its minutes were ever circulated. */
export function getCirculation(db: Handle, meetingId: string) {
	return db.selectFrom('minutes_circulation').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst();
}

/** Whether the meeting's minutes were ever circulated: its row's key, or undefined. */
export function circulationKey(db: Handle, meetingId: string) {
	return db.selectFrom('minutes_circulation').select('meeting_id').where('meeting_id', '=', meetingId).executeTakeFirst();
}

/** Where the meeting's circulation stands; undefined when its minutes were never circulated. */
export function circulationStatus(db: Handle, meetingId: string) {
	return db.selectFrom('minutes_circulation').select('status').where('meeting_id', '=', meetingId).executeTakeFirst();
}

/** Starts a circulation; undefined when the meeting already has one. */
export function insertCirculation(
	db: Handle,
	c: { meetingId: string; startedBy: string; startedAt: Date; deadline: Date; contentJson: string; sha256: string }
) {
	return db
		.insertInto('minutes_circulation')
		.values({ meeting_id: c.meetingId, started_by: c.startedBy, started_at: c.startedAt, deadline: c.deadline, content_json: c.contentJson, sha256: c.sha256 })
		.onConflict((oc) => oc.column('meeting_id').doNothing())
		.returning('meeting_id')
		.executeTakeFirst();
}

/** Records a member's answer; undefined when they had already answered. */
export function insertAnswer(db: Handle, a: { meetingId: string; userId: string; kind: 'confirmed' | 'commented'; text: string | null; at: Date }) {
	return db
		.insertInto('minutes_circulation_response')
		.values({ meeting_id: a.meetingId, user_id: a.userId, kind: a.kind, text: a.text, at: a.at })
		.onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doNothing())
		.returning('user_id')
		.executeTakeFirst();
}

/** Who answered, and how. */
export function answerKinds(db: Handle, meetingId: string) {
	return db.selectFrom('minutes_circulation_response').select(['user_id', 'kind']).where('meeting_id', '=', meetingId).execute();
}

/** Closes the circulation if it is still open; true when this call closed it. */
export async function settleOpen(db: Handle, meetingId: string, status: 'approved' | 'returned', now: Date): Promise<boolean> {
	const r = await db
		.updateTable('minutes_circulation')
		.set({ status, settled_at: now })
		.where('meeting_id', '=', meetingId)
		.where('status', '=', 'open')
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** The circulation with the name of who sent it. */
export function circulationWithSender(db: Handle, meetingId: string) {
	return db
		.selectFrom('minutes_circulation as c')
		.innerJoin('app_user as u', 'u.id', 'c.started_by')
		.select(['c.started_at', 'c.deadline', 'c.status', 'c.settled_at', 'c.sha256', 'u.display_name', 'u.name_title'])
		.where('c.meeting_id', '=', meetingId)
		.executeTakeFirst();
}

/** The answers with their people's names, in the order they came. */
export function answersWithNames(db: Handle, meetingId: string) {
	return db
		.selectFrom('minutes_circulation_response as r')
		.innerJoin('app_user as u', 'u.id', 'r.user_id')
		.select(['r.user_id', 'r.kind', 'r.text', 'r.at', 'u.display_name as name', 'u.name_title'])
		.where('r.meeting_id', '=', meetingId)
		.orderBy('r.at')
		.execute();
}

/** Open circulations whose deadline has passed. */
export function dueCirculations(db: Handle, now: Date) {
	return db.selectFrom('minutes_circulation').select('meeting_id').where('status', '=', 'open').where('deadline', '<=', now).execute();
}

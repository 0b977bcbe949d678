import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { MinutesVersionKind } from '../../db/schema-minutes';
import { inThread } from '../../access/meeting-thread';

type Handle = Kysely<DB> | Transaction<DB>;

export function getMeeting(db: Handle, meetingId: string) {
	return db
		.selectFrom('meeting')
		.select(['id', 'body_id', 'title', 'kind', 'status', 'starts_at', 'closed_at', 'place', 'case_id'])
		.where('id', '=', meetingId)
		.executeTakeFirst();
}

/** The names of the meeting's body, for the minutes page. */
export function bodyNames(db: Handle, bodyId: string) {
	return db.selectFrom('body').select(['id', 'name_th', 'name_en']).where('id', '=', bodyId).executeTakeFirstOrThrow();
}

/** Moves a held meeting to `minutes_approved`; undefined when it is not `ended` (approved meanwhile, or reopened). */
export function markMinutesApproved(db: Handle, meetingId: string) {
	return db
		.updateTable('meeting')
		.set({ status: 'minutes_approved' })
		.where('id', '=', meetingId)
		.where('status', '=', 'ended')
		.returning('id')
		.executeTakeFirst();
}

export function getMinutes(db: Handle, meetingId: string) {
	return db.selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst();
}

/** Claims the minutes of a meeting; undefined when someone already did. */
export function claim(db: Handle, meetingId: string, userId: string, now: Date) {
	return db
		.insertInto('minutes')
		.values({ meeting_id: meetingId, generated_by: userId, generated_at: now })
		.onConflict((oc) => oc.column('meeting_id').doNothing())
		.returning('meeting_id')
		.executeTakeFirst();
}

export async function markSeeded(db: Handle, meetingId: string) {
	await db.updateTable('minutes').set({ seeded: true }).where('meeting_id', '=', meetingId).execute();
}

/** Locks the meeting's minutes row for the rest of the transaction. */
export async function lockMinutes(db: Handle, meetingId: string): Promise<void> {
	await db.selectFrom('minutes').select('meeting_id').where('meeting_id', '=', meetingId).forUpdate().execute();
}

export async function unclaim(db: Handle, meetingId: string) {
	await db.deleteFrom('minutes').where('meeting_id', '=', meetingId).where('seeded', '=', false).execute();
}

/** The body's meeting just before or just after this one in its calendar (not cancelled). */
function neighbour(db: Handle, meeting: { body_id: string; starts_at: Date; id: string; case_id: string | null }, side: 'previous' | 'next') {
	return db
		.selectFrom('meeting')
		.select(['id', 'body_id', 'title', 'status', 'starts_at', 'case_id'])
		.where('body_id', '=', meeting.body_id)
		.where(inThread(meeting.case_id))
		.where('status', '!=', 'cancelled')
		.where('id', '!=', meeting.id)
		.where('starts_at', side === 'previous' ? '<=' : '>=', meeting.starts_at)
		.orderBy('starts_at', side === 'previous' ? 'desc' : 'asc')
		.limit(1)
		.executeTakeFirst();
}

export const previousMeeting = (db: Handle, meeting: { body_id: string; starts_at: Date; id: string; case_id: string | null }) =>
	neighbour(db, meeting, 'previous');

/** Where a meeting's minutes are approved: the body's next meeting. */
export const nextMeetingOf = (db: Handle, meeting: { body_id: string; starts_at: Date; id: string; case_id: string | null }) => neighbour(db, meeting, 'next');

const versionSummary = [
	'v.id',
	'v.number',
	'v.kind',
	'v.reason',
	'v.amendments',
	'v.sha256',
	'v.created_at',
	'v.approved_at_meeting_id',
	'u.display_name as author'
] as const;

export function listVersions(db: Handle, meetingId: string) {
	return db
		.selectFrom('minutes_version as v')
		.leftJoin('app_user as u', 'u.id', 'v.created_by')
		.select(versionSummary)
		.where('v.meeting_id', '=', meetingId)
		.orderBy('v.number')
		.execute();
}

export function getVersion(db: Handle, meetingId: string, number: number) {
	return db
		.selectFrom('minutes_version as v')
		.leftJoin('app_user as u', 'u.id', 'v.created_by')
		.select([...versionSummary, 'v.content_json', 'v.content_html', 'v.content_markdown'])
		.where('v.meeting_id', '=', meetingId)
		.where('v.number', '=', number)
		.executeTakeFirst();
}

export function latestVersion(db: Handle, meetingId: string) {
	return db
		.selectFrom('minutes_version')
		.select(['number', 'sha256'])
		.where('meeting_id', '=', meetingId)
		.orderBy('number', 'desc')
		.limit(1)
		.executeTakeFirst();
}

export interface NewVersion {
	meetingId: string;
	number: number;
	kind: MinutesVersionKind;
	approvedAtMeetingId: string | null;
	reason: string | null;
	amendments: string | null;
	contentJson: string;
	html: string;
	markdown: string;
	sha256: string;
	createdBy: string;
	at: Date;
}

export async function insertVersion(db: Handle, v: NewVersion) {
	await db
		.insertInto('minutes_version')
		.values({
			meeting_id: v.meetingId,
			number: v.number,
			kind: v.kind,
			approved_at_meeting_id: v.approvedAtMeetingId,
			reason: v.reason,
			amendments: v.amendments,
			content_json: v.contentJson,
			content_html: v.html,
			content_markdown: v.markdown,
			sha256: v.sha256,
			created_by: v.createdBy,
			created_at: v.at
		})
		.execute();
}

export function listComments(db: Handle, meetingId: string) {
	return db
		.selectFrom('minutes_comment as c')
		.innerJoin('app_user as u', 'u.id', 'c.author_id')
		.select(['c.id', 'c.anchor', 'c.quote', 'c.text', 'c.created_at', 'c.resolved_at', 'c.author_id', 'u.display_name as author'])
		.where('c.meeting_id', '=', meetingId)
		.orderBy('c.created_at')
		.orderBy('c.id')
		.execute();
}

export function insertComment(db: Handle, c: { meetingId: string; anchor: string; quote: string; text: string; authorId: string; at: Date }) {
	return db
		.insertInto('minutes_comment')
		.values({ meeting_id: c.meetingId, anchor: c.anchor, quote: c.quote, text: c.text, author_id: c.authorId, created_at: c.at })
		.returning('id')
		.executeTakeFirstOrThrow();
}

export function resolveComment(db: Handle, meetingId: string, commentId: string, userId: string, at: Date) {
	return db
		.updateTable('minutes_comment')
		.set({ resolved_at: at, resolved_by: userId })
		.where('id', '=', commentId)
		.where('meeting_id', '=', meetingId)
		.where('resolved_at', 'is', null)
		.returning('id')
		.executeTakeFirst();
}

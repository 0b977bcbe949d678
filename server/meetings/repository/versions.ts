import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { MeetingVersionReason } from '../../db/schema-meeting';

type Handle = Kysely<DB> | Transaction<DB>;

// Bytes travel as hex text, as in server/collab/storage.ts: PGlite converts bytea byte by byte in JavaScript.
const hex = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

export async function create(db: Handle, v: { meetingId: string; reason: MeetingVersionReason; takenBy: string | null; state: Uint8Array; at?: Date }) {
	return db
		.insertInto('meeting_version')
		.values({ meeting_id: v.meetingId, reason: v.reason, taken_by: v.takenBy, taken_at: v.at, state: sql<Uint8Array>`decode(${hex(v.state)}, 'hex')` })
		.returning(['id', 'taken_at'])
		.executeTakeFirstOrThrow();
}

/** A meeting's versions, newest first, without their content. */
export function getByMeeting(db: Handle, meetingId: string) {
	return db
		.selectFrom('meeting_version as v')
		.leftJoin('app_user as u', 'u.id', 'v.taken_by')
		.select(['v.id', 'v.reason', 'v.taken_at', 'u.display_name as taken_by_name', sql<number>`octet_length(v.state)`.as('bytes')])
		.where('v.meeting_id', '=', meetingId)
		.orderBy('v.taken_at', 'desc')
		.orderBy('v.id')
		.limit(500)
		.execute();
}

/** The encoded state of one version of this meeting. */
export async function getState(db: Handle, meetingId: string, id: string): Promise<Uint8Array | undefined> {
	const row = await db
		.selectFrom('meeting_version')
		.select(sql<string>`encode(state, 'hex')`.as('hex'))
		.where('meeting_id', '=', meetingId)
		.where('id', '=', id)
		.executeTakeFirst();
	return row ? new Uint8Array(Buffer.from(row.hex, 'hex')) : undefined;
}

/** When the meeting's latest version was taken; null when it has none. */
export async function latestAt(db: Handle, meetingId: string): Promise<Date | null> {
	const row = await db
		.selectFrom('meeting_version')
		.select((eb) => eb.fn.max('taken_at').as('at'))
		.where('meeting_id', '=', meetingId)
		.executeTakeFirst();
	return row?.at ? new Date(row.at as unknown as string | Date) : null;
}

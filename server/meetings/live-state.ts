import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import { requireAccess, type Actor } from '../access';
import type { CollabServer } from '../collab/server';
import type { DB } from '../db/schema';
import type { MeetingVersionReason } from '../db/schema-meeting';
import { log } from '../log';
import { metaOf } from '../../src/lib/meeting-doc/schema';
import * as repo from './repository/meetings';
import { remember, takeVersion } from './versions';

/**
 * After a status change or a lock, writes the meeting's status and lock from
 * SQL into the document's meta map, so every open workspace shows it within
 * the relay's latency and turns read-only where it should, without waiting
 * for a reload. Starting and ending the meeting also keep a version of the
 * document as it stands then.
 *
 * SQL has already changed when this runs: a document that cannot take the
 * change now (the server is shutting down, its queue is full) is logged, not
 * reported as a failure of the status change; the next status change or lock
 * writes the meta again.
 */
export async function publishMeetingState(
	db: Kysely<DB>,
	collab: Pick<CollabServer, 'change'>,
	actor: Actor | null,
	meetingId: string,
	after: 'status' | 'lock',
	clientAddress: string | null = null
): Promise<void> {
	await requireAccess(db, actor, 'meeting.run', { kind: 'meeting', id: meetingId }, { clientAddress });
	const meeting = (await repo.get(db, meetingId))!;
	const reason: MeetingVersionReason | null =
		after !== 'status' ? null : meeting.status === 'in_progress' ? 'start' : meeting.status === 'ended' ? 'end' : null;
	let state = null as Uint8Array | null;
	if (reason) remember(meetingId);
	try {
		await collab.change(`meeting:${meetingId}`, (doc) => {
			const meta = metaOf(doc);
			if (meta.get('status') !== meeting.status) meta.set('status', meeting.status);
			if (meta.get('locked') !== meeting.locked) meta.set('locked', meeting.locked);
			if (reason) state = Y.encodeStateAsUpdate(doc);
		});
	} catch (error) {
		log.warn('meeting.state_not_published', { meeting: meetingId, error: error instanceof Error ? error : String(error) });
		return;
	}
	if (reason && state) await takeVersion(db, meetingId, reason, state, actor!.userId);
}

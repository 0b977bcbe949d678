import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import type { CollabServer } from '../collab/server';
import type { DB } from '../db/schema';
import { log } from '../log';
import { bangkokToday } from '../network/repository';
import { applyProjection } from './apply-projection';
import { projectMeeting, type ProjectionContext } from './projection';

const MEETING_DOC = /^meeting:([0-9a-f-]{36})$/;

/** The organisations and people a meeting of this body may name. */
async function contextFor(db: Kysely<DB>, meetingId: string): Promise<ProjectionContext | null> {
	const meeting = await db.selectFrom('meeting').select(['body_id']).where('id', '=', meetingId).executeTakeFirst();
	if (!meeting) return null;
	const today = bangkokToday();
	// Past members too: a meeting's record keeps naming whoever sat then.
	const seats = await db
		.selectFrom('membership')
		.select(['organisation_id', 'user_id', 'alternate_user_id', 'ends_on'])
		.where('body_id', '=', meeting.body_id)
		.execute();
	const current = seats.filter((s) => !s.ends_on || s.ends_on >= today);
	return {
		meetingId,
		bodyId: meeting.body_id,
		organisationIds: new Set(seats.map((s) => s.organisation_id)),
		userIds: new Set(current.flatMap((s) => [s.user_id, ...(s.alternate_user_id ? [s.alternate_user_id] : [])]))
	};
}

/** Meetings whose last projection is remembered; beyond this the memory starts again. */
const REMEMBERED = 2000;

/**
 * Keeps SQL's read model of every meeting document current, after each durable
 * change. Most changes during a meeting are typing in the notes, which the read
 * model does not hold: a projection equal to the one last written is not
 * written again, so the database is left to the edits themselves.
 */
export function registerMeetingProjection(db: Kysely<DB>, collab: CollabServer): () => void {
	const written = new Map<string, string>();
	return collab.onDocumentChanged(async (name, doc) => {
		const match = MEETING_DOC.exec(name);
		if (!match) return;
		// The live doc keeps changing while we wait on the database; project a copy of this moment.
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		const ctx = await contextFor(db, match[1]!);
		if (!ctx) return;
		const projection = projectMeeting(copy, ctx);
		for (const p of projection.problems) log.warn('meeting.projection_skipped', { meeting: ctx.meetingId, entity: p.entity, id: p.id, reason: p.reason });
		const { problems: _problems, ...content } = projection;
		const fingerprint = JSON.stringify({ ctx: [ctx.bodyId, [...ctx.organisationIds].sort(), [...ctx.userIds].sort()], content });
		if (written.get(ctx.meetingId) === fingerprint) return;
		await applyProjection(db, ctx.meetingId, projection);
		if (written.size >= REMEMBERED) written.clear();
		written.set(ctx.meetingId, fingerprint);
		log.debug('meeting.projected', { meeting: ctx.meetingId, items: projection.agendaItems.length, decisions: projection.decisions.length, actions: projection.actions.length });
	});
}

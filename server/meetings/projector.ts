import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import type { CollabServer } from '../collab/server';
import type { DB } from '../db/schema';
import { teamUserIds } from '../membership/case-team';
import { log } from '../log';
import { applyProjection, type Applied } from './apply-projection';
import * as repo from './repository/meetings';
import { namedOnRows } from './repository/projection-rows';
import { projectMeeting, type Problem, type ProjectionContext } from './projection';
import { actionsOf, agendaOf, attendanceOf, decisionsOf, guestsOf, removedOf } from '../../src/lib/meeting-doc/schema';
import { bangkokToday } from '../../src/lib/calendar';

const MEETING_DOC = /^meeting:([0-9a-f-]{36})$/;

/** The organisations and people a meeting of this body may name (without what its rows already name). */
async function bodyContext(db: Kysely<DB>, meetingId: string): Promise<ProjectionContext | null> {
	const meeting = await repo.get(db, meetingId);
	if (!meeting) return null;
	// A case conference's action items go to people on the case team alone (docs/access.md).
	const team = meeting.case_id ? await teamUserIds(db, meeting.case_id) : null;
	const today = bangkokToday();
	// Past members too: a meeting's record keeps naming whoever sat then.
	const seats = await repo.seatHistory(db, meeting.body_id);
	const current = seats.filter((s) => !s.ends_on || s.ends_on >= today);
	return {
		meetingId,
		bodyId: meeting.body_id,
		organisationIds: new Set(seats.map((s) => s.organisation_id)),
		userIds: new Set(current.flatMap((s) => [s.user_id, ...(s.alternate_user_id ? [s.alternate_user_id] : [])]).filter((u) => !team || team.has(u)))
	};
}

/** Everything a meeting's projection may name. */
export async function contextFor(db: Kysely<DB>, meetingId: string): Promise<ProjectionContext | null> {
	const base = await bodyContext(db, meetingId);
	return base && { ...base, named: await namedOnRows(db, meetingId, base.bodyId) };
}

const logProblems = (meetingId: string, problems: Problem[]) => {
	for (const p of problems) log.warn('meeting.projection_skipped', { meeting: meetingId, entity: p.entity, id: p.id, reason: p.reason });
};

/** What the projection reads from a document (not the notes, timers or report-backs), in a stable order. */
function readModelPart(doc: Y.Doc): string {
	const sorted = (m: { toJSON(): Record<string, unknown> }) => Object.entries(m.toJSON()).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return JSON.stringify([agendaOf(doc), decisionsOf(doc), actionsOf(doc), attendanceOf(doc), guestsOf(doc), removedOf(doc)].map(sorted));
}

/**
 * Projects a meeting document into SQL once, as the collaboration server does
 * after a durable change. `skip` is asked first with a fingerprint of the
 * document's projected part and the body's members: when it says so, nothing
 * more is read or written (typing in the notes costs two small queries).
 */
export async function projectDocument(
	db: Kysely<DB>,
	meetingId: string,
	doc: Y.Doc,
	skip?: (fingerprint: string) => boolean
): Promise<{ fingerprint: string; problems: Problem[]; applied: Applied | null } | null> {
	const base = await bodyContext(db, meetingId);
	if (!base) return null;
	const fingerprint = JSON.stringify([base.bodyId, [...base.organisationIds].sort(), [...base.userIds].sort(), readModelPart(doc)]);
	if (skip?.(fingerprint)) return { fingerprint, problems: [], applied: null };
	const projection = projectMeeting(doc, { ...base, named: await namedOnRows(db, meetingId, base.bodyId) });
	logProblems(meetingId, projection.problems);
	const applied = await applyProjection(db, meetingId, projection);
	logProblems(meetingId, applied.problems);
	log.debug('meeting.projected', {
		meeting: meetingId,
		items: projection.agendaItems.length,
		decisions: projection.decisions.length,
		actions: projection.actions.length,
		changedActions: applied.actions.length
	});
	return { fingerprint, problems: projection.problems, applied };
}

/** Meetings whose last projection is remembered; beyond this the memory starts again. */
const REMEMBERED = 2000;

/**
 * Keeps SQL's read model of every meeting document current, after each durable
 * change. Most changes during a meeting are typing in the notes, which the read
 * model does not hold: a document whose projected part is as it was last
 * written is not projected again, so the database is left to the edits themselves.
 */
export function registerMeetingProjection(db: Kysely<DB>, collab: CollabServer): () => void {
	const written = new Map<string, string>();
	return collab.onDocumentChanged(async (name, doc) => {
		const match = MEETING_DOC.exec(name);
		if (!match) return;
		// The live doc keeps changing while we wait on the database; project a copy of this moment.
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		const meetingId = match[1]!;
		const done = await projectDocument(db, meetingId, copy, (f) => written.get(meetingId) === f);
		if (!done?.applied) return;
		if (written.size >= REMEMBERED) written.clear();
		written.set(meetingId, done.fingerprint);
	});
}

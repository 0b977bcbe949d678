import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { events } from '../events';
import { diffProjection } from './projection-diff';
import type { Problem, Projection } from './projection';
import * as rows from './repository/projection-rows';

export interface Applied {
	/** Rows the document named that SQL holds for another meeting, and what hung on them. */
	problems: Problem[];
	/** Action items created, changed or removed, with their body; the boards were told. */
	actions: { id: string; bodyId: string }[];
}

const NO_REMOVALS: Projection['removed'] = { agendaItems: [], decisions: [], actions: [] };

/**
 * Brings SQL to a meeting document's projection in one transaction, writing
 * only what differs (see `diffProjection` for the rules), then tells the
 * boards about every action item it created, changed or removed.
 */
export async function applyProjection(db: Kysely<DB>, meetingId: string, p: Projection, now = new Date()): Promise<Applied> {
	const projection = { ...p, removed: p.removed ?? NO_REMOVALS };
	const applied = await db.transaction().execute(async (tx) => {
		// One projection of a meeting at a time, whichever process runs it. What a
		// case conference decides belongs to its case, wherever it is listed later.
		const { body_id, case_id } = await rows.lockMeeting(tx, meetingId);
		const current = await rows.currentRows(tx, meetingId, body_id, projection);
		return rows.writeProjection(tx, meetingId, case_id, diffProjection(meetingId, projection, current), now);
	});
	for (const a of applied.actions) events.emit('action.changed', { actionItemId: a.id, bodyId: a.bodyId });
	return applied;
}

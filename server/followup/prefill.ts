import type { ActionStatus, ActionUpdateKind } from '../db/schema-followup';

/**
 * The report-back an item brings to the next meeting, already written: what
 * the representative said on the board when marking it done (or the last
 * report-back given since), so nobody types the same words twice in the room.
 *
 * Only an item awaiting its report has one. Walking back through the history,
 * the newest done or report-back note wins; a carry-over or reopening before
 * any note means the work went back and the old words no longer stand.
 */
const NOTE_KINDS: readonly ActionUpdateKind[] = ['done', 'report_back'];
const RESET_KINDS: readonly ActionUpdateKind[] = ['carried_over', 'reopened', 'accepted'];

export function reportDraft(status: ActionStatus, history: readonly { kind: ActionUpdateKind; text: string }[]): string | null {
	if (status !== 'awaiting_report') return null;
	for (const h of [...history].reverse()) {
		if (RESET_KINDS.includes(h.kind)) return null;
		if (NOTE_KINDS.includes(h.kind) && h.text.trim()) return h.text.trim();
	}
	return null;
}

import type { Kysely } from 'kysely';
import { requireAccess, type Actor } from '../access';
import type { CollabServer } from '../collab/server';
import type { DB, Meeting } from '../db/schema';
import { acceptChange, applyAll, carryOverChange, reportBackChange } from '../followup/lifecycle';
import { byOrganisation, outstandingForBody } from '../followup/outstanding';
import * as actions from '../followup/repository/items';
import { reportDraft } from '../followup/prefill';
import { setReportBackOutcome } from '../../src/lib/meeting-doc/schema';
import { documentName } from './service';

/**
 * The standing item "follow-up on past actions": every open action of the body
 * except those this meeting created, grouped by lead organisation.
 */
export async function meetingFollowup(db: Kysely<DB>, meeting: Pick<Meeting, 'id' | 'body_id'>, viewerId: string | null) {
	const { organisations } = await outstandingForBody(db, meeting.body_id, viewerId);
	const open = organisations.flatMap((g) => g.actions).filter((a) => a.meeting_id !== meeting.id);
	// Items this meeting closed stay in view, so the room sees what it just accepted.
	const closedRows = await actions.closedAt(db, viewerId, meeting.id);
	const history = await actions.historyOf(
		db,
		viewerId,
		closedRows.map((a) => a.id)
	);
	const closed = closedRows.map((a) => ({ ...a, flagged: false, meetingsWithoutReport: 0, history: history.filter((h) => h.action_item_id === a.id) }));
	// What the representative wrote on the board is the report-back's first draft.
	const all = [...open, ...closed].map((a) => ({ ...a, draft: reportDraft(a.status, a.history) }));
	return byOrganisation(all.sort((x, y) => x.lead_th.localeCompare(y.lead_th, 'th')));
}

export interface DecideInput {
	verb: 'accept' | 'carry';
	meetingId: string;
	actionItemId: unknown;
	text: unknown;
	dueOn?: unknown;
	reason?: unknown;
}

/**
 * Records the report-back typed into the meeting and closes the item or
 * carries it over, as one transaction: access to both is checked before
 * anything is written, and the text and the decision land together or not at
 * all. The meeting document follows, so everyone in the meeting sees it.
 */
export async function decideReportBack(db: Kysely<DB>, collab: CollabServer, actor: Actor | null, input: DecideInput, clientAddress: string | null) {
	// An unknown meeting, or a conference off its team, answers 404 like every page of it.
	await requireAccess(db, actor, 'meeting.read', { kind: 'meeting', id: input.meetingId }, { clientAddress });
	const typed = typeof input.text === 'string' ? input.text.trim() : '';
	// Nothing typed in the room: the board's note stands as the report-back, so accepting needs no retyping.
	const text = typed || (await boardDraft(db, input.actionItemId));
	const at = { actionItemId: input.actionItemId, meetingId: input.meetingId };
	const decision = input.verb === 'accept' ? acceptChange(at) : carryOverChange({ ...at, dueOn: input.dueOn, reason: input.reason });
	const result = await applyAll(db, actor, text ? [reportBackChange({ ...at, text }), decision] : [decision], clientAddress);
	if (result.ok && typeof input.actionItemId === 'string') {
		const id = input.actionItemId;
		await collab.change(documentName(input.meetingId), (doc) => setReportBackOutcome(doc, id, input.verb === 'accept' ? 'accepted' : 'carried_over', text));
	}
	return result;
}

/** The report-back draft an item carries from the board into the meeting's shared document, so read as a shared view: '' for a case's item. */
async function boardDraft(db: Kysely<DB>, actionItemId: unknown): Promise<string> {
	if (typeof actionItemId !== 'string' || !/^[0-9a-f-]{36}$/i.test(actionItemId)) return '';
	const item = await actions.get(db, actionItemId);
	if (!item) return '';
	return reportDraft(item.status, await actions.historyOf(db, null, [actionItemId])) ?? '';
}

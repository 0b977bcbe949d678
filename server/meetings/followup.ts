import type { Kysely } from 'kysely';
import type { Actor } from '../access';
import type { CollabServer } from '../collab/server';
import type { DB, Meeting } from '../db/schema';
import { acceptReportBack, carryOver, recordReportBack } from '../followup/lifecycle';
import { byOrganisation, outstandingForBody } from '../followup/outstanding';
import { historyOf } from '../followup/repository';
import { redactActions, redactHistory } from '../cases/redact';
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
	const closedHere = await db
		.selectFrom('action_item as a')
		.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
		.leftJoin('app_user as u', 'u.id', 'a.assignee_id')
		.select(['a.id', 'a.title', 'a.status', 'a.due_on', 'a.meeting_id', 'a.lead_organisation_id', 'o.name_th as lead_th', 'o.name_en as lead_en', 'o.short_name as lead_short', 'u.display_name as assignee'])
		.where('a.closed_meeting_id', '=', meeting.id)
		.execute();
	const closedRows = await redactActions(db, viewerId, closedHere);
	const history = redactHistory(await historyOf(db, closedRows.map((a) => a.id)), new Set(closedRows.filter((a) => a.caseCode).map((a) => a.id)));
	const closed = closedRows.map((a) => ({ ...a, flagged: false, meetingsWithoutReport: 0, history: history.filter((h) => h.action_item_id === a.id) }));
	return byOrganisation([...open, ...closed].sort((x, y) => x.lead_th.localeCompare(y.lead_th, 'th')));
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
 * Records the report-back typed into the meeting, then closes the item or
 * carries it over; the outcome is written into the meeting document so
 * everyone in the meeting sees it at once.
 */
export async function decideReportBack(db: Kysely<DB>, collab: CollabServer, actor: Actor | null, input: DecideInput, clientAddress: string | null) {
	const text = typeof input.text === 'string' ? input.text.trim() : '';
	if (text) {
		const reported = await recordReportBack(db, actor, { actionItemId: input.actionItemId, meetingId: input.meetingId, text }, clientAddress);
		if (!reported.ok) return reported;
	}
	const result =
		input.verb === 'accept'
			? await acceptReportBack(db, actor, { actionItemId: input.actionItemId, meetingId: input.meetingId }, clientAddress)
			: await carryOver(db, actor, { actionItemId: input.actionItemId, meetingId: input.meetingId, dueOn: input.dueOn, reason: input.reason }, clientAddress);
	if (result.ok && typeof input.actionItemId === 'string') {
		const id = input.actionItemId;
		await collab.change(documentName(input.meetingId), (doc) => setReportBackOutcome(doc, id, input.verb === 'accept' ? 'accepted' : 'carried_over', text));
	}
	return result;
}

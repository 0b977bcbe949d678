import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Referral } from '../db/schema-cases';
import { OPEN_STATUSES } from '../db/schema-followup';
import * as actions from '../followup/repository/items';
import { nextStatus } from '../followup/transitions';
import * as repo from './repository/followup';
import { decisionPlace } from './repository/places';
import { generated } from '../../src/lib/generated-text';

/**
 * A referral is followed up like an action item. Accepting it opens an item;
 * starting and completing it move the item; the outcome arrives as the item's
 * report-back, which a meeting's chair accepts to close it, as for any action.
 */

const TITLE_REASON_LENGTH = 80;

/**
 * The item's title, seen by everyone who reads the body: for a case only its
 * code (the reason is written for the case team), for an intake report only its
 * reference, otherwise the start of the reason.
 */
export function actionTitle(r: Pick<Referral, 'reason'>, caseCode: string | null, intakeReference: string | null): string {
	if (caseCode) return generated.referralOfCase(caseCode);
	if (intakeReference) return generated.referralOfIntake(intakeReference);
	const reason = r.reason.replace(/\s+/g, ' ').trim();
	const chars = [...reason];
	return generated.referralWithReason(chars.length > TITLE_REASON_LENGTH ? `${chars.slice(0, TITLE_REASON_LENGTH - 1).join('')}…` : reason);
}

/**
 * Where the follow-up lives. Between organisations it stays with the sending
 * body, whose next meeting asks for the outcome; an escalation is "referred to
 * the body" and is followed up there, led by its secretariat.
 */
async function followUpPlace(tx: Kysely<DB>, r: Referral): Promise<{ bodyId: string; leadOrganisationId: string }> {
	if (r.to_organisation_id) return { bodyId: r.body_id, leadOrganisationId: r.to_organisation_id };
	const target = await repo.escalationBody(tx, r.to_body_id!);
	return { bodyId: target.id, leadOrganisationId: target.secretariat_organisation_id ?? r.from_organisation_id };
}

/** Opens the action item of an accepted referral and returns it; the caller links it. */
export async function openFollowUp(tx: Kysely<DB>, r: Referral, actorId: string, at: Date): Promise<{ actionItemId: string; bodyId: string }> {
	const place = await followUpPlace(tx, r);
	const [caseRow, intake, decision, from] = await Promise.all([
		r.case_id ? repo.caseCode(tx, r.case_id) : undefined,
		r.intake_report_id ? repo.intakeReference(tx, r.intake_report_id) : undefined,
		r.decision_id ? decisionPlace(tx, r.decision_id) : undefined,
		repo.organisationShortName(tx, r.from_organisation_id)
	]);
	const id = crypto.randomUUID();
	// The one who accepts carries it when they sit on that body for the lead organisation.
	const assignee = (await actions.seatedFor(tx, place.bodyId, place.leadOrganisationId, actorId)) ? actorId : null;
	await repo.insertActionItem(tx, {
		id,
		body_id: place.bodyId,
		meeting_id: decision?.body_id === place.bodyId ? decision.meeting_id : null,
		decision_id: r.decision_id,
		title: actionTitle(r, caseRow?.code ?? null, intake?.reference ?? null),
		lead_organisation_id: place.leadOrganisationId,
		assignee_id: assignee,
		due_on: null,
		status: 'open',
		closed_meeting_id: null,
		case_id: r.case_id,
		created_at: at,
		updated_at: at
	});
	await actions.append(tx, {
		actionItemId: id,
		authorId: actorId,
		kind: 'created',
		text: generated.referralReceived(from.short_name),
		meetingId: null,
		at,
		detail: { referral: r.id }
	});
	return { actionItemId: id, bodyId: place.bodyId };
}

/**
 * Mirrors a referral's change on its action item: `start` and `report_back`
 * move it as the follow-up lifecycle does, `progress` adds to its history.
 * An item already moved past that point (dropped by the chair, say) is left
 * as it is. Returns the item's body when something was written.
 */
export async function mirror(
	tx: Kysely<DB>,
	actionItemId: string,
	change: { verb: 'start' | 'progress' | 'report_back'; text: string; actorId: string; referralId: string; at: Date }
): Promise<string | null> {
	const item = await actions.getForUpdate(tx, actionItemId);
	if (!OPEN_STATUSES.includes(item.status)) return null;
	let status = item.status;
	if (change.verb !== 'progress') {
		const next = nextStatus(change.verb, item.status);
		if (!next.ok) return null;
		status = next.status;
	}
	await actions.update(tx, item.id, { status, updated_at: change.at });
	const kind = change.verb === 'start' ? 'started' : change.verb;
	await actions.append(tx, {
		actionItemId: item.id,
		authorId: change.actorId,
		kind,
		text: change.text,
		meetingId: null,
		at: change.at,
		detail: { referral: change.referralId, ...(status !== item.status ? { from: item.status, to: status } : {}) }
	});
	return item.body_id;
}

import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import { events } from '../events';
import * as field from '../validate';
import { bodyOfCase, lockCase } from './repository/case';
import * as proposals from './repository/proposals';
import { endTeamSeats, insertTeamSeat, seatEndsOn, teamSeatOf, teamSeatsOnBody } from './repository/team';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * Successors proposed to case teams. A hand-over of a seat on a body never
 * puts the successor on the teams of that body's cases: the predecessor's
 * seat on each team is vacated, the successor is proposed, and the case's
 * open items that were the predecessor's wait unassigned. The team (rule
 * `case.team`: its lead and the body's officers on it) accepts or declines.
 */

export interface SeatHandedOver {
	bodyId: string;
	organisationId: string;
	fromUserId: string;
	toUserId: string;
	/** The successor's new seat on the body. */
	membershipId: string;
	by: string;
	note: string;
	at: Date;
}

/**
 * Within the hand-over's transaction: vacates the predecessor's seats on the
 * teams of this body's cases (for this organisation), unassigns their open
 * items there, and proposes the successor to each team. A proposal still
 * waiting for the predecessor is passed on to the successor with its items.
 */
export async function proposeSuccessor(tx: Kysely<DB>, h: SeatHandedOver): Promise<{ proposals: number; waiting: number }> {
	const seats = await teamSeatsOnBody(tx, h.bodyId, h.fromUserId, h.organisationId);
	const earlier = await proposals.supersedePendingProposals(tx, h);
	if (seats.length) await endTeamSeats(tx, seats, h.by, h.at);
	// Every open case item of this body that was the predecessor's waits for its team, on the team or not.
	const unassigned = await proposals.unassignOpenCaseItems(tx, h.bodyId, h.fromUserId, h.at);
	const caseIds = [...new Set([...seats.map((s) => s.case_id), ...earlier.map((e) => e.case_id)])];
	const proposed = new Map<string, string>();
	for (const caseId of caseIds) {
		const items = [
			...new Set([...earlier.filter((e) => e.case_id === caseId).flatMap((e) => e.waiting), ...unassigned.filter((a) => a.case_id === caseId).map((a) => a.id)])
		];
		const proposal = await upsertProposal(tx, caseId, h, items);
		proposed.set(caseId, proposal);
		await audit(tx, {
			actorId: h.by,
			action: 'case.team_propose',
			outcome: 'success',
			targetType: 'case',
			targetId: caseId,
			detail: { user: h.toUserId, proposal, waiting: items.length }
		});
	}
	if (unassigned.length) {
		await proposals.recordItemsHandedOver(
			tx,
			unassigned.map((a) => ({
				actionItemId: a.id,
				authorId: h.by,
				at: h.at,
				text: h.note,
				detail: { from: h.fromUserId, to: null, proposal: proposed.get(a.case_id!) ?? null }
			}))
		);
	}
	return { proposals: caseIds.length, waiting: unassigned.length };
}

/** One pending proposal per person and case: a second hand-over to the same person adds its items to the first. */
async function upsertProposal(tx: Kysely<DB>, caseId: string, h: SeatHandedOver, items: string[]): Promise<string> {
	const pending = await proposals.pendingProposalTo(tx, caseId, h.toUserId);
	if (pending) {
		await proposals.setWaitingItems(tx, pending.id, [...new Set([...pending.waiting, ...items])]);
		return pending.id;
	}
	return proposals.insertProposal(tx, {
		case_id: caseId,
		user_id: h.toUserId,
		organisation_id: h.organisationId,
		predecessor_id: h.fromUserId,
		membership_id: h.membershipId,
		waiting: items,
		proposed_by: h.by,
		proposed_at: h.at
	});
}

type Result = { ok: true; moved: number } | { ok: false; errors: Record<string, string> };

const AnswerInput = v.object({ proposalId: field.uuid, answer: field.oneOf(['accept', 'decline']) });

/**
 * The team's answer to a proposal. Accepting seats the successor on the team
 * for the proposal's organisation and gives them the items that waited for
 * the seat (still open and unassigned); declining leaves the seat vacant and
 * the items with the team, to be reassigned within it.
 */
export async function answerProposal(
	db: Kysely<DB>,
	actor: Actor | null,
	caseId: string,
	input: v.InferInput<typeof AnswerInput>,
	clientAddress: string | null,
	now = new Date()
): Promise<Result> {
	await requireAccess(db, actor, 'case.team', { kind: 'case', id: caseId }, { clientAddress, hide: true, now });
	const { values, errors } = field.parse(AnswerInput, input);
	// A malformed id names no proposal.
	if (errors.proposalId) return { ok: false, errors: { proposal: 'not_found' } };
	if (errors.answer) return { ok: false, errors: { answer: 'invalid' } };
	const accept = values.answer === 'accept';
	const result = await db.transaction().execute(async (tx): Promise<Result & { successor?: string; items?: string[] }> => {
		await lockCase(tx, caseId);
		const p = await proposals.pendingProposal(tx, caseId, values.proposalId);
		if (!p) return { ok: false, errors: { proposal: 'not_found' } };
		// Nobody seats themselves: a successor already on the team does not answer their own proposal.
		if (p.user_id === actor!.userId) return { ok: false, errors: { proposal: 'own_proposal' } };
		if (!accept) {
			await proposals.decideProposal(tx, p.id, 'declined', actor!.userId, now);
			await audit(tx, {
				actorId: actor!.userId,
				action: 'case.team_decline',
				outcome: 'success',
				targetType: 'case',
				targetId: caseId,
				clientAddress,
				detail: { user: p.user_id, proposal: p.id }
			});
			return { ok: true, moved: 0 };
		}
		const seat = await seatEndsOn(tx, p.membership_id);
		if (seat.ends_on && seat.ends_on < bangkokToday(now)) return { ok: false, errors: { proposal: 'seat_ended' } };
		if (!(await teamSeatOf(tx, caseId, p.user_id))) {
			await insertTeamSeat(tx, { case_id: caseId, user_id: p.user_id, organisation_id: p.organisation_id, added_by: actor!.userId, added_at: now });
		}
		const moved = p.waiting.length ? await proposals.assignWaitingItems(tx, caseId, p.waiting, p.user_id, now) : [];
		if (moved.length) {
			await proposals.recordItemsHandedOver(
				tx,
				moved.map((a) => ({ actionItemId: a.id, authorId: actor!.userId, at: now, text: '', detail: { from: null, to: p.user_id, proposal: p.id } }))
			);
		}
		await proposals.decideProposal(tx, p.id, 'accepted', actor!.userId, now);
		await audit(tx, {
			actorId: actor!.userId,
			action: 'case.team_accept',
			outcome: 'success',
			targetType: 'case',
			targetId: caseId,
			clientAddress,
			detail: { user: p.user_id, proposal: p.id, actions: moved.length }
		});
		return { ok: true, moved: moved.length, successor: p.user_id, items: moved.map((a) => a.id) };
	});
	if (!result.ok) return result;
	if (result.successor) events.emit('access.changed', { userId: result.successor, reason: 'case_team' });
	if (result.items?.length) {
		const c = await bodyOfCase(db, caseId);
		for (const actionItemId of result.items) events.emit('action.changed', { actionItemId, bodyId: c.body_id });
	}
	return { ok: true, moved: result.moved };
}

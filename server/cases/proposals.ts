import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import { OPEN_STATUSES } from '../db/schema-followup';
import { events } from '../events';
import * as field from '../validate';
import { lockCase } from './repository';
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
	const seats = await tx
		.selectFrom('case_team as t')
		.innerJoin('case_file as c', 'c.id', 't.case_id')
		.select(['t.id', 't.case_id'])
		.where('c.body_id', '=', h.bodyId)
		.where('t.user_id', '=', h.fromUserId)
		.where('t.organisation_id', '=', h.organisationId)
		.where('t.removed_at', 'is', null)
		.execute();
	const earlier = await tx
		.updateTable('case_team_proposal as p')
		.set({ status: 'superseded', decided_by: h.by, decided_at: h.at })
		.from('case_file as c')
		.whereRef('c.id', '=', 'p.case_id')
		.where('c.body_id', '=', h.bodyId)
		.where('p.user_id', '=', h.fromUserId)
		.where('p.organisation_id', '=', h.organisationId)
		.where('p.status', '=', 'pending')
		.returning(['p.case_id', 'p.waiting'])
		.execute();
	if (seats.length) {
		await tx
			.updateTable('case_team')
			.set({ removed_at: h.at, removed_by: h.by })
			.where(
				'id',
				'in',
				seats.map((s) => s.id)
			)
			.execute();
	}
	// Every open case item of this body that was the predecessor's waits for its team, on the team or not.
	const unassigned = await tx
		.updateTable('action_item')
		.set({ assignee_id: null, updated_at: h.at })
		.where('body_id', '=', h.bodyId)
		.where('case_id', 'is not', null)
		.where('assignee_id', '=', h.fromUserId)
		.where('status', 'in', OPEN_STATUSES)
		.returning(['id', 'case_id'])
		.execute();
	const caseIds = [...new Set([...seats.map((s) => s.case_id), ...earlier.map((e) => e.case_id)])];
	const proposals = new Map<string, string>();
	for (const caseId of caseIds) {
		const items = [
			...new Set([...earlier.filter((e) => e.case_id === caseId).flatMap((e) => e.waiting), ...unassigned.filter((a) => a.case_id === caseId).map((a) => a.id)])
		];
		const proposal = await upsertProposal(tx, caseId, h, items);
		proposals.set(caseId, proposal);
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
		await tx
			.insertInto('action_update')
			.values(
				unassigned.map((a) => ({
					action_item_id: a.id,
					author_id: h.by,
					at: h.at,
					kind: 'handed_over' as const,
					text: h.note,
					meeting_id: null,
					detail: JSON.stringify({ from: h.fromUserId, to: null, proposal: proposals.get(a.case_id!) ?? null })
				}))
			)
			.execute();
	}
	return { proposals: caseIds.length, waiting: unassigned.length };
}

/** One pending proposal per person and case: a second hand-over to the same person adds its items to the first. */
async function upsertProposal(tx: Kysely<DB>, caseId: string, h: SeatHandedOver, items: string[]): Promise<string> {
	const pending = await tx
		.selectFrom('case_team_proposal')
		.select(['id', 'waiting'])
		.where('case_id', '=', caseId)
		.where('user_id', '=', h.toUserId)
		.where('status', '=', 'pending')
		.executeTakeFirst();
	if (pending) {
		await tx
			.updateTable('case_team_proposal')
			.set({ waiting: JSON.stringify([...new Set([...pending.waiting, ...items])]) })
			.where('id', '=', pending.id)
			.execute();
		return pending.id;
	}
	const row = await tx
		.insertInto('case_team_proposal')
		.values({
			case_id: caseId,
			user_id: h.toUserId,
			organisation_id: h.organisationId,
			predecessor_id: h.fromUserId,
			membership_id: h.membershipId,
			waiting: JSON.stringify(items),
			proposed_by: h.by,
			proposed_at: h.at
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** The proposals a case team has yet to answer, with who and for whom. */
export function pendingProposals(db: Kysely<DB>, caseId: string) {
	return db
		.selectFrom('case_team_proposal as p')
		.innerJoin('app_user as u', 'u.id', 'p.user_id')
		.innerJoin('app_user as prev', 'prev.id', 'p.predecessor_id')
		.innerJoin('organisation as o', 'o.id', 'p.organisation_id')
		.leftJoin('app_user as by', 'by.id', 'p.proposed_by')
		.select([
			'p.id',
			'p.user_id',
			'u.display_name',
			'prev.display_name as predecessor',
			'o.name_th as org_th',
			'o.name_en as org_en',
			'o.short_name',
			'p.waiting',
			'p.proposed_at',
			'by.display_name as proposed_by'
		])
		.where('p.case_id', '=', caseId)
		.where('p.status', '=', 'pending')
		.orderBy('p.proposed_at')
		.execute();
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
		const p = await tx
			.selectFrom('case_team_proposal')
			.selectAll()
			.where('id', '=', values.proposalId)
			.where('case_id', '=', caseId)
			.where('status', '=', 'pending')
			.executeTakeFirst();
		if (!p) return { ok: false, errors: { proposal: 'not_found' } };
		// Nobody seats themselves: a successor already on the team does not answer their own proposal.
		if (p.user_id === actor!.userId) return { ok: false, errors: { proposal: 'own_proposal' } };
		if (!accept) {
			await tx.updateTable('case_team_proposal').set({ status: 'declined', decided_by: actor!.userId, decided_at: now }).where('id', '=', p.id).execute();
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
		const seat = await tx.selectFrom('membership').select('ends_on').where('id', '=', p.membership_id).executeTakeFirstOrThrow();
		if (seat.ends_on && seat.ends_on < bangkokToday(now)) return { ok: false, errors: { proposal: 'seat_ended' } };
		const onTeam = await tx
			.selectFrom('case_team')
			.select('id')
			.where('case_id', '=', caseId)
			.where('user_id', '=', p.user_id)
			.where('removed_at', 'is', null)
			.executeTakeFirst();
		if (!onTeam) {
			await tx
				.insertInto('case_team')
				.values({ case_id: caseId, user_id: p.user_id, organisation_id: p.organisation_id, added_by: actor!.userId, added_at: now })
				.execute();
		}
		const moved = p.waiting.length
			? await tx
					.updateTable('action_item')
					.set({ assignee_id: p.user_id, updated_at: now })
					.where('id', 'in', p.waiting)
					.where('case_id', '=', caseId)
					.where('assignee_id', 'is', null)
					.where('status', 'in', OPEN_STATUSES)
					.returning('id')
					.execute()
			: [];
		if (moved.length) {
			await tx
				.insertInto('action_update')
				.values(
					moved.map((a) => ({
						action_item_id: a.id,
						author_id: actor!.userId,
						at: now,
						kind: 'handed_over' as const,
						text: '',
						meeting_id: null,
						detail: JSON.stringify({ from: null, to: p.user_id, proposal: p.id })
					}))
				)
				.execute();
		}
		await tx.updateTable('case_team_proposal').set({ status: 'accepted', decided_by: actor!.userId, decided_at: now }).where('id', '=', p.id).execute();
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
		const c = await db.selectFrom('case_file').select('body_id').where('id', '=', caseId).executeTakeFirstOrThrow();
		for (const actionItemId of result.items) events.emit('action.changed', { actionItemId, bodyId: c.body_id });
	}
	return { ok: true, moved: result.moved };
}

import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import { events } from '../events';
import { proposeSuccessor } from '../cases/proposals';
import { recordReferralHandover } from '../referrals/handover';
import * as field from '../validate';
import * as repo from './repository';
import { bangkokToday } from '../../src/lib/calendar';

const HandoverInput = v.object({
	membershipId: field.uuid,
	successorId: field.uuid,
	note: field.text({ required: true, max: 4000 }),
	/** The successor's first day (today when left empty); the predecessor's seat ends the day before. */
	startsOn: field.optional(field.date, () => bangkokToday())
});
export type HandoverInput = v.InferInput<typeof HandoverInput> & {
	/** The body whose page the hand-over was made on: access is checked on it first, and the seat must be its. */
	bodyId?: string;
};

export type HandoverResult =
	| { ok: true; membershipId: string; movedActions: number; proposedCaseSeats: number; waitingActions: number; referrals: number }
	| { ok: false; errors: Record<string, string> };

function dayBefore(date: string): string {
	return new Date(Date.parse(`${date}T00:00:00Z`) - 24 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Records a successor in one step and one transaction: the old seat ends, the
 * new one starts with the same organisation and role, and what the old person
 * was assigned on this body moves to the successor, each item's history saying
 * so: open action items and the trail of pending referrals (which have no
 * assignee of their own). Case teams are not the body's to fill: the old
 * person's seats on them are vacated and the successor is proposed to each
 * team, whose open items wait with it until it answers (server/cases/proposals.ts).
 * Nobody hands a seat to themselves, the administrator included.
 */
export async function handOver(db: Kysely<DB>, actor: Actor | null, input: HandoverInput, clientAddress: string | null): Promise<HandoverResult> {
	// Checked in full here; the fields are answered once access to the seat is known.
	const { values, errors } = field.parse(HandoverInput, input);
	if (input.bodyId) await requireAccess(db, actor, 'body.manage', { kind: 'body', id: input.bodyId }, { clientAddress });
	if (errors.membershipId) return { ok: false, errors: { membership: 'invalid' } };
	const old = await repo.getSeat(db, values.membershipId);
	if (!old || (input.bodyId && old.body_id !== input.bodyId)) return { ok: false, errors: { membership: 'not_found' } };
	await requireAccess(db, actor, 'body.manage', { kind: 'body', id: old.body_id }, { clientAddress });

	if (Object.keys(errors).length) return { ok: false, errors: errors as Record<string, string> };
	if (old.ends_on && old.ends_on < bangkokToday()) return { ok: false, errors: { membership: 'already_ended' } };
	if (values.successorId === old.user_id) return { ok: false, errors: { successorId: 'same_person' } };
	if (values.successorId === actor!.userId) return { ok: false, errors: { successorId: 'self' } };
	if (values.startsOn < old.starts_on) return { ok: false, errors: { startsOn: 'before_start' } };

	const result = await db.transaction().execute(async (tx): Promise<HandoverResult> => {
		const successor = await repo.getActiveUser(tx, values.successorId);
		if (!successor) return { ok: false, errors: { successorId: 'invalid' } };
		const seated = await repo.seatFrom(tx, old.body_id, successor.id, values.startsOn);
		if (seated) return { ok: false, errors: { successorId: 'already_seated' } };

		const endsOn = dayBefore(values.startsOn) < old.starts_on ? old.starts_on : dayBefore(values.startsOn);
		await repo.endSeat(tx, old.id, endsOn);
		const next = await repo.insertSeat(tx, {
			body_id: old.body_id,
			user_id: successor.id,
			organisation_id: old.organisation_id,
			role: old.role,
			alternate_user_id: old.alternate_user_id === successor.id ? null : old.alternate_user_id,
			starts_on: values.startsOn,
			predecessor_id: old.id,
			handover_note: values.note
		});

		// Open action items of this body assigned to the predecessor move with the seat; a case's wait for its team.
		const moved = await repo.reassignOpenActions(tx, { bodyId: old.body_id, fromUserId: old.user_id, toUserId: successor.id, at: new Date() });
		if (moved.length) {
			await repo.recordHandedOver(tx, {
				actionItemIds: moved.map((a) => a.id),
				authorId: actor!.userId,
				note: values.note,
				detail: { from: old.user_id, to: successor.id, membership: next.id }
			});
		}
		const at = new Date();
		const handedOver = { bodyId: old.body_id, organisationId: old.organisation_id, fromUserId: old.user_id, toUserId: successor.id };
		const proposed = await proposeSuccessor(tx, { ...handedOver, membershipId: next.id, by: actor!.userId, note: values.note, at });
		const predecessor = await repo.getDisplayName(tx, old.user_id);
		const referrals = await recordReferralHandover(tx, {
			...handedOver,
			authorId: actor!.userId,
			fromName: predecessor.display_name,
			toName: successor.display_name,
			at
		});
		await audit(tx, {
			actorId: actor!.userId,
			action: 'membership.handover',
			outcome: 'success',
			targetType: 'membership',
			targetId: next.id,
			clientAddress,
			detail: { from: old.id, movedActions: moved.length, proposedCaseSeats: proposed.proposals, waitingActions: proposed.waiting, referrals }
		});
		return { ok: true, membershipId: next.id, movedActions: moved.length, proposedCaseSeats: proposed.proposals, waitingActions: proposed.waiting, referrals };
	});
	if (result.ok) {
		events.emit('access.changed', { userId: old.user_id, reason: 'handed_over' });
		events.emit('access.changed', { userId: values.successorId, reason: 'handed_over' });
	}
	return result;
}

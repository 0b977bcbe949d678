import type { Kysely } from 'kysely';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import { events } from '../events';
import * as field from '../validate';
import { lockCase } from './repository/case';
import { endTeamSeat, insertTeamSeat, teamSeatOf, teamSeats, workingSeat } from './repository/team';
import { onCaseTeam } from '../membership/case-team';

type Result = { ok: true } | { ok: false; errors: Record<string, string> };

/** The person added to or removed from the team. */
const TeamMember = field.required(field.uuid);

/**
 * Adds someone to the case team: only a person seated now on the case's body
 * (not as observer), for the organisation of that seat.
 */
export async function addToTeam(
	db: Kysely<DB>,
	actor: Actor | null,
	caseId: string,
	userId: unknown,
	clientAddress: string | null,
	now = new Date()
): Promise<Result> {
	await requireAccess(db, actor, 'case.team', { kind: 'case', id: caseId }, { clientAddress, hide: true, now });
	const id = field.check(TeamMember, userId);
	if (!id.ok) return { ok: false, errors: { userId: id.error } };
	const result = await db.transaction().execute(async (tx): Promise<Result> => {
		const c = await lockCase(tx, caseId);
		const seat = await workingSeat(tx, c.body_id, id.value, now);
		if (!seat) return { ok: false, errors: { userId: 'not_on_body' } };
		if (await teamSeatOf(tx, caseId, id.value)) return { ok: false, errors: { userId: 'already_on_team' } };
		await insertTeamSeat(tx, { case_id: caseId, user_id: id.value, organisation_id: seat.organisation_id, added_by: actor!.userId, added_at: now });
		await audit(tx, {
			actorId: actor!.userId,
			action: 'case.team_add',
			outcome: 'success',
			targetType: 'case',
			targetId: caseId,
			clientAddress,
			detail: { user: id.value }
		});
		return { ok: true };
	});
	if (result.ok) events.emit('access.changed', { userId: id.value, reason: 'case_team' });
	return result;
}

/**
 * Takes someone off the case team; the seat stays in the history. A case
 * keeps at least one member who can still see it.
 */
export async function removeFromTeam(
	db: Kysely<DB>,
	actor: Actor | null,
	caseId: string,
	userId: unknown,
	clientAddress: string | null,
	now = new Date()
): Promise<Result> {
	await requireAccess(db, actor, 'case.team', { kind: 'case', id: caseId }, { clientAddress, hide: true, now });
	const id = field.check(TeamMember, userId);
	if (!id.ok) return { ok: false, errors: { userId: id.error } };
	const result = await db.transaction().execute(async (tx): Promise<Result> => {
		await lockCase(tx, caseId);
		const members = await teamSeats(tx, caseId);
		const leaving = members.find((m) => m.user_id === id.value);
		if (!leaving) return { ok: false, errors: { userId: 'not_on_team' } };
		let remaining = 0;
		for (const m of members) if (m.user_id !== id.value && (await onCaseTeam(tx, m.user_id, caseId, now))) remaining++;
		if (remaining === 0) return { ok: false, errors: { userId: 'last_member' } };
		await endTeamSeat(tx, leaving.id, actor!.userId, now);
		await audit(tx, {
			actorId: actor!.userId,
			action: 'case.team_remove',
			outcome: 'success',
			targetType: 'case',
			targetId: caseId,
			clientAddress,
			detail: { user: id.value }
		});
		return { ok: true };
	});
	if (result.ok) events.emit('access.changed', { userId: id.value, reason: 'case_team' });
	return result;
}

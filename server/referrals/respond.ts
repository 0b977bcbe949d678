import type { Kysely, Updateable } from 'kysely';
import * as v from 'valibot';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import type { ReferralStatus, ReferralTable } from '../db/schema-cases';
import { events } from '../events';
import * as field from '../validate';
import { mirror, openFollowUp } from './followup';
import * as repo from './repository/referral';
import { nextReferralStatus, REFERRAL_TRANSITIONS, type ReferralVerb } from './transitions';
import { notifySoon } from '../notifications/soon';

/**
 * The receiving side's answers. Each checks access, locks the referral,
 * checks the state, writes the new state, one history entry and the audit row
 * in one transaction, keeps the follow-up action in step, then tells the boards.
 */

export type RespondOutcome = { ok: true; status: ReferralStatus; actionItemId: string | null } | { ok: false; errors: Record<string, string> };

const RespondInput = v.object({
	referralId: field.uuid,
	/** The note, the reason for declining, or the outcome: required where the answer needs one (`REFERRAL_TRANSITIONS`). */
	text: field.text({ max: 4000 })
});
export type RespondInput = v.InferInput<typeof RespondInput>;

const NIL = '00000000-0000-0000-0000-000000000000';

async function answer(db: Kysely<DB>, actor: Actor | null, verb: ReferralVerb, input: RespondInput, clientAddress: string | null): Promise<RespondOutcome> {
	const { values, errors } = field.parse(RespondInput, input);
	// A malformed id names nothing, exactly like an unknown referral.
	const target = { kind: 'referral' as const, id: errors.referralId ? NIL : values.referralId };
	await requireAccess(db, actor, 'referral.read', target, { hide: true, clientAddress });
	await requireAccess(db, actor, 'referral.respond', target, { clientAddress });
	const t = REFERRAL_TRANSITIONS[verb];
	if (errors.text) return { ok: false, errors: { text: errors.text } };
	if (t.text === 'required' && !values.text) return { ok: false, errors: { text: 'required' } };

	const now = new Date();
	const userId = actor!.userId;
	const result = await db.transaction().execute(async (tx): Promise<RespondOutcome & { changedBody?: string | null }> => {
		const r = await repo.getForUpdate(tx, target.id);
		const next = nextReferralStatus(verb, r.status);
		if (!next.ok) return { ok: false, errors: { referral: next.error } };
		const set: Updateable<ReferralTable> = { status: next.status, updated_at: now };
		let actionItemId = r.action_item_id;
		let changedBody: string | null = null;
		if (verb === 'decline') set.declined_reason = values.text;
		if (verb === 'complete') set.outcome = values.text;
		if (verb === 'accept') {
			const opened = await openFollowUp(tx, r, userId, now);
			actionItemId = set.action_item_id = opened.actionItemId;
			changedBody = opened.bodyId;
		} else if (actionItemId && verb !== 'decline') {
			const mirrored = verb === 'complete' ? 'report_back' : verb;
			changedBody = await mirror(tx, actionItemId, { verb: mirrored, text: values.text, actorId: userId, referralId: r.id, at: now });
		}
		await repo.update(tx, r.id, set);
		await repo.append(tx, { referralId: r.id, authorId: userId, kind: t.kind, text: values.text, at: now });
		await audit(tx, {
			actorId: userId,
			action: `referral.${verb}`,
			outcome: 'success',
			targetType: 'referral',
			targetId: r.id,
			clientAddress,
			detail: { status: next.status, ...(actionItemId ? { action: actionItemId } : {}) }
		});
		return { ok: true, status: next.status, actionItemId, changedBody };
	});
	if (!result.ok) return result;
	notifySoon();
	if (result.changedBody && result.actionItemId) events.emit('action.changed', { actionItemId: result.actionItemId, bodyId: result.changedBody });
	return { ok: true, status: result.status, actionItemId: result.actionItemId };
}

/** The receiving side takes the referral on; its follow-up opens as an action item. */
export function acceptReferral(db: Kysely<DB>, actor: Actor | null, input: RespondInput, clientAddress: string | null = null) {
	return answer(db, actor, 'accept', input, clientAddress);
}

/** The receiving side cannot take it on, and says why. Final. */
export function declineReferral(db: Kysely<DB>, actor: Actor | null, input: RespondInput, clientAddress: string | null = null) {
	return answer(db, actor, 'decline', input, clientAddress);
}

/** Work on an accepted referral has begun. */
export function startReferral(db: Kysely<DB>, actor: Actor | null, input: RespondInput, clientAddress: string | null = null) {
	return answer(db, actor, 'start', input, clientAddress);
}

/** A note on how it goes; the state does not change. */
export function noteReferralProgress(db: Kysely<DB>, actor: Actor | null, input: RespondInput, clientAddress: string | null = null) {
	return answer(db, actor, 'progress', input, clientAddress);
}

/** Done, with the outcome: it reaches the follow-up action as its report-back. */
export function completeReferral(db: Kysely<DB>, actor: Actor | null, input: RespondInput, clientAddress: string | null = null) {
	return answer(db, actor, 'complete', input, clientAddress);
}

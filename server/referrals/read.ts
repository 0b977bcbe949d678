import type { Kysely } from 'kysely';
import { AccessDenied, can, requireAccess, type Actor } from '../access';
import { referralSides } from '../access/cases';
import { audit } from '../audit';
import { onCaseTeam, teamCaseIds } from '../membership/case-team';
import type { DB } from '../db/schema';
import { PENDING_REFERRAL_STATUSES, type ReferralStatus } from '../db/schema-cases';
import * as field from '../validate';
import { actionItemStatus } from './repository/followup';
import * as lists from './repository/lists';
import { historyOf } from './repository/referral';
import { bodiesWithRole, organisationsSpokenFor } from './repository/seats';
import { referralVerbsFrom } from './transitions';

/**
 * Reading referrals. Both sides read a referral; a case shows only as its
 * code, and the identifying record is never read here. The decision behind a
 * referral is the sending side's: the receiving side sees that there is one
 * and when it was taken, not its text.
 */

const NIL = '00000000-0000-0000-0000-000000000000';
const OFFICERS = ['chair', 'vice_chair', 'secretary'];
const WORKERS = ['chair', 'vice_chair', 'secretary', 'member', 'volunteer'];

export type ReferralRow = lists.ReferralRow;
/** `open` is every referral still waiting for the receiving side. */
export type ReferralStateFilter = 'open' | 'all' | ReferralStatus;
export const REFERRAL_STATE_FILTERS: ReferralStateFilter[] = ['open', 'all', 'sent', 'accepted', 'in_progress', 'completed', 'declined'];

/** The states a filter keeps; null for every state. */
function statusesOf(state: ReferralStateFilter): readonly ReferralStatus[] | null {
	if (state === 'all') return null;
	return state === 'open' ? PENDING_REFERRAL_STATUSES : [state];
}

/** A referral with its history, and the answers this actor may give now. */
export async function referralView(db: Kysely<DB>, actor: Actor | null, rawId: string, clientAddress: string | null = null, now = new Date()) {
	const id = field.check(field.uuid, rawId);
	const target = { kind: 'referral' as const, id: id.ok ? id.value : NIL };
	const referralId = target.id;
	await requireAccess(db, actor, 'referral.read', target, { hide: true, clientAddress, now });
	const r = await lists.getDetailed(db, actor!.userId, referralId);
	if (!r) throw new AccessDenied(404, 'referral.read');
	const sides = await referralSides(db, actor!.userId, referralId, now);
	const [history, action, onTeam, actionReadable] = await Promise.all([
		historyOf(db, referralId),
		r.action_item_id ? actionItemStatus(db, r.action_item_id) : undefined,
		r.case_id ? onCaseTeam(db, actor!.userId, r.case_id, now) : false,
		r.action_item_id ? can(db, actor, 'action.read', { kind: 'action', id: r.action_item_id }, now) : false
	]);
	// What a case referral says is written for the case team: reading it is recorded like a case view.
	if (r.case_id)
		await audit(db, { actorId: actor!.userId, action: 'referral.view', outcome: 'success', targetType: 'referral', targetId: referralId, clientAddress });
	const { decision_text, decision_meeting_title, decision_case_id: _c, decision_body_id: _b, ...rest } = r;
	return {
		referral: {
			...rest,
			decision_text: sides.sender ? decision_text : null,
			decision_meeting_title: sides.sender ? decision_meeting_title : null,
			decision_meeting_id: sides.sender ? r.decision_meeting_id : null
		},
		history,
		sides,
		allowed: sides.receiver ? referralVerbsFrom(r.status) : [],
		canOpenCase: onTeam,
		action: action ? { id: action.id, status: action.status, readable: actionReadable } : null
	};
}

/**
 * Referrals waiting at the user's door: to every organisation they speak for
 * now (a current seat, not as observer), and escalations to every body where
 * they hold an office. Scoped by the user's own seats, like the board.
 */
export async function incomingReferrals(
	db: Kysely<DB>,
	actor: Actor | null,
	filter: { state?: ReferralStateFilter } = {},
	now = new Date()
): Promise<ReferralRow[]> {
	if (!actor) throw new AccessDenied(403, 'referral.read');
	const [organisations, bodies] = await Promise.all([organisationsSpokenFor(db, actor.userId, now), bodiesWithRole(db, actor.userId, OFFICERS, now)]);
	if (!organisations.length && !bodies.length) return [];
	return lists.incoming(db, { organisations, bodies }, statusesOf(filter.state ?? 'all'));
}

/**
 * Referrals the user's side has made: without a case, those of bodies where
 * they are a working member; with a case, those of cases whose team they are on.
 */
export async function outgoingReferrals(
	db: Kysely<DB>,
	actor: Actor | null,
	filter: { bodyId?: string; state?: ReferralStateFilter } = {},
	now = new Date()
): Promise<ReferralRow[]> {
	if (!actor) throw new AccessDenied(403, 'referral.read');
	const [bodies, cases] = await Promise.all([bodiesWithRole(db, actor.userId, WORKERS, now), teamCaseIds(db, actor.userId, now)]);
	if (!bodies.length && !cases.size) return [];
	return lists.outgoing(db, { bodies, cases: [...cases], bodyId: filter.bodyId }, statusesOf(filter.state ?? 'all'));
}

/** Every referral of a case, for its team. */
export async function referralsOfCase(db: Kysely<DB>, actor: Actor | null, caseId: string, clientAddress: string | null = null): Promise<ReferralRow[]> {
	const id = field.check(field.uuid, caseId);
	await requireAccess(db, actor, 'case.read', { kind: 'case', id: id.ok ? id.value : NIL }, { hide: true, clientAddress });
	return lists.ofCase(db, id.ok ? id.value : NIL);
}

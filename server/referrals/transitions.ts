import type { ReferralStatus, ReferralUpdateKind } from '../db/schema-cases';

/**
 * The referral lifecycle as data. The receiving side answers:
 * sent → accepted → in_progress → completed, or sent → declined (final).
 * A progress note changes no state. Only the receiving side makes these changes.
 */
export type ReferralVerb = 'accept' | 'decline' | 'start' | 'progress' | 'complete';

interface Transition {
	from: readonly ReferralStatus[];
	to: (from: ReferralStatus) => ReferralStatus;
	kind: ReferralUpdateKind;
	text: 'required' | 'optional';
}

export const REFERRAL_TRANSITIONS: Record<ReferralVerb, Transition> = {
	accept: { from: ['sent'], to: () => 'accepted', kind: 'accepted', text: 'optional' },
	decline: { from: ['sent'], to: () => 'declined', kind: 'declined', text: 'required' },
	start: { from: ['accepted'], to: () => 'in_progress', kind: 'started', text: 'optional' },
	progress: { from: ['accepted', 'in_progress'], to: (s) => s, kind: 'progress', text: 'required' },
	complete: { from: ['accepted', 'in_progress'], to: () => 'completed', kind: 'completed', text: 'required' }
};

export const REFERRAL_VERBS = Object.keys(REFERRAL_TRANSITIONS) as ReferralVerb[];

export function nextReferralStatus(verb: ReferralVerb, from: ReferralStatus): { ok: true; status: ReferralStatus } | { ok: false; error: 'wrong_state' } {
	const t = REFERRAL_TRANSITIONS[verb];
	return t.from.includes(from) ? { ok: true, status: t.to(from) } : { ok: false, error: 'wrong_state' };
}

/** The answers that apply to a referral in this state, before asking who may give them. */
export function referralVerbsFrom(status: ReferralStatus): ReferralVerb[] {
	return REFERRAL_VERBS.filter((v) => REFERRAL_TRANSITIONS[v].from.includes(status));
}

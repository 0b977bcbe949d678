/**
 * Referrals between organisations, and escalations to a body above: sending,
 * the receiving side's answers, reading, and the form's choices.
 * See docs/referrals.md.
 */
export { sendReferral, type SendInput, type SendResult } from './send';
export { acceptReferral, completeReferral, declineReferral, noteReferralProgress, startReferral, type RespondInput, type RespondOutcome } from './respond';
export {
	incomingReferrals,
	outgoingReferrals,
	referralsOfCase,
	referralView,
	REFERRAL_STATE_FILTERS,
	type ReferralRow,
	type ReferralStateFilter
} from './read';
export { referralForm, sendingBodies, type FormStart } from './form';
export { REFERRAL_VERBS, type ReferralVerb } from './transitions';

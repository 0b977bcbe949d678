import { m } from '$lib/paraglide/messages';
import { fieldError } from '$lib/messages';

/** UI words for referrals: states, urgency, consent, history entries and error codes. */
export const referralStatusLabel: Record<string, () => string> = {
	sent: m.referral_status_sent,
	accepted: m.referral_status_accepted,
	declined: m.referral_status_declined,
	in_progress: m.referral_status_in_progress,
	completed: m.referral_status_completed
};
export const urgencyLabel: Record<string, () => string> = {
	routine: m.referral_urgency_routine,
	urgent: m.referral_urgency_urgent,
	emergency: m.referral_urgency_emergency
};
export const consentLabel: Record<string, () => string> = {
	given: m.referral_consent_given,
	given_by_guardian: m.referral_consent_given_by_guardian,
	not_given: m.referral_consent_not_given,
	not_applicable: m.referral_consent_not_applicable
};
export const referralUpdateLabel: Record<string, () => string> = {
	sent: m.referral_update_sent,
	accepted: m.referral_update_accepted,
	declined: m.referral_update_declined,
	started: m.referral_update_started,
	progress: m.referral_update_progress,
	completed: m.referral_update_completed,
	handed_over: m.referral_update_handed_over
};
export const referralVerbLabel: Record<string, () => string> = {
	accept: m.referral_accept,
	decline: m.referral_decline,
	start: m.referral_start,
	progress: m.referral_progress,
	complete: m.referral_complete
};
export const stateFilterLabel: Record<string, () => string> = { open: m.referral_state_open, all: m.referral_state_all, ...referralStatusLabel };

const errors: Record<string, () => string> = {
	wrong_state: m.referral_error_wrong_state,
	consent_required: m.referral_error_consent_required,
	same_organisation: m.referral_error_same_organisation,
	not_ancestor: m.referral_error_not_ancestor,
	decision_not_on_body: m.referral_error_decision_not_on_body,
	not_seated: m.referral_error_not_seated,
	already_triaged: m.referral_error_already_triaged,
	case_closed: m.referral_error_case_closed
};

/** UI text for an error code of the referral services. */
export function referralError(code: string | undefined): string {
	if (!code) return '';
	return errors[code]?.() ?? fieldError(code);
}

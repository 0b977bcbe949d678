import { m } from '$lib/paraglide/messages';
import { fieldError } from '$lib/messages';

/** Words for the entries of an action item's history. */
export const updateKindLabel: Record<string, () => string> = {
	created: m.update_kind_created,
	progress: m.update_kind_progress,
	started: m.update_kind_started,
	done: m.update_kind_done,
	report_back: m.update_kind_report_back,
	accepted: m.update_kind_accepted,
	carried_over: m.update_kind_carried_over,
	reassigned: m.update_kind_reassigned,
	handed_over: m.update_kind_handed_over,
	dropped: m.update_kind_dropped,
	reopened: m.update_kind_reopened
};

const errors: Record<string, () => string> = {
	closed: m.followup_error_closed,
	dropped: m.followup_error_dropped,
	wrong_status: m.followup_error_wrong_status,
	not_reported: m.followup_error_not_reported,
	no_report_back: m.followup_error_not_reported,
	no_change: m.followup_error_no_change,
	not_seated: m.followup_error_not_seated,
	in_past: m.followup_error_in_past,
	not_held: m.followup_error_not_held,
	not_on_case_team: m.followup_error_not_on_case_team
};

/** UI text for an error code of the follow-up services. */
export function followupError(code: string | undefined): string {
	if (!code) return '';
	return errors[code]?.() ?? fieldError(code);
}

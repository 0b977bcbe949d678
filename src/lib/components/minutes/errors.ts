import { m } from '$lib/paraglide/messages';

const texts: Record<string, () => string> = {
	not_found: m.minutes_error_not_found,
	not_ended: m.minutes_error_not_ended,
	not_generated: m.minutes_error_not_generated,
	already_approved: m.minutes_error_already_approved,
	not_approved: m.minutes_error_not_approved,
	empty_draft: m.minutes_error_empty_draft,
	reason_required: m.minutes_error_reason_required,
	amendments_required: m.minutes_error_amendments_required,
	not_next_meeting: m.minutes_error_not_next_meeting,
	meeting_not_held: m.minutes_error_meeting_not_held,
	no_version: m.minutes_error_no_version,
	invalid_content: m.minutes_error_invalid_content,
	unchanged: m.minutes_error_unchanged,
	invalid_comment: m.minutes_error_invalid_comment,
	frozen: m.minutes_error_frozen,
	circulating: m.minutes_error_circulating,
	already_circulated: m.minutes_error_already_circulated,
	not_circulating: m.minutes_error_not_circulating,
	circulation_closed: m.minutes_error_circulation_closed,
	already_responded: m.minutes_error_already_responded,
	comment_required: m.minutes_error_comment_required,
	invalid_deadline: m.minutes_error_invalid_deadline
};

/** The sentence for a refusal code from the minutes service. */
export const errorText = (code: string) => (texts[code] ?? m.minutes_error_not_found)();

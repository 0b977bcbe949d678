/** Why a minutes request was refused; the same codes reach the page and the JSON endpoints. */
export type MinutesErrorCode =
	| 'not_found'
	| 'not_ended'
	| 'not_generated'
	| 'already_approved'
	| 'not_approved'
	| 'empty_draft'
	| 'reason_required'
	| 'amendments_required'
	| 'not_next_meeting'
	| 'meeting_not_held'
	| 'no_version'
	| 'invalid_content'
	| 'unchanged'
	| 'invalid_comment'
	| 'not_confirmed'
	| 'frozen'
	| 'circulating'
	| 'already_circulated'
	| 'not_circulating'
	| 'circulation_closed'
	| 'already_responded'
	| 'comment_required'
	| 'invalid_deadline';

export type Outcome<T = object> = ({ ok: true } & T) | { ok: false; error: MinutesErrorCode };

export const refused = (error: MinutesErrorCode): { ok: false; error: MinutesErrorCode } => ({ ok: false, error });

/** The HTTP status of a refusal: a missing thing 404, input that cannot be used 400, a state that forbids it 409. */
export function statusOf(error: MinutesErrorCode): 400 | 404 | 409 {
	if (error === 'not_found' || error === 'no_version') return 404;
	if (
		error === 'reason_required' ||
		error === 'amendments_required' ||
		error === 'invalid_content' ||
		error === 'invalid_comment' ||
		error === 'not_confirmed' ||
		error === 'comment_required' ||
		error === 'invalid_deadline'
	)
		return 400;
	return 409;
}

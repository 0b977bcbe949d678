import { m } from '$lib/paraglide/messages';

/** The answer of one of the meeting page's forms, as much as a toast needs. */
export type FormAnswer =
	{ form?: string; to?: string; locked?: boolean; verb?: string; saved?: boolean; failure?: unknown; errors?: unknown } | null | undefined;

const statusSaid: Record<string, () => string> = {
	in_progress: m.ws_started_toast,
	ended: m.ws_ended_toast,
	cancelled: m.ws_cancelled_toast
};

/** What to say once a form of the meeting page has worked; nothing when it failed (the failure is shown where it happened). */
export function savedMessage(answer: FormAnswer): string | null {
	if (!answer || answer.failure || answer.errors) return null;
	switch (answer.form) {
		case 'status':
			return (statusSaid[answer.to ?? ''] ?? m.ws_status_toast)();
		case 'lock':
			return answer.locked ? m.ws_lock_toast() : m.ws_unlock_toast();
		case 'edit':
			return answer.saved ? m.ws_edit_toast() : null;
		case 'followup':
			return answer.verb === 'accept' ? m.ws_accepted_toast() : m.ws_carried_toast();
		default:
			return null;
	}
}

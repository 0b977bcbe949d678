import { m } from '$lib/paraglide/messages';

/** What each kind of notification is called on the settings and unsubscribe pages. */
const labels: Record<string, () => string> = {
	assigned: m.notify_kind_assigned,
	due_soon: m.notify_kind_due_soon,
	due_today: m.notify_kind_due_today,
	overdue: m.notify_kind_overdue,
	meeting: m.notify_kind_meeting,
	referral_received: m.notify_kind_referral_received,
	referral_answered: m.notify_kind_referral_answered,
	minutes_ready: m.notify_kind_minutes_ready,
	minutes_circulated: m.notify_kind_minutes_circulated,
	report_accepted: m.notify_kind_report_accepted,
	carried_over: m.notify_kind_carried_over,
	intake_new: m.notify_kind_intake_new
};

export const kindLabel = (kind: string): string => labels[kind]?.() ?? kind;

/**
 * The one thing to do first, picked from the home's sections in the order a
 * person would want to be interrupted: a meeting running now, someone waiting
 * for an answer, late work, then what is coming up. Each step names the page
 * that does it, so the home can put it one click away.
 */

export type NextStep =
	| { kind: 'join'; href: string; title: string }
	| { kind: 'referrals'; href: string; count: number }
	| { kind: 'intake'; href: string; count: number }
	| { kind: 'acceptance'; href: string; count: number }
	| { kind: 'owed'; href: string; count: number }
	| { kind: 'overdue'; href: string; count: number }
	| { kind: 'case_plan'; href: string; count: number }
	| { kind: 'minutes'; href: string; count: number }
	| { kind: 'agenda'; href: string; title: string }
	| { kind: 'meeting'; href: string; title: string }
	| { kind: 'admin'; href: string }
	| { kind: 'none'; href: string };

interface Sections {
	meetings: { id: string; title: string; status: string }[];
	agendas: { id: string; title: string }[];
	minutes: { count: number; items: { id: string }[] };
	organisationItems: { overdue: number };
	owed: { count: number };
	acceptance: { count: number };
	outstanding: { bodyId: string; awaiting: number; overdue: number }[];
	intake: { bodyId: string; waiting: number }[];
	referrals: { count: number; items: { id: string }[] };
	casePlan: { overdue: number; items: { id: string }[] };
}

/** An administrator with nothing else waiting is pointed at administration rather than at meetings they do not sit in. */
export function nextStep(s: Sections, o: { admin: boolean } = { admin: false }): NextStep {
	const running = s.meetings.find((m) => m.status === 'in_progress');
	if (running) return { kind: 'join', href: `/meetings/${running.id}`, title: running.title };
	const referral = s.referrals.items[0];
	if (referral) return { kind: 'referrals', href: s.referrals.count === 1 ? `/referrals/${referral.id}` : '/referrals', count: s.referrals.count };
	const tips = s.intake.find((q) => q.waiting > 0);
	if (tips) return { kind: 'intake', href: `/bodies/${tips.bodyId}/intake`, count: tips.waiting };
	const accept = s.outstanding.find((b) => b.awaiting > 0);
	if (accept && s.acceptance.count) return { kind: 'acceptance', href: `/bodies/${accept.bodyId}/followup`, count: s.acceptance.count };
	if (s.owed.count) return { kind: 'owed', href: '/actions', count: s.owed.count };
	if (s.organisationItems.overdue) return { kind: 'overdue', href: '/actions', count: s.organisationItems.overdue };
	const late = s.outstanding.find((b) => b.overdue > 0);
	if (late) return { kind: 'overdue', href: `/bodies/${late.bodyId}/followup`, count: late.overdue };
	const caseItem = s.casePlan.items[0];
	if (s.casePlan.overdue && caseItem) return { kind: 'case_plan', href: `/actions/${caseItem.id}`, count: s.casePlan.overdue };
	const minutes = s.minutes.items[0];
	if (minutes) return { kind: 'minutes', href: `/meetings/${minutes.id}/minutes`, count: s.minutes.count };
	const agenda = s.agendas[0];
	if (agenda) return { kind: 'agenda', href: `/meetings/${agenda.id}`, title: agenda.title };
	const meeting = s.meetings[0];
	if (meeting) return { kind: 'meeting', href: `/meetings/${meeting.id}`, title: meeting.title };
	return o.admin ? { kind: 'admin', href: '/admin/users' } : { kind: 'none', href: '/meetings' };
}

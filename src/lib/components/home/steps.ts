import { m } from '$lib/paraglide/messages';
import type { NextStep } from '$server/home/next-step';

/** What the first step says and what its link is called, per kind. */
export function stepText(step: NextStep): { text: string; go: string } {
	switch (step.kind) {
		case 'join':
			return { text: m.home_step_join({ title: step.title }), go: m.home_go_join() };
		case 'referrals':
			return { text: m.home_step_referrals({ count: step.count }), go: m.home_go_referrals() };
		case 'intake':
			return { text: m.home_step_intake({ count: step.count }), go: m.home_go_intake() };
		case 'acceptance':
			return { text: m.home_step_acceptance({ count: step.count }), go: m.home_go_acceptance() };
		case 'owed':
			return { text: m.home_step_owed({ count: step.count }), go: m.home_go_owed() };
		case 'overdue':
			return { text: m.home_step_overdue({ count: step.count }), go: step.href === '/actions' ? m.home_go_owed() : m.home_go_acceptance() };
		case 'case_plan':
			return { text: m.home_step_case_plan({ count: step.count }), go: m.home_go_case_plan() };
		case 'minutes':
			return { text: m.home_step_minutes({ count: step.count }), go: m.home_go_minutes() };
		case 'agenda':
			return { text: m.home_step_agenda({ title: step.title }), go: m.home_go_agenda() };
		case 'meeting':
			return { text: m.home_step_meeting({ title: step.title }), go: m.home_go_meeting() };
		case 'admin':
			return { text: m.home_step_admin(), go: m.home_go_admin() };
		case 'none':
			return { text: m.home_step_none(), go: m.home_go_none() };
	}
}

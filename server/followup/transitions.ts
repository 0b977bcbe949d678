import type { ActionStatus, ActionUpdateKind } from '../db/schema-followup';
import { OPEN_STATUSES } from '../db/schema-followup';

/**
 * The action-item lifecycle as data: which states each verb starts from, where
 * it leads, what it writes to the history and which access rule guards it.
 * open → in_progress → awaiting_report → closed, and from any open state carried
 * over, reassigned or dropped. Only `accept` closes, and only at a meeting.
 */
export type Verb = 'start' | 'progress' | 'done' | 'report_back' | 'accept' | 'carry_over' | 'reassign' | 'drop';

export type Guard = 'action.progress' | 'action.report' | 'action.accept' | 'action.carry_over' | 'action.reassign' | 'action.drop';

interface Transition {
	from: readonly ActionStatus[];
	to: (from: ActionStatus) => ActionStatus;
	kind: ActionUpdateKind;
	guard: Guard;
	meeting: 'required' | 'optional' | 'none';
	text: 'required' | 'optional';
}

const same = (s: ActionStatus) => s;

export const TRANSITIONS: Record<Verb, Transition> = {
	start: { from: ['open'], to: () => 'in_progress', kind: 'started', guard: 'action.progress', meeting: 'none', text: 'optional' },
	// Reporting progress on an untouched item means work has begun.
	progress: {
		from: OPEN_STATUSES,
		to: (s) => (s === 'open' ? 'in_progress' : s),
		kind: 'progress',
		guard: 'action.progress',
		meeting: 'none',
		text: 'required'
	},
	done: { from: ['open', 'in_progress'], to: () => 'awaiting_report', kind: 'done', guard: 'action.progress', meeting: 'none', text: 'optional' },
	report_back: { from: OPEN_STATUSES, to: () => 'awaiting_report', kind: 'report_back', guard: 'action.report', meeting: 'required', text: 'required' },
	accept: { from: ['awaiting_report'], to: () => 'closed', kind: 'accepted', guard: 'action.accept', meeting: 'required', text: 'optional' },
	// A report-back that is not accepted sends the item back to work.
	carry_over: {
		from: OPEN_STATUSES,
		to: (s) => (s === 'awaiting_report' ? 'in_progress' : s),
		kind: 'carried_over',
		guard: 'action.carry_over',
		meeting: 'optional',
		text: 'required'
	},
	reassign: { from: OPEN_STATUSES, to: same, kind: 'reassigned', guard: 'action.reassign', meeting: 'optional', text: 'required' },
	drop: { from: OPEN_STATUSES, to: () => 'dropped', kind: 'dropped', guard: 'action.drop', meeting: 'optional', text: 'required' }
};

export const VERBS = Object.keys(TRANSITIONS) as Verb[];

/** Error codes: `closed` and `dropped` for finished items, `not_reported` to accept what was not reported, `wrong_status` otherwise. */
export type TransitionError = 'closed' | 'dropped' | 'not_reported' | 'wrong_status';

export function nextStatus(verb: Verb, from: ActionStatus): { ok: true; status: ActionStatus } | { ok: false; error: TransitionError } {
	const t = TRANSITIONS[verb];
	if (t.from.includes(from)) return { ok: true, status: t.to(from) };
	if (from === 'closed' || from === 'dropped') return { ok: false, error: from };
	return { ok: false, error: verb === 'accept' ? 'not_reported' : 'wrong_status' };
}

/** The verbs that apply to an item in this state, before asking who may use them. */
export function verbsFrom(status: ActionStatus): Verb[] {
	return VERBS.filter((v) => TRANSITIONS[v].from.includes(status));
}

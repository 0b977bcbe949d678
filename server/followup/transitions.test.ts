import { describe, expect, it } from 'vitest';
import type { ActionStatus } from '../db/schema-followup';
import { nextStatus, verbsFrom } from './transitions';

const all: ActionStatus[] = ['open', 'in_progress', 'awaiting_report', 'closed', 'dropped'];

describe('the action-item lifecycle', () => {
	it('walks open → in progress → awaiting report-back → closed', () => {
		expect(nextStatus('start', 'open')).toEqual({ ok: true, status: 'in_progress' });
		expect(nextStatus('done', 'in_progress')).toEqual({ ok: true, status: 'awaiting_report' });
		expect(nextStatus('accept', 'awaiting_report')).toEqual({ ok: true, status: 'closed' });
	});

	it('closes only by accepting a report-back', () => {
		for (const from of all) {
			for (const verb of ['start', 'progress', 'done', 'report_back', 'carry_over', 'reassign', 'drop'] as const) {
				const r = nextStatus(verb, from);
				if (r.ok) expect(r.status).not.toBe('closed');
			}
		}
		expect(nextStatus('accept', 'in_progress')).toEqual({ ok: false, error: 'not_reported' });
		expect(nextStatus('accept', 'open')).toEqual({ ok: false, error: 'not_reported' });
	});

	it('keeps a carried-over item open and sends an unaccepted report back to work', () => {
		expect(nextStatus('carry_over', 'open')).toEqual({ ok: true, status: 'open' });
		expect(nextStatus('carry_over', 'awaiting_report')).toEqual({ ok: true, status: 'in_progress' });
		expect(nextStatus('progress', 'open')).toEqual({ ok: true, status: 'in_progress' });
	});

	it('refuses every change to a closed or dropped item, naming the state', () => {
		for (const verb of ['start', 'progress', 'done', 'report_back', 'accept', 'carry_over', 'reassign', 'drop'] as const) {
			expect(nextStatus(verb, 'closed')).toEqual({ ok: false, error: 'closed' });
			expect(nextStatus(verb, 'dropped')).toEqual({ ok: false, error: 'dropped' });
		}
		expect(verbsFrom('closed')).toEqual([]);
		expect(nextStatus('start', 'in_progress')).toEqual({ ok: false, error: 'wrong_status' });
		expect(nextStatus('done', 'awaiting_report')).toEqual({ ok: false, error: 'wrong_status' });
	});
});

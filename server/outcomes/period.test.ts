import { describe, expect, it } from 'vitest';
import { lastFullQuarter, parsePeriod, periodQuarter, quarterOf, quarterPeriod, recentQuarters } from './period';
import { bangkokToday } from '../../src/lib/calendar';

describe('report periods', () => {
	it('runs the fiscal year from 1 October: ไตรมาสที่ 1 is October to December', () => {
		expect(quarterPeriod('FY2570-Q1')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
		expect(quarterPeriod('FY2570-Q2')).toEqual({ start: '2027-01-01', end: '2027-03-31' });
		expect(quarterPeriod('FY2570-Q3')).toEqual({ start: '2027-04-01', end: '2027-06-30' });
		expect(quarterPeriod('FY2570-Q4')).toEqual({ start: '2027-07-01', end: '2027-09-30' });
		expect(quarterOf('2026-09-30')).toBe('FY2569-Q4');
		expect(quarterOf('2026-10-01')).toBe('FY2570-Q1');
		expect(quarterOf('2026-12-31')).toBe('FY2570-Q1');
		expect(quarterOf('2027-01-01')).toBe('FY2570-Q2');
		expect(periodQuarter({ start: '2026-10-01', end: '2026-12-31' })).toBe('FY2570-Q1');
		expect(periodQuarter({ start: '2026-10-01', end: '2026-12-30' })).toBeNull();
		expect(quarterPeriod('FY2570-Q0')).toBeNull();
	});

	it('reads Buddhist-year calendar quarters for a body that chose them', () => {
		expect(quarterPeriod('2569-Q1')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
		expect(quarterPeriod('2567-Q1')).toEqual({ start: '2024-01-01', end: '2024-03-31' });
		expect(quarterPeriod('2569-Q4')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
		expect(quarterPeriod('2569-Q0')).toBeNull();
		expect(quarterPeriod('2026-Q1')).toBeNull();
		expect(quarterOf('2026-11-29', 'calendar')).toBe('2569-Q4');
		expect(periodQuarter({ start: '2026-04-01', end: '2026-06-30' }, 'calendar')).toBe('2569-Q2');
		expect(periodQuarter({ start: '2026-04-01', end: '2026-06-30' })).toBe('FY2569-Q3');
		expect(periodQuarter({ start: '2026-04-01', end: '2026-06-29' }, 'calendar')).toBeNull();
	});

	it('offers the last full quarter first, across the turn of the fiscal and the calendar year', () => {
		expect(lastFullQuarter('2026-09-30')).toBe('FY2569-Q3');
		expect(lastFullQuarter('2026-10-01')).toBe('FY2569-Q4');
		expect(lastFullQuarter('2026-11-29')).toBe('FY2569-Q4');
		expect(lastFullQuarter('2027-01-01')).toBe('FY2570-Q1');
		expect(recentQuarters('2027-01-10', 3)).toEqual(['FY2570-Q1', 'FY2569-Q4', 'FY2569-Q3']);
		expect(lastFullQuarter('2026-11-29', 'calendar')).toBe('2569-Q3');
		expect(lastFullQuarter('2027-01-01', 'calendar')).toBe('2569-Q4');
		expect(recentQuarters('2026-02-10', 3, 'calendar')).toEqual(['2568-Q4', '2568-Q3', '2568-Q2']);
	});

	it('counts the day in Bangkok', () => {
		expect(bangkokToday(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01');
		expect(bangkokToday(new Date('2026-12-31T16:30:00Z'))).toBe('2026-12-31');
	});

	it('takes a year at most, ending today at the latest', () => {
		const today = '2026-11-29';
		expect(parsePeriod({ periodStart: '2024-02-29', periodEnd: '2025-02-28' }, today)).toMatchObject({ ok: true });
		expect(parsePeriod({ periodStart: '2025-11-29', periodEnd: '2026-11-28' }, today)).toMatchObject({ ok: true });
		expect(parsePeriod({ periodStart: '2025-11-29', periodEnd: '2026-11-29' }, today)).toEqual({ ok: false, errors: { periodEnd: 'period_too_long' } });
		expect(parsePeriod({ periodStart: '2026-11-29', periodEnd: '2026-11-29' }, today)).toMatchObject({ ok: true });
		expect(parsePeriod({ periodStart: '2026-11-29', periodEnd: '2026-11-30' }, today)).toEqual({ ok: false, errors: { periodEnd: 'in_future' } });
		expect(parsePeriod({ quarter: 42 }, today)).toEqual({ ok: false, errors: { quarter: 'invalid' } });
		expect(parsePeriod({ quarter: '2569-Q3' }, today)).toEqual({ ok: true, period: { start: '2026-07-01', end: '2026-09-30' } });
		expect(parsePeriod({ quarter: 'FY2569-Q4' }, today)).toEqual({ ok: true, period: { start: '2026-07-01', end: '2026-09-30' } });
		expect(parsePeriod({ quarter: 'FY2570-Q1' }, today)).toEqual({ ok: false, errors: { quarter: 'not_ended' } });
	});
});

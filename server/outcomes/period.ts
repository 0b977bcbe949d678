import * as v from '../validate';

/**
 * Report periods. The network counts in calendar quarters of the Buddhist
 * year: `2569-Q1` is January to March 2026. (The Thai fiscal year starts on
 * 1 October, so fiscal 2570 Q1 is calendar 2569-Q4; reports use the calendar.)
 */

export const BUDDHIST_OFFSET = 543;
const QUARTER = /^(\d{4})-Q([1-4])$/;

export interface Period {
	start: string;
	end: string;
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/** Today's date in Bangkok. */
export function bangkokToday(now = new Date()): string {
	return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The first and last day of a quarter such as `2569-Q1`, or null. */
export function quarterPeriod(quarter: string): Period | null {
	const m = QUARTER.exec(quarter);
	if (!m) return null;
	const year = Number(m[1]) - BUDDHIST_OFFSET;
	const q = Number(m[2]);
	if (year < 1900 || year > 2200) return null;
	return { start: iso(year, q * 3 - 2, 1), end: iso(year, q * 3 + 1, 0) };
}

/** The quarter a date falls in. */
export function quarterOf(date: string): string {
	const [y, mo] = date.split('-').map(Number) as [number, number];
	return `${y + BUDDHIST_OFFSET}-Q${Math.floor((mo - 1) / 3) + 1}`;
}

/** The quarter `n` quarters before (negative: after) the given one. */
export function shiftQuarter(quarter: string, n: number): string {
	const m = QUARTER.exec(quarter);
	if (!m) throw new RangeError(`not a quarter: ${quarter}`);
	const index = Number(m[1]) * 4 + Number(m[2]) - 1 - n;
	return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** The last quarter that has ended by `today`. */
export function lastFullQuarter(today: string): string {
	return shiftQuarter(quarterOf(today), 1);
}

/** The quarters a report can be prepared for: the last full one first, going back. */
export function recentQuarters(today: string, count = 8): string[] {
	const last = lastFullQuarter(today);
	return Array.from({ length: count }, (_, i) => shiftQuarter(last, i));
}

/** The quarter a period is exactly, if it is one. */
export function periodQuarter(p: Period): string | null {
	const q = quarterOf(p.start);
	const back = quarterPeriod(q);
	return back && back.start === p.start && back.end === p.end ? q : null;
}

export type PeriodInput = { quarter: unknown } | { periodStart: unknown; periodEnd: unknown };
export type PeriodResult = { ok: true; period: Period } | { ok: false; errors: Record<string, string> };

function addYears(date: string, years: number): string {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	return iso(y + years, m, d);
}

/**
 * A period from a quarter or from two dates: real dates, the end not before
 * the start, not after today, and at most a year long.
 */
export function parsePeriod(input: PeriodInput, today: string): PeriodResult {
	let period: Period;
	if ('quarter' in input) {
		const p = typeof input.quarter === 'string' ? quarterPeriod(input.quarter) : null;
		if (!p) return { ok: false, errors: { quarter: 'invalid' } };
		if (p.end > today) return { ok: false, errors: { quarter: 'not_ended' } };
		period = p;
	} else {
		const errors: Record<string, string> = {};
		const start = input.periodStart === '' || input.periodStart == null ? null : v.date(input.periodStart);
		const end = input.periodEnd === '' || input.periodEnd == null ? null : v.date(input.periodEnd);
		if (!start) errors.periodStart = 'required';
		else if (!start.ok) errors.periodStart = 'invalid';
		if (!end) errors.periodEnd = 'required';
		else if (!end.ok) errors.periodEnd = 'invalid';
		if (Object.keys(errors).length || !start?.ok || !end?.ok) return { ok: false, errors };
		period = { start: start.value, end: end.value };
		if (period.end < period.start) return { ok: false, errors: { periodEnd: 'before_start' } };
		if (period.end > today) return { ok: false, errors: { periodEnd: 'in_future' } };
		if (period.end >= addYears(period.start, 1)) return { ok: false, errors: { periodEnd: 'period_too_long' } };
	}
	return { ok: true, period };
}

import { BUDDHIST_OFFSET } from '../../src/lib/calendar';
import * as v from 'valibot';
import * as field from '../validate';

/**
 * Report periods. Government reporting runs on the fiscal year, 1 October to
 * 30 September, named by the Buddhist year it ends in: `FY2570-Q1` is October
 * to December 2569 (2026). A body may report in calendar quarters instead:
 * `2569-Q1` is January to March 2569.
 */

const QUARTER = /^(FY)?(\d{4})-Q([1-4])$/;

export const QUARTER_SCHEMES = ['fiscal', 'calendar'] as const;
export type QuarterScheme = (typeof QUARTER_SCHEMES)[number];

export interface Period {
	start: string;
	end: string;
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/** A quarter's scheme, Buddhist year and number, or null when it is not one. */
export function parseQuarter(quarter: string): { scheme: QuarterScheme; year: number; q: number } | null {
	const m = QUARTER.exec(quarter);
	if (!m) return null;
	return { scheme: m[1] ? 'fiscal' : 'calendar', year: Number(m[2]), q: Number(m[3]) };
}

const name = (scheme: QuarterScheme, year: number, q: number) => `${scheme === 'fiscal' ? 'FY' : ''}${year}-Q${q}`;

/** The first and last day of a quarter such as `FY2570-Q1` or `2569-Q1`, or null. */
export function quarterPeriod(quarter: string): Period | null {
	const p = parseQuarter(quarter);
	if (!p) return null;
	// Fiscal quarters start three months before the calendar quarter of the same number.
	const year = p.year - BUDDHIST_OFFSET - (p.scheme === 'fiscal' && p.q === 1 ? 1 : 0);
	if (year < 1900 || year > 2200) return null;
	const firstMonth = p.scheme === 'fiscal' ? ((p.q + 2) % 4) * 3 + 1 : p.q * 3 - 2;
	return { start: iso(year, firstMonth, 1), end: iso(year, firstMonth + 3, 0) };
}

/** The quarter a date falls in. */
export function quarterOf(date: string, scheme: QuarterScheme = 'fiscal'): string {
	const [y, mo] = date.split('-').map(Number) as [number, number];
	const calendar = Math.floor((mo - 1) / 3) + 1;
	if (scheme === 'calendar') return name('calendar', y + BUDDHIST_OFFSET, calendar);
	return name('fiscal', y + BUDDHIST_OFFSET + (calendar === 4 ? 1 : 0), (calendar % 4) + 1);
}

/** The quarter `n` quarters before (negative: after) the given one, in the same scheme. */
export function shiftQuarter(quarter: string, n: number): string {
	const p = parseQuarter(quarter);
	if (!p) throw new RangeError(`not a quarter: ${quarter}`);
	const index = p.year * 4 + p.q - 1 - n;
	return name(p.scheme, Math.floor(index / 4), (index % 4) + 1);
}

/** The last quarter that has ended by `today`. */
export function lastFullQuarter(today: string, scheme: QuarterScheme = 'fiscal'): string {
	return shiftQuarter(quarterOf(today, scheme), 1);
}

/** The quarters a report can be prepared for: the last full one first, going back. */
export function recentQuarters(today: string, count = 8, scheme: QuarterScheme = 'fiscal'): string[] {
	const last = lastFullQuarter(today, scheme);
	return Array.from({ length: count }, (_, i) => shiftQuarter(last, i));
}

/** The quarter a period is exactly, if it is one, named in the body's scheme. */
export function periodQuarter(p: Period, scheme: QuarterScheme = 'fiscal'): string | null {
	const q = quarterOf(p.start, scheme);
	const back = quarterPeriod(q);
	return back && back.start === p.start && back.end === p.end ? q : null;
}

const QuarterInput = v.object({
	quarter: field.checkedBy((q): field.Checked<Period> => {
		const p = typeof q === 'string' ? quarterPeriod(q) : null;
		return p ? { ok: true, value: p } : { ok: false, error: 'invalid' };
	})
});
const DatesInput = v.object({ periodStart: field.required(field.date), periodEnd: field.required(field.date) });
export type PeriodInput = v.InferInput<typeof QuarterInput> | v.InferInput<typeof DatesInput>;
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
		const { values, errors } = field.parse(QuarterInput, input);
		if (errors.quarter) return { ok: false, errors: { quarter: errors.quarter } };
		if (values.quarter.end > today) return { ok: false, errors: { quarter: 'not_ended' } };
		period = values.quarter;
	} else {
		const { values, errors } = field.parse(DatesInput, input);
		if (Object.keys(errors).length) return { ok: false, errors: errors as Record<string, string> };
		period = { start: values.periodStart, end: values.periodEnd };
		if (period.end < period.start) return { ok: false, errors: { periodEnd: 'before_start' } };
		if (period.end > today) return { ok: false, errors: { periodEnd: 'in_future' } };
		if (period.end >= addYears(period.start, 1)) return { ok: false, errors: { periodEnd: 'period_too_long' } };
	}
	return { ok: true, period };
}

import type { Cadence } from '../db/schema';
import { bangkokAt } from '../../src/lib/calendar';

export type RepeatPattern = 'nth_weekday' | 'same_day';

const monthsPer: Record<Cadence, number> = { monthly: 1, bimonthly: 2, quarterly: 3, as_needed: 1 };

/** Which occurrence of its weekday a day is in its month: 1 for the first Tuesday, 5 → "last". */
function nthOfMonth(day: number): number {
	return Math.ceil(day / 7);
}

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * The dates (`YYYY-MM-DD`) of a series following a body's cadence, starting on
 * `first`. "nth_weekday" keeps e.g. the first Tuesday (a fifth weekday becomes
 * the last); "same_day" keeps the day of the month, clamped to its length.
 */
export function seriesDates(first: string, cadence: Cadence, pattern: RepeatPattern, count: number): string[] {
	const [y, m, d] = first.split('-').map(Number) as [number, number, number];
	const start = new Date(Date.UTC(y, m - 1, d));
	const weekday = start.getUTCDay();
	const nth = nthOfMonth(d);
	const out: string[] = [];
	for (let i = 0; i < count; i++) {
		const total = m - 1 + i * monthsPer[cadence];
		const year = y + Math.floor(total / 12);
		const month = total % 12;
		let day: number;
		if (pattern === 'same_day') {
			day = Math.min(d, daysInMonth(year, month));
		} else {
			const firstWeekday = new Date(Date.UTC(year, month, 1)).getUTCDay();
			day = 1 + ((weekday - firstWeekday + 7) % 7) + (Math.min(nth, 5) - 1) * 7;
			while (day > daysInMonth(year, month)) day -= 7;
		}
		out.push(new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10));
	}
	return out;
}

/** A Bangkok wall-clock date and time as an instant. */
export function bangkokInstant(date: string, time: string): Date {
	return bangkokAt(date, time);
}

import { addDays, bangkokDate, bangkokHour, bangkokInstant } from '../../src/lib/calendar';

/** Whether `hour` falls in quiet hours [from, to), which may wrap past midnight. */
export function inQuiet(hour: number, from: number | null, to: number | null): boolean {
	if (from === null || to === null || from === to) return false;
	return from < to ? hour >= from && hour < to : hour >= from || hour < to;
}

/** The earliest instant from `now` outside quiet hours. */
export function afterQuiet(now: Date, from: number | null, to: number | null): Date {
	if (!inQuiet(bangkokHour(now), from, to)) return now;
	const today = bangkokDate(now);
	const end = bangkokInstant(today, to!);
	return end > now ? end : bangkokInstant(addDays(today, 1), to!);
}

/**
 * The digest that `now` falls after: today's `hour` in Bangkok once it has come,
 * otherwise yesterday's. What arrives after it waits for the next one.
 */
export function lastDigestAt(now: Date, hour: number): Date {
	const today = bangkokDate(now);
	const at = bangkokInstant(today, hour);
	return at <= now ? at : bangkokInstant(addDays(today, -1), hour);
}

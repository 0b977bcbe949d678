/**
 * The network's calendar: Bangkok time and the Buddhist era. Every "today",
 * midnight and year conversion goes through here; display formatting (with
 * Intl's Buddhist calendar) lives in `format.ts`.
 *
 * Bangkok keeps UTC+7 all year (no daylight saving), so its dates and hours
 * are plain arithmetic on instants. Dates are ISO strings `YYYY-MM-DD`.
 */

export const TIME_ZONE = 'Asia/Bangkok';
const OFFSET_MS = 7 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The Buddhist era (พ.ศ.) runs 543 years ahead of the Gregorian. */
export const BUDDHIST_OFFSET = 543;

/** The Bangkok date of an instant (today by default). */
export function bangkokToday(at: Date = new Date()): string {
	return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The Bangkok date of an instant. */
export const bangkokDate = (at: Date): string => bangkokToday(at);

/** The Bangkok wall-clock hour (0–23) of an instant. */
export const bangkokHour = (at: Date): number => new Date(at.getTime() + OFFSET_MS).getUTCHours();

/** The Bangkok wall-clock date and time of an instant, `YYYY-MM-DDTHH:MM`. */
export const bangkokDateTime = (at: Date): string => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 16);

/**
 * An instant moved so that its UTC fields read Bangkok's wall clock, for
 * formats that have no time zone (a spreadsheet cell).
 */
export const bangkokWallClock = (at: Date): Date => new Date(at.getTime() + OFFSET_MS);

/** The instant a Bangkok date starts, or the start of the day `plusDays` later. */
export const bangkokMidnight = (date: string, plusDays = 0): Date => new Date(Date.parse(`${date}T00:00:00Z`) + plusDays * DAY_MS - OFFSET_MS);

/** The instant of a Bangkok date's given hour. */
export const bangkokInstant = (date: string, hour: number): Date => new Date(bangkokMidnight(date).getTime() + hour * 3600_000);

/** The instant of a Bangkok date and wall-clock time `HH:MM`. */
export function bangkokAt(date: string, time: string): Date {
	const [h, m] = time.split(':').map(Number);
	return new Date(bangkokMidnight(date).getTime() + ((h ?? 0) * 60 + (m ?? 0)) * 60_000);
}

/** A date `days` later (or earlier, when negative). */
export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Whole days from one date to another. */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** A Gregorian year in the Buddhist era. */
export const toBuddhistYear = (year: number): number => year + BUDDHIST_OFFSET;

/** A Buddhist-era year in the Gregorian calendar. */
export const fromBuddhistYear = (year: number): number => year - BUDDHIST_OFFSET;

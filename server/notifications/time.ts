/** Bangkok has no daylight saving: UTC+7 all year, so its dates and hours are plain arithmetic. */
const OFFSET_MS = 7 * 3600_000;
const DAY_MS = 24 * 3600_000;

export const bangkokDate = (at: Date): string => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
export const bangkokHour = (at: Date): number => new Date(at.getTime() + OFFSET_MS).getUTCHours();

export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** The instant a Bangkok date's given hour starts. */
export const bangkokInstant = (date: string, hour: number): Date => new Date(Date.parse(`${date}T00:00:00Z`) + hour * 3600_000 - OFFSET_MS);

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

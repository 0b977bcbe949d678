import type { Locale } from '$lib/paraglide/runtime';

/**
 * Dates as people in Thailand write them: day, Thai month name, Buddhist-era
 * year (พ.ศ. = ค.ศ. + 543). The form still sends ISO `yyyy-mm-dd` (Bangkok
 * calendar day), so every server check stays as it is.
 */
import { BUDDHIST_OFFSET as BE_OFFSET } from './calendar';
import { dateFormat, intlLocale } from './format';

export interface DateParts {
	day: string;
	month: string;
	/** As typed: a Buddhist-era year in Thai, a Gregorian one in English. */
	year: string;
}

export type DateProblem = 'required' | 'incomplete' | 'year' | 'impossible' | 'too_early' | 'too_late';

/** The month names of a locale, January first, from the same Intl calendar the rest of the app formats with. */
export function monthNames(locale: Locale): string[] {
	const f = dateFormat(intlLocale[locale], { month: 'long', timeZone: 'UTC' });
	return Array.from({ length: 12 }, (_, i) => f.format(Date.UTC(2024, i, 15)));
}

export function partsOf(iso: string | null | undefined, locale: Locale): DateParts {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
	if (!m) return { day: '', month: '', year: '' };
	const year = Number(m[1]) + (locale === 'th' ? BE_OFFSET : 0);
	return { day: String(Number(m[3])), month: String(Number(m[2])), year: String(year) };
}

/**
 * The ISO date the parts name, or why they name none. A Thai year below 2400
 * is almost surely a Gregorian year typed by habit: refused rather than read
 * as a date five centuries ago.
 */
export function isoOf(
	p: DateParts,
	locale: Locale,
	bounds: { min?: string; max?: string } = {}
): { ok: true; value: string } | { ok: false; problem: DateProblem } {
	const filled = [p.day, p.month, p.year].filter((x) => x.trim() !== '').length;
	if (filled === 0) return { ok: false, problem: 'required' };
	if (filled < 3) return { ok: false, problem: 'incomplete' };
	const typed = p.year.trim().replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
	if (!/^\d{4}$/.test(typed)) return { ok: false, problem: 'year' };
	const year = Number(typed) - (locale === 'th' ? BE_OFFSET : 0);
	if (year < 1900 || year > 2200) return { ok: false, problem: 'year' };
	const month = Number(p.month);
	const day = Number(p.day);
	const d = new Date(Date.UTC(year, month - 1, day));
	if (!(month >= 1 && month <= 12) || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
		return { ok: false, problem: 'impossible' };
	}
	const value = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
	if (bounds.min && value < bounds.min) return { ok: false, problem: 'too_early' };
	if (bounds.max && value > bounds.max) return { ok: false, problem: 'too_late' };
	return { ok: true, value };
}

import type { Locale } from '$lib/paraglide/runtime';

import { TIME_ZONE } from './calendar';

export { TIME_ZONE };

// Thai shows the Buddhist era (พ.ศ.), English the Gregorian calendar.
export const intlLocale: Record<Locale, string> = {
	th: 'th-TH-u-ca-buddhist',
	en: 'en-GB-u-ca-gregory'
};

/*
 * Building an Intl formatter costs far more than formatting with one (a page
 * of a hundred dates spent most of its render time building them), so each
 * locale-and-options pair is built once and kept.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** The shared formatter for a locale tag and options; the options are part of the key, so keep them literal. */
export function dateFormat(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${tag}|${JSON.stringify(options)}`;
	let f = dateFormats.get(key);
	if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(tag, options)));
	return f;
}

export function formatDate(value: Date | string, locale: Locale): string {
	return dateFormat(intlLocale[locale], { dateStyle: 'long', timeZone: TIME_ZONE }).format(new Date(value));
}

export function formatDateTime(value: Date | string, locale: Locale): string {
	return dateFormat(intlLocale[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(new Date(value));
}

/** Hours and minutes on a Bangkok clock. */
export function formatTime(value: Date | number, locale: Locale): string {
	return dateFormat(intlLocale[locale], { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }).format(value);
}

export function formatNumber(value: number, locale: Locale): string {
	let f = numberFormats.get(locale);
	if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(intlLocale[locale])));
	return f.format(value);
}

import type { Locale } from '$lib/paraglide/runtime';

import { TIME_ZONE } from './calendar';

export { TIME_ZONE };

// Thai shows the Buddhist era (พ.ศ.), English the Gregorian calendar.
const intlLocale: Record<Locale, string> = {
	th: 'th-TH-u-ca-buddhist',
	en: 'en-GB-u-ca-gregory'
};

export function formatDate(value: Date | string, locale: Locale): string {
	return new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'long', timeZone: TIME_ZONE }).format(new Date(value));
}

export function formatDateTime(value: Date | string, locale: Locale): string {
	return new Intl.DateTimeFormat(intlLocale[locale], {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: TIME_ZONE
	}).format(new Date(value));
}

export function formatNumber(value: number, locale: Locale): string {
	return new Intl.NumberFormat(intlLocale[locale]).format(value);
}

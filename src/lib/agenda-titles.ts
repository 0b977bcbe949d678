import type { Locale } from '$lib/paraglide/runtime';

/**
 * How an agenda item's title is shown: as stored (Thai, the minutes'
 * language), or in English where the agenda it came from has an English name
 * for that very title (`english`, Thai title to English, from the server).
 */
export function agendaTitleIn(locale: Locale, english: Record<string, string>): (title: string) => string {
	return (title) => (locale === 'en' ? (english[title] ?? title) : title);
}

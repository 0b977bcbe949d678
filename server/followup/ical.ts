/**
 * iCalendar (RFC 5545) output: CRLF line ends, content lines folded at 75
 * octets without splitting a UTF-8 character, TEXT values escaped, times in
 * UTC and whole-day events as VALUE=DATE.
 */

export interface CalendarEvent {
	uid: string;
	summary: string;
	description?: string;
	location?: string;
	url?: string;
	/** A timed event starts at an instant; an all-day event on a `YYYY-MM-DD` date. */
	start: Date | string;
	/** Exclusive end; defaults to one hour after a timed start or the day after an all-day one. */
	end?: Date | string;
	status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
	lastModified?: Date;
}

export interface Calendar {
	name: string;
	events: CalendarEvent[];
	/** The DTSTAMP of every event: when this feed was produced. */
	now: Date;
}

const CRLF = '\r\n';
const encoder = new TextEncoder();

/**
 * Escapes a TEXT value (RFC 5545 §3.3.11). Control characters other than tab
 * and line ends, lone surrogates and U+FFFE/U+FFFF have no place in TEXT and
 * make strict parsers refuse the whole calendar: they are dropped.
 */
export function escapeText(value: string): string {
	return value
		.replace(/[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line into chunks of at most 75 octets, continuation lines starting with a space (§3.1). */
export function foldLine(line: string): string {
	if (encoder.encode(line).length <= 75) return line;
	const parts: string[] = [];
	let current = '';
	let octets = 0;
	// The first line holds 75 octets; each continuation holds 74 after its leading space.
	let limit = 75;
	for (const ch of line) {
		const size = encoder.encode(ch).length;
		if (octets + size > limit) {
			parts.push(current);
			current = '';
			octets = 0;
			limit = 74;
		}
		current += ch;
		octets += size;
	}
	parts.push(current);
	return parts.join(`${CRLF} `);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYYMMDDTHHMMSSZ` */
export function utcStamp(d: Date): string {
	return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** `YYYY-MM-DD` → `YYYYMMDD` */
export function dateValue(date: string): string {
	return date.replace(/-/g, '');
}

export function nextDay(date: string): string {
	return new Date(Date.parse(`${date}T00:00:00Z`) + 24 * 3600_000).toISOString().slice(0, 10);
}

function eventLines(e: CalendarEvent, now: Date): string[] {
	const allDay = typeof e.start === 'string';
	const lines = ['BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${utcStamp(now)}`];
	if (allDay) {
		const start = e.start as string;
		const end = typeof e.end === 'string' && e.end > start ? e.end : nextDay(start);
		lines.push(`DTSTART;VALUE=DATE:${dateValue(start)}`, `DTEND;VALUE=DATE:${dateValue(end)}`);
		lines.push('TRANSP:TRANSPARENT');
	} else {
		const start = e.start as Date;
		// A meeting closed before its planned start still ends where it starts, never before (RFC 5545 §3.6.1).
		const end = e.end instanceof Date ? new Date(Math.max(e.end.getTime(), start.getTime())) : new Date(start.getTime() + 3600_000);
		lines.push(`DTSTART:${utcStamp(start)}`, `DTEND:${utcStamp(end)}`);
	}
	lines.push(`SUMMARY:${escapeText(e.summary)}`);
	if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
	if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
	if (e.url) lines.push(`URL:${uriValue(e.url)}`);
	if (e.status) lines.push(`STATUS:${e.status}`);
	if (e.lastModified) lines.push(`LAST-MODIFIED:${utcStamp(e.lastModified)}`);
	lines.push('END:VEVENT');
	return lines;
}

/** A URI value carries no raw non-ASCII, spaces or controls: they are percent-encoded. */
function uriValue(url: string): string {
	return url.replace(/[^\x21-\x7e]/gu, (c) => (/[\ud800-\udfff]/.test(c) ? '' : encodeURIComponent(c)));
}

/**
 * The host part of this instance's UIDs: the first ORIGIN's host, else the
 * address the server listens on, never the host a request names (one person
 * subscribing through two host names would see every event twice). Meeting
 * invitations by mail take the same identity, so calendars merge the two.
 */
export function instanceHost(env: NodeJS.ProcessEnv = process.env): string {
	const origin = (env.ORIGIN ?? '')
		.split(',')
		.map((s) => s.trim())
		.find(Boolean);
	if (origin) {
		try {
			return new URL(origin).host;
		} catch {
			// A malformed ORIGIN falls through to the listening address.
		}
	}
	const host = !env.HOST || env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
	return new URL(`http://${host}:${env.PORT || 3000}`).host;
}

/**
 * A strong validator for a feed: the text without its DTSTAMP lines, which
 * say only when the feed was produced, so an unchanged calendar keeps its tag.
 */
export async function feedEtag(text: string): Promise<string> {
	const stable = text.replace(/\r\nDTSTAMP:[0-9TZ]+/g, '');
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(stable));
	return `"${Buffer.from(digest).toString('base64url').slice(0, 32)}"`;
}

export function toICalendar(cal: Calendar): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Concord//Follow-up calendar//TH',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${escapeText(cal.name)}`,
		...cal.events.flatMap((e) => eventLines(e, cal.now)),
		'END:VCALENDAR'
	];
	return lines.map(foldLine).join(CRLF) + CRLF;
}

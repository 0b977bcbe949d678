import { escapeText, foldLine, utcStamp } from '../followup/ical';

/**
 * A meeting invitation (RFC 5546 iTIP): METHOD:REQUEST with the meeting's
 * UID, the same UID as the calendar feed, so calendars merge rather than
 * duplicate; every change goes out with a higher SEQUENCE, and a cancellation
 * as METHOD:CANCEL, which calendars apply only to a SEQUENCE they have not seen.
 */

export interface Invitation {
	method: 'REQUEST' | 'CANCEL';
	uid: string;
	sequence: number;
	summary: string;
	description: string;
	start: Date;
	end: Date | null;
	location: string | null;
	url: string;
	organizer: string;
	attendee: { email: string; name: string };
	now: Date;
}

const CRLF = '\r\n';

export function invitationIcs(i: Invitation): string {
	const end = i.end && i.end > i.start ? i.end : new Date(i.start.getTime() + 2 * 3600_000);
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Concord//Meeting invitation//TH',
		'CALSCALE:GREGORIAN',
		`METHOD:${i.method}`,
		'BEGIN:VEVENT',
		`UID:${i.uid}`,
		`SEQUENCE:${i.sequence}`,
		`DTSTAMP:${utcStamp(i.now)}`,
		`DTSTART:${utcStamp(i.start)}`,
		`DTEND:${utcStamp(end)}`,
		`SUMMARY:${escapeText(i.summary)}`,
		`DESCRIPTION:${escapeText(i.description)}`,
		...(i.location ? [`LOCATION:${escapeText(i.location)}`] : []),
		`URL:${i.url}`,
		`ORGANIZER:mailto:${i.organizer}`,
		`ATTENDEE;CN="${i.attendee.name.replace(/["\r\n]/g, '')}";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${i.attendee.email}`,
		`STATUS:${i.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
		'END:VEVENT',
		'END:VCALENDAR'
	];
	return lines.map(foldLine).join(CRLF) + CRLF;
}

import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, toICalendar } from './ical';

const octets = (s: string) => new TextEncoder().encode(s).length;

describe('the iCalendar feed format', () => {
	const now = new Date('2026-11-28T03:04:05.678Z');
	const text = toICalendar({
		name: 'Concord · งานของฉัน',
		now,
		events: [
			{
				uid: 'meeting-1@concord', summary: 'ประชุมคณะทำงานสหวิชาชีพอำเภอดอกคำใต้ ประจำเดือนธันวาคม 2569; วาระติดตามงาน, รายงานผล',
				start: new Date('2026-12-07T02:00:00Z'), end: new Date('2026-12-07T05:00:00Z'), location: 'ห้องประชุมที่ว่าการอำเภอดอกคำใต้',
				description: 'บรรทัดแรก\nบรรทัดสอง \\ ท้าย', url: 'https://concord.example.org/meetings/1'
			},
			{ uid: 'action-2@concord', summary: 'กำหนดส่ง: ตรวจสอบสถานบริการ', start: '2026-12-31', status: 'CONFIRMED' },
			{ uid: 'meeting-3@concord', summary: 'Cancelled', start: new Date('2027-01-04T02:00:00Z'), status: 'CANCELLED' }
		]
	});
	const physical = text.split('\r\n');

	it('ends every line with CRLF and folds none longer than 75 octets', () => {
		expect(text.endsWith('\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		for (const line of physical) expect(octets(line)).toBeLessThanOrEqual(75);
		expect(physical.some((l) => l.startsWith(' '))).toBe(true);
	});

	it('unfolds back to the escaped values, never splitting a Thai character', () => {
		const unfolded = text.replace(/\r\n /g, '');
		expect(unfolded).toContain('SUMMARY:ประชุมคณะทำงานสหวิชาชีพอำเภอดอกคำใต้ ประจำเดือนธันวาคม 2569\\; วาระติดตามงาน\\, รายงานผล\r\n');
		expect(unfolded).toContain('DESCRIPTION:บรรทัดแรก\\nบรรทัดสอง \\\\ ท้าย\r\n');
		expect(text).not.toContain('\uFFFD');
		for (const line of physical) expect(() => new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(line))).not.toThrow();
	});

	it('writes a calendar with UIDs, a DTSTAMP, UTC times and whole-day due dates', () => {
		const unfolded = text.replace(/\r\n /g, '').split('\r\n');
		expect(unfolded.slice(0, 5)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Concord//Follow-up calendar//TH', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH']);
		expect(unfolded.at(-2)).toBe('END:VCALENDAR');
		expect(unfolded.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(3);
		expect(unfolded.filter((l) => l === 'DTSTAMP:20261128T030405Z')).toHaveLength(3);
		expect(unfolded).toContain('UID:meeting-1@concord');
		expect(unfolded).toContain('DTSTART:20261207T020000Z');
		expect(unfolded).toContain('DTEND:20261207T050000Z');
		expect(unfolded).toContain('DTSTART;VALUE=DATE:20261231');
		expect(unfolded).toContain('DTEND;VALUE=DATE:20270101');
		expect(unfolded).toContain('DTEND:20270104T030000Z');
		expect(unfolded).toContain('STATUS:CANCELLED');
	});

	it('escapes backslashes, semicolons, commas and newlines', () => {
		expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
	});

	it('folds at exactly 75 octets and continues with one space', () => {
		const line = `SUMMARY:${'x'.repeat(200)}`;
		const parts = foldLine(line).split('\r\n');
		expect(parts.map(octets)).toEqual([75, 75, 60]);
		expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
		expect(foldLine('SHORT:ok')).toBe('SHORT:ok');
	});
});

import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { escapeText, feedEtag, foldLine, instanceHost, toICalendar } from './ical';

const octets = (s: string) => new TextEncoder().encode(s).length;

describe('the iCalendar feed format', () => {
	const now = new Date('2026-11-28T03:04:05.678Z');
	const text = toICalendar({
		name: 'Concord · งานของฉัน',
		now,
		events: [
			{
				uid: 'meeting-1@concord',
				summary: 'ประชุมคณะทำงานสหวิชาชีพอำเภอดอกคำใต้ ประจำเดือนธันวาคม 2569; วาระติดตามงาน, รายงานผล',
				start: new Date('2026-12-07T02:00:00Z'),
				end: new Date('2026-12-07T05:00:00Z'),
				location: 'ห้องประชุมที่ว่าการอำเภอดอกคำใต้',
				description: 'บรรทัดแรก\nบรรทัดสอง \\ ท้าย',
				url: 'https://concord.example.org/meetings/1'
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
	});

	it('folds between characters even where one takes two UTF-16 units, so the octets round-trip', () => {
		// Seventy-three ASCII octets, then emoji of four octets each: a fold by UTF-16 units would split a surrogate pair.
		const line = `DESCRIPTION:${'x'.repeat(61)}${'🙂'.repeat(40)}`;
		const folded = foldLine(line);
		expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(folded))).toBe(folded);
		expect(folded.replace(/\r\n /g, '')).toBe(line);
		for (const physicalLine of folded.split('\r\n')) expect(octets(physicalLine)).toBeLessThanOrEqual(75);
	});

	it('writes a calendar with UIDs, a DTSTAMP, UTC times and whole-day due dates', () => {
		const unfolded = text.replace(/\r\n /g, '').split('\r\n');
		expect(unfolded.slice(0, 5)).toEqual([
			'BEGIN:VCALENDAR',
			'VERSION:2.0',
			'PRODID:-//Concord//Follow-up calendar//TH',
			'CALSCALE:GREGORIAN',
			'METHOD:PUBLISH'
		]);
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
		expect(escapeText('ก\u0000ข\u0008ค\u007fง\uffffจ\ud800ฉ\tช')).toBe('กขคงจฉ\tช');
	});

	it('folds at exactly 75 octets and continues with one space', () => {
		const line = `SUMMARY:${'x'.repeat(200)}`;
		const parts = foldLine(line).split('\r\n');
		expect(parts.map(octets)).toEqual([75, 75, 60]);
		expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
		expect(foldLine('SHORT:ok')).toBe('SHORT:ok');
	});
});

describe('the calendar feed as calendar apps read it', () => {
	const feed = (now: Date) =>
		toICalendar({
			name: 'Concord',
			now,
			events: [
				{ uid: 'meeting-a@concord.example.org', summary: 'ปิดก่อนเวลา', start: new Date('2026-12-07T02:00:00Z'), end: new Date('2026-12-07T01:30:00Z') },
				{ uid: 'action-b@concord.example.org', summary: 'กำหนดส่ง', start: '2026-12-31', end: '2026-12-30' },
				{
					uid: 'meeting-c@concord.example.org',
					summary: 'ออนไลน์',
					start: new Date('2026-12-08T02:00:00Z'),
					url: 'https://meet.example.org/ห้อง ประชุม',
					description: 'https://meet.example.org/ห้อง ประชุม'
				}
			]
		});
	const events = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

	it('never ends an event before it starts', () => {
		for (const e of events(feed(new Date()))) expect(e.endDate.compare(e.startDate), e.summary).toBeGreaterThanOrEqual(0);
		const [early, due] = events(feed(new Date()));
		expect(early!.endDate.toJSDate().toISOString()).toBe('2026-12-07T02:00:00.000Z');
		expect(due!.endDate.toString()).toBe('2027-01-01');
	});

	it('gives the online link as the event URL, percent-encoded, and in the description', () => {
		const online = events(feed(new Date()))[2]!;
		expect(online.component.getFirstPropertyValue('url')).toBe(
			'https://meet.example.org/%E0%B8%AB%E0%B9%89%E0%B8%AD%E0%B8%87%20%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%8A%E0%B8%B8%E0%B8%A1'
		);
		expect(online.description).toContain('https://meet.example.org/ห้อง ประชุม');
	});

	it('keeps its tag while nothing changes but the time it was produced, and changes it when an event does', async () => {
		const a = await feedEtag(feed(new Date('2026-12-01T00:00:00Z')));
		expect(await feedEtag(feed(new Date('2026-12-02T08:00:00Z')))).toBe(a);
		expect(a).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
		expect(await feedEtag(feed(new Date()).replace('ปิดก่อนเวลา', 'เลื่อน'))).not.toBe(a);
	});

	it('takes its UIDs from the instance, whatever host a request names', () => {
		expect(instanceHost({ ORIGIN: 'https://concord.example.org, https://alias.example.org' })).toBe('concord.example.org');
		expect(instanceHost({ HOST: '0.0.0.0', PORT: '3000' })).toBe('localhost:3000');
		expect(instanceHost({ HOST: 'concord.internal', PORT: '8080' })).toBe('concord.internal:8080');
		expect(instanceHost({ ORIGIN: 'not a url', HOST: 'concord.internal' })).toBe('concord.internal:3000');
	});
});

import { describe, expect, it } from 'vitest';
import { dateFormat, formatDate, formatNumber, formatTime } from './format';

describe('dates', () => {
	it('shows the Buddhist era in Thai and the Gregorian year in English', () => {
		const d = new Date('2026-11-28T03:00:00Z');
		expect(formatDate(d, 'th')).toContain('2569');
		expect(formatDate(d, 'th')).toContain('พฤศจิกายน');
		expect(formatDate(d, 'en')).toBe('28 November 2026');
	});

	it('uses Bangkok time, so a late-evening UTC time is the next day', () => {
		expect(formatDate(new Date('2026-11-28T20:00:00Z'), 'en')).toBe('29 November 2026');
	});
});

describe('formatters are built once', () => {
	it('gives the same formatter for the same locale and options, and another for other options', () => {
		const a = dateFormat('th-TH-u-ca-buddhist', { month: 'long', timeZone: 'UTC' });
		expect(dateFormat('th-TH-u-ca-buddhist', { month: 'long', timeZone: 'UTC' })).toBe(a);
		expect(dateFormat('th-TH-u-ca-buddhist', { month: 'short', timeZone: 'UTC' })).not.toBe(a);
		expect(dateFormat('en-GB', { month: 'long', timeZone: 'UTC' })).not.toBe(a);
	});

	it('keeps English and Thai apart when one is used after the other', () => {
		const d = new Date('2026-11-28T03:00:00Z');
		expect(formatDate(d, 'en')).toBe('28 November 2026');
		expect(formatDate(d, 'th')).toContain('2569');
		expect(formatNumber(1234567, 'en')).toBe('1,234,567');
		expect(formatTime(d, 'en')).toBe('10:00');
		expect(formatTime(d, 'th')).toBe('10:00');
	});
});

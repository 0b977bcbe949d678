import { describe, expect, it } from 'vitest';
import { formatDate } from './format';

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

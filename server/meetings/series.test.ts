import { describe, expect, it } from 'vitest';
import { bangkokInstant, seriesDates } from './series';

describe('meeting series from a cadence', () => {
	it('keeps "the first Tuesday" month after month', () => {
		// 1 December 2026 is a Tuesday.
		expect(seriesDates('2026-12-01', 'monthly', 'nth_weekday', 4)).toEqual(['2026-12-01', '2027-01-05', '2027-02-02', '2027-03-02']);
	});
	it('moves a fifth weekday to the last one in shorter months', () => {
		// 29 December 2026 is the fifth Tuesday.
		expect(seriesDates('2026-12-29', 'monthly', 'nth_weekday', 2)).toEqual(['2026-12-29', '2027-01-26']);
	});
	it('steps by two or three months for bimonthly and quarterly bodies', () => {
		expect(seriesDates('2026-11-20', 'quarterly', 'same_day', 3)).toEqual(['2026-11-20', '2027-02-20', '2027-05-20']);
		expect(seriesDates('2026-01-31', 'bimonthly', 'same_day', 2)).toEqual(['2026-01-31', '2026-03-31']);
		expect(seriesDates('2026-01-31', 'monthly', 'same_day', 2)).toEqual(['2026-01-31', '2026-02-28']);
	});
	it('reads times as Bangkok wall-clock time', () => {
		expect(bangkokInstant('2026-12-01', '09:30').toISOString()).toBe('2026-12-01T02:30:00.000Z');
	});
});

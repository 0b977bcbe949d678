import { describe, expect, it } from 'vitest';
import {
	addDays,
	bangkokAt,
	bangkokDate,
	bangkokDateTime,
	bangkokHour,
	bangkokInstant,
	bangkokMidnight,
	bangkokToday,
	daysBetween,
	fromBuddhistYear,
	toBuddhistYear
} from './calendar';

describe('the network calendar', () => {
	it('takes the Bangkok date, which runs seven hours ahead of UTC', () => {
		expect(bangkokToday(new Date('2026-12-06T16:59:59Z'))).toBe('2026-12-06');
		expect(bangkokToday(new Date('2026-12-06T17:00:00Z'))).toBe('2026-12-07');
		expect(bangkokDate(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
		expect(bangkokHour(new Date('2026-12-06T17:30:00Z'))).toBe(0);
		expect(bangkokDateTime(new Date('2026-12-06T02:05:00Z'))).toBe('2026-12-06T09:05');
	});

	it('finds the instants of Bangkok midnights and wall-clock times', () => {
		expect(bangkokMidnight('2026-12-07').toISOString()).toBe('2026-12-06T17:00:00.000Z');
		expect(bangkokMidnight('2026-12-31', 1).toISOString()).toBe('2026-12-31T17:00:00.000Z');
		expect(bangkokInstant('2026-12-07', 9).toISOString()).toBe('2026-12-07T02:00:00.000Z');
		expect(bangkokAt('2026-12-07', '13:30').toISOString()).toBe('2026-12-07T06:30:00.000Z');
		expect(bangkokAt('2026-12-07', '00:00')).toEqual(bangkokMidnight('2026-12-07'));
	});

	it('counts days across months, years and a leap day', () => {
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
		expect(daysBetween('2026-12-06', '2027-01-05')).toBe(30);
		expect(daysBetween('2027-01-05', '2026-12-06')).toBe(-30);
	});

	it('converts years to and from the Buddhist era', () => {
		expect(toBuddhistYear(2026)).toBe(2569);
		expect(fromBuddhistYear(2570)).toBe(2027);
	});
});

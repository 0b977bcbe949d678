import { describe, expect, it } from 'vitest';
import { afterQuiet, inQuiet, lastDigestAt } from './time';
import { parseUnsubscribe, signUnsubscribe, verifyUnsubscribe } from './unsubscribe';
import { bangkokDate, bangkokHour } from '../../src/lib/calendar';

describe('quiet hours', () => {
	it('hold across midnight and release at their end, Bangkok time', () => {
		expect(inQuiet(23, 22, 6)).toBe(true);
		expect(inQuiet(5, 22, 6)).toBe(true);
		expect(inQuiet(6, 22, 6)).toBe(false);
		expect(inQuiet(12, 22, 6)).toBe(false);
		expect(inQuiet(12, null, null)).toBe(false);
		// 23:30 in Bangkok is 16:30 UTC; quiet until 06:00 Bangkok the next morning, 23:00 UTC.
		const late = new Date('2026-12-06T16:30:00Z');
		expect(bangkokHour(late)).toBe(23);
		expect(afterQuiet(late, 22, 6).toISOString()).toBe('2026-12-06T23:00:00.000Z');
		// 02:00 Bangkok: the same morning.
		const night = new Date('2026-12-06T19:00:00Z');
		expect(bangkokDate(night)).toBe('2026-12-07');
		expect(afterQuiet(night, 22, 6).toISOString()).toBe('2026-12-06T23:00:00.000Z');
		const noon = new Date('2026-12-06T05:00:00Z');
		expect(afterQuiet(noon, 22, 6)).toBe(noon);
	});
});

describe('the digest’s hour', () => {
	it('is today’s once it has come, and yesterday’s before, across midnight too', () => {
		// 22:15 Bangkok on the 6th (15:15 UTC).
		const evening = new Date('2026-12-06T15:15:00Z');
		expect(lastDigestAt(evening, 0).toISOString()).toBe('2026-12-05T17:00:00.000Z'); // 00:00 on the 6th
		expect(lastDigestAt(evening, 22).toISOString()).toBe('2026-12-06T15:00:00.000Z');
		expect(lastDigestAt(evening, 23).toISOString()).toBe('2026-12-05T16:00:00.000Z'); // 23:00 on the 5th
		// 00:15 on the 7th: midnight's digest has come.
		const pastMidnight = new Date('2026-12-06T17:15:00Z');
		expect(lastDigestAt(pastMidnight, 0).toISOString()).toBe('2026-12-06T17:00:00.000Z');
		expect(bangkokDate(lastDigestAt(pastMidnight, 7))).toBe('2026-12-06');
		// Exactly on the hour counts as come.
		expect(lastDigestAt(new Date('2026-12-06T00:00:00Z'), 7).toISOString()).toBe('2026-12-06T00:00:00.000Z');
	});
});

describe('unsubscribe links', () => {
	const user = '0b6f0c1e-1111-4000-8000-000000000000';
	it('name one person and one kind, and fail under another key or another kind', () => {
		const token = signUnsubscribe('key-a', user, 'overdue');
		const parsed = parseUnsubscribe(token)!;
		expect(parsed).toMatchObject({ userId: user, scope: 'overdue' });
		expect(verifyUnsubscribe('key-a', parsed)).toBe(true);
		expect(verifyUnsubscribe('key-b', parsed)).toBe(false);
		expect(verifyUnsubscribe('key-a', { ...parsed, scope: 'all' })).toBe(false);
		expect(parseUnsubscribe(`${user}.sign_in.${parsed.sig}`)).toBeNull();
		expect(parseUnsubscribe('nonsense')).toBeNull();
	});
});

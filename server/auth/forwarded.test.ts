import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { log } from '../log';
import { addressWarnings, FORWARDED_WITHOUT_ADDRESS_HEADER, noticeForwardedFor, resetForwardedWarning } from './forwarded';

describe('a proxy in front without ADDRESS_HEADER', () => {
	const lines: string[] = [];
	const previous = log.setSink((line) => lines.push(line));
	afterEach(() => {
		resetForwardedWarning();
		lines.length = 0;
	});
	afterAll(() => log.setSink(previous));

	it('warns once when requests carry X-Forwarded-For and the setting is unset', () => {
		const forwarded = new Headers({ 'x-forwarded-for': '203.0.113.9' });
		noticeForwardedFor(forwarded, {}, new Date('2026-05-01T00:00:00Z'));
		noticeForwardedFor(forwarded, {});
		expect(lines.filter((l) => l.includes('http.forwarded_without_address_header'))).toHaveLength(1);
		expect(addressWarnings()).toEqual([{ code: FORWARDED_WITHOUT_ADDRESS_HEADER, since: '2026-05-01T00:00:00.000Z' }]);
	});

	it('stays quiet when ADDRESS_HEADER is set or nothing is forwarded', () => {
		noticeForwardedFor(new Headers({ 'x-forwarded-for': '203.0.113.9' }), { ADDRESS_HEADER: 'x-forwarded-for' });
		noticeForwardedFor(new Headers(), {});
		expect(lines).toEqual([]);
		expect(addressWarnings()).toEqual([]);
	});
});

import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { log } from './log';

describe('structured log', () => {
	const lines: string[] = [];
	const previous = log.setSink((l) => lines.push(l));
	beforeEach(() => {
		lines.length = 0;
		log.setLevel('info');
	});
	afterAll(() => {
		log.setSink(previous);
		log.setLevel('warn');
	});

	it('writes one JSON object per event with time, level and event name', () => {
		log.info('meeting.opened', { meeting: 'm-1' });
		expect(lines).toHaveLength(1);
		const entry = JSON.parse(lines[0]!);
		expect(entry).toMatchObject({ level: 'info', event: 'meeting.opened', meeting: 'm-1' });
		expect(new Date(entry.time).toString()).not.toBe('Invalid Date');
	});

	it('never writes secrets, whatever a caller passes', () => {
		log.warn('auth.odd', { password: 'hunter2hunter2', sessionToken: 'abc', cookie: 'x', user: 'u-1' });
		const entry = JSON.parse(lines[0]!);
		expect(entry.password).toBe('[redacted]');
		expect(entry.sessionToken).toBe('[redacted]');
		expect(entry.cookie).toBe('[redacted]');
		expect(entry.user).toBe('u-1');
		expect(lines[0]).not.toContain('hunter2');
	});

	it('drops events below the configured level', () => {
		log.setLevel('warn');
		log.info('quiet');
		log.error('loud');
		expect(lines.map((l) => JSON.parse(l).event)).toEqual(['loud']);
	});
});

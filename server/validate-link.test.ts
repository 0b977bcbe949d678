import { describe, expect, it } from 'vitest';
import { check, link } from './validate';

describe('links typed into forms', () => {
	it('takes http and https links, normalised, and nothing for an empty field', () => {
		expect(check(link(), ' https://meet.example.org/room?id=7 ')).toEqual({ ok: true, value: 'https://meet.example.org/room?id=7' });
		expect(check(link(), 'HTTP://Example.org')).toEqual({ ok: true, value: 'http://example.org/' });
		expect(check(link(), '')).toEqual({ ok: true, value: null });
		expect(check(link(), undefined)).toEqual({ ok: true, value: null });
	});

	it('takes mailto only where the form allows it', () => {
		expect(check(link(), 'mailto:secretary@example.org')).toEqual({ ok: false, error: 'unsafe_link' });
		expect(check(link({ schemes: ['https:', 'mailto:'] }), 'mailto:secretary@example.org')).toEqual({ ok: true, value: 'mailto:secretary@example.org' });
	});

	it.each([
		'javascript:alert(1)',
		'JaVaScRiPt:alert(1)',
		'java\tscript:alert(1)',
		'data:text/html,<script>alert(1)</script>',
		'vbscript:msgbox(1)',
		'ftp://files.example.org/x',
		'/meetings/1',
		'//evil.example/x',
		'javascript&#58;alert(1)',
		'https://example.org/a b'
	])('refuses %j as unsafe_link', (value) => {
		expect(check(link(), value)).toEqual({ ok: false, error: 'unsafe_link' });
	});

	it('refuses what is not text or too long like any other field', () => {
		expect(check(link(), 42)).toEqual({ ok: false, error: 'invalid' });
		expect(check(link(), ' \u0001javascript:alert(1)')).toMatchObject({ ok: false });
		expect(check(link(), `https://example.org/${'a'.repeat(2000)}`)).toEqual({ ok: false, error: 'too_long' });
	});
});

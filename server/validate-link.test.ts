import { describe, expect, it } from 'vitest';
import { link } from './validate';

describe('links typed into forms', () => {
	it('takes http and https links, normalised, and nothing for an empty field', () => {
		expect(link(' https://meet.example.org/room?id=7 ')).toEqual({ ok: true, value: 'https://meet.example.org/room?id=7' });
		expect(link('HTTP://Example.org')).toEqual({ ok: true, value: 'http://example.org/' });
		expect(link('')).toEqual({ ok: true, value: null });
		expect(link(undefined)).toEqual({ ok: true, value: null });
	});

	it('takes mailto only where the form allows it', () => {
		expect(link('mailto:secretary@example.org')).toEqual({ ok: false, error: 'unsafe_link' });
		expect(link('mailto:secretary@example.org', { schemes: ['https:', 'mailto:'] })).toEqual({ ok: true, value: 'mailto:secretary@example.org' });
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
		expect(link(value)).toEqual({ ok: false, error: 'unsafe_link' });
	});

	it('refuses what is not text or too long like any other field', () => {
		expect(link(42)).toEqual({ ok: false, error: 'invalid' });
		expect(link(' \u0001javascript:alert(1)')).toMatchObject({ ok: false });
		expect(link(`https://example.org/${'a'.repeat(2000)}`)).toEqual({ ok: false, error: 'too_long' });
	});
});

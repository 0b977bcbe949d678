import { describe, expect, it } from 'vitest';
import * as v from './validate';

describe('text input', () => {
	it('keeps newlines and tabs in text, turning CRLF into LF', () => {
		expect(v.text('แจ้ง\r\nครั้งที่ 2\tแล้ว', { max: 100 })).toEqual({ ok: true, value: 'แจ้ง\nครั้งที่ 2\tแล้ว' });
	});
	it('refuses C0 and C1 control characters and DEL everywhere', () => {
		for (const bad of ['a\u0000b', 'a\u0007b', 'a\u001bb', 'a\u007fb', 'a\u0085b', 'a\u009bb']) {
			expect(v.text(bad, { max: 100 })).toEqual({ ok: false, error: 'control_character' });
			expect(v.line(bad, { max: 100 })).toEqual({ ok: false, error: 'control_character' });
		}
	});
	it('keeps a line to one line', () => {
		expect(v.line('ห้องประชุม\nชั้น 2', { max: 100 })).toEqual({ ok: false, error: 'control_character' });
		expect(v.line('ห้องประชุม\tชั้น 2', { max: 100 })).toEqual({ ok: false, error: 'control_character' });
		expect(v.line('  ห้องประชุมอำเภอ  ', { max: 100 })).toEqual({ ok: true, value: 'ห้องประชุมอำเภอ' });
	});
	it('still checks presence and length after control characters', () => {
		expect(v.line('   ', { required: true, max: 10 })).toEqual({ ok: false, error: 'required' });
		expect(v.line('ก'.repeat(11), { max: 10 })).toEqual({ ok: false, error: 'too_long' });
		expect(v.text(42, { max: 10 })).toEqual({ ok: false, error: 'invalid' });
	});
});

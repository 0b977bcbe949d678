import { describe, expect, it } from 'vitest';
import { nullish, object } from 'valibot';
import * as v from './validate';

describe('text input', () => {
	it('keeps newlines and tabs in text, turning CRLF into LF', () => {
		expect(v.check(v.text({ max: 100 }), 'แจ้ง\r\nครั้งที่ 2\tแล้ว')).toEqual({ ok: true, value: 'แจ้ง\nครั้งที่ 2\tแล้ว' });
	});
	it('refuses C0 and C1 control characters and DEL everywhere', () => {
		for (const bad of ['a\u0000b', 'a\u0007b', 'a\u001bb', 'a\u007fb', 'a\u0085b', 'a\u009bb']) {
			expect(v.check(v.text({ max: 100 }), bad)).toEqual({ ok: false, error: 'control_character' });
			expect(v.check(v.line({ max: 100 }), bad)).toEqual({ ok: false, error: 'control_character' });
		}
	});
	it('keeps a line to one line', () => {
		expect(v.check(v.line({ max: 100 }), 'ห้องประชุม\nชั้น 2')).toEqual({ ok: false, error: 'control_character' });
		expect(v.check(v.line({ max: 100 }), 'ห้องประชุม\tชั้น 2')).toEqual({ ok: false, error: 'control_character' });
		expect(v.check(v.line({ max: 100 }), '  ห้องประชุมอำเภอ  ')).toEqual({ ok: true, value: 'ห้องประชุมอำเภอ' });
	});
	it('still checks presence and length after control characters', () => {
		expect(v.check(v.line({ required: true, max: 10 }), '   ')).toEqual({ ok: false, error: 'required' });
		expect(v.check(v.line({ max: 10 }), 'ก'.repeat(11))).toEqual({ ok: false, error: 'too_long' });
		expect(v.check(v.text({ max: 10 }), 42)).toEqual({ ok: false, error: 'invalid' });
	});
});

describe('an input schema', () => {
	const Input = object({
		title: v.line({ required: true, max: 10 }),
		place: v.text({ max: 10 }),
		kind: nullish(v.oneOf(['regular', 'extraordinary']), 'regular'),
		areaId: v.optional(v.uuid, null),
		date: v.required(v.date),
		email: v.email
	});
	const id = '0F8FAD5B-D9CB-469F-A165-70867728950E';

	it('gives the values, typed and normalised, and no errors when every field passes', () => {
		expect(v.parse(Input, { title: ' ประชุม ', place: '', kind: null, areaId: id, date: '2025-02-28', email: ' A@Example.org ' })).toEqual({
			values: { title: 'ประชุม', place: '', kind: 'regular', areaId: id.toLowerCase(), date: '2025-02-28', email: 'a@example.org' },
			errors: {}
		});
	});

	it('names the first check each field fails, and keeps the fields that passed', () => {
		expect(v.parse(Input, { title: 'ก'.repeat(11), place: 'a\u0000', kind: 'case_conference', areaId: 'x', date: '2025-02-30', email: 'no' })).toEqual({
			values: {},
			errors: { title: 'too_long', place: 'control_character', kind: 'invalid', areaId: 'invalid', date: 'invalid', email: 'invalid' }
		});
		expect(v.parse(Input, { title: 'ok', areaId: '', date: '', email: 42 })).toEqual({
			values: { title: 'ok', place: '', kind: 'regular', areaId: null },
			errors: { date: 'required', email: 'invalid' }
		});
	});

	it('checks a field left out as one sent empty', () => {
		expect(v.parse(Input, {}).errors).toEqual({ title: 'required', date: 'required' });
	});

	it('leaves out a filter that does not parse', () => {
		const Query = object({ body: v.lenient(v.uuid), from: v.lenient(v.date) });
		expect(v.parse(Query, { body: id, from: 'yesterday' })).toEqual({ values: { body: id.toLowerCase(), from: undefined }, errors: {} });
		expect(v.is(v.date, '2024-02-29')).toBe(true);
		expect(v.is(v.date, '2023-02-29')).toBe(false);
	});
});

import { describe, expect, it } from 'vitest';
import { parseTemplate } from './template';

describe('agenda template from a form', () => {
	it('keeps titled rows in order and drops empty ones', () => {
		const r = parseTemplate([
			{ titleTh: 'รับรองรายงานการประชุม', titleEn: '', minutes: '10', standing: 'minutes' },
			{ titleTh: '  ', titleEn: 'ignored', minutes: '', standing: '' },
			{ titleTh: 'แผนรณรงค์', titleEn: 'Campaign plan', minutes: '', standing: '' }
		]);
		expect(r).toEqual({
			ok: true,
			items: [
				{ title_th: 'รับรองรายงานการประชุม', title_en: 'รับรองรายงานการประชุม', minutes: 10, standing: 'minutes' },
				{ title_th: 'แผนรณรงค์', title_en: 'Campaign plan', minutes: null, standing: null }
			]
		});
	});
	it('names the row with a bad time or an unknown standing kind', () => {
		expect(parseTemplate([{ titleTh: 'x', titleEn: '', minutes: '-3', standing: '' }])).toEqual({ ok: false, errors: { row0: 'invalid' } });
		expect(
			parseTemplate([
				{ titleTh: 'ok', titleEn: '', minutes: '', standing: '' },
				{ titleTh: 'x', titleEn: '', minutes: '', standing: 'gossip' }
			])
		).toEqual({ ok: false, errors: { row1: 'invalid' } });
	});
	it('refuses titles with control characters, naming the row', () => {
		const row = (titleTh: string, titleEn = '') => ({ titleTh, titleEn, minutes: '', standing: '' });
		expect(parseTemplate([row('ok'), row('เรื่อง\u0007แจ้ง')])).toEqual({ ok: false, errors: { row1: 'control_character' } });
		expect(parseTemplate([row('ปิด\u009bประชุม')])).toEqual({ ok: false, errors: { row0: 'control_character' } });
		expect(parseTemplate([row('หัวข้อ', 'Two\nlines')])).toEqual({ ok: false, errors: { row0: 'control_character' } });
		expect(parseTemplate([row('x'.repeat(301))])).toEqual({ ok: false, errors: { row0: 'too_long' } });
	});
});

import { describe, expect, it } from 'vitest';
import { markupProblems } from '../support/markup';

/** A page around `body`, valid in itself. */
const page = (body: string) =>
	`<!doctype html><html lang="th"><head><meta charset="utf-8"><title>Concord</title></head><body><main><h1>หน้า</h1>${body}</main></body></html>`;
const rules = async (body: string) => (await markupProblems(page(body))).map((p) => p.split(':')[0]);

describe('the markup checks the e2e crawl runs on every page', () => {
	it('pass a page that follows the standard', async () => {
		expect(
			await markupProblems(
				page(
					'<h2>ฟอร์ม</h2><form><label for="a">เขต</label><select id="a" name="a" required><option value="">— เลือก —</option><option value="1">ดอกคำใต้</option></select>' +
						'<ul aria-label="อยู่ในที่ประชุม"><li>คุณ</li></ul><button type="submit">บันทึก</button></form>'
				)
			)
		).toEqual([]);
	});

	it('catch a required select whose first choice is a real one, in every shape the standard allows or forbids', async () => {
		expect(await rules('<select aria-label="ชั่วโมง" required><option value="00">00</option><option value="01">01</option></select>')).toEqual([
			'concord/required-select-placeholder'
		]);
		// An empty text with no value is a placeholder too; a list box (size > 1) and a multiple choice need none.
		expect(await rules('<select aria-label="ก" required><option></option><option value="1">1</option></select>')).toEqual([]);
		expect(await rules('<select aria-label="ก" required size="4"><option value="1">1</option></select>')).toEqual([]);
		expect(await rules('<select aria-label="ก" required multiple><option value="1">1</option></select>')).toEqual([]);
		expect(await rules('<select aria-label="ก"><option value="1">1</option></select>')).toEqual([]);
	});

	it('catch a name on an element that cannot carry one, a reference to a missing id and a label for what is no form control', async () => {
		expect(await rules('<div aria-label="อยู่ในที่ประชุม"><span>คุณ</span></div>')).toEqual(['aria-label-misuse']);
		expect(await rules('<button type="button" aria-expanded="false" aria-controls="form-1">แก้ไข</button>')).toEqual(['no-missing-references']);
		expect(await rules('<label for="terms">อำนาจหน้าที่</label><div id="terms" contenteditable="true"></div>')).toContain('valid-for');
	});

	it('catch a skipped heading level and an empty heading', async () => {
		expect(await rules('<h3>รายงานการประชุมครั้งก่อน</h3>')).toEqual(['heading-level']);
		expect(await rules('<h2></h2>')).toEqual(['empty-heading']);
	});
});

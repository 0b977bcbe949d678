import { describe, expect, it } from 'vitest';
import { breakLines, widthRange, type Run } from './lines';

// Every character is one unit wide: widths are counts of code points.
const measure = (text: string) => [...text].length;
const texts = (runs: Run[], width: number) => breakLines(runs, width, measure).map((line) => line.map((p) => p.text).join(''));

describe('Thai line breaking', () => {
	it('breaks only between Thai words, never inside one', () => {
		const lines = texts([{ text: 'ที่ประชุมรับรองรายงานการประชุม', font: 'r' }], 12);
		expect(lines.join('')).toBe('ที่ประชุมรับรองรายงานการประชุม');
		const words = ['ที่', 'ประชุม', 'รับรอง', 'รายงาน', 'การ'];
		for (const line of lines) {
			// Each line is a concatenation of whole words from the dictionary.
			expect(line.length).toBeLessThanOrEqual(12);
			expect(words.some((w) => line.startsWith(w))).toBe(true);
		}
		expect(lines).toContain('ที่ประชุม');
	});

	it('breaks Latin text only at spaces and drops the space at the break', () => {
		expect(texts([{ text: 'ILO-TICW Northern Project', font: 'r' }], 10)).toEqual(['ILO-TICW', 'Northern', 'Project']);
	});

	it('keeps punctuation with its word and mai yamok off the start of a line', () => {
		const lines = texts([{ text: 'หน่วยงานต่างๆ(สภ.ดอกคำใต้)', font: 'r' }], 9);
		for (const line of lines) expect(line).not.toMatch(/^[ๆ)]/);
		for (const line of lines) expect(line).not.toMatch(/\($/);
	});

	it('splits a word longer than the line between grapheme clusters, keeping marks on their letters', () => {
		const lines = texts([{ text: 'น้ำน้ำน้ำน้ำ', font: 'r' }], 4);
		expect(lines.join('')).toBe('น้ำน้ำน้ำน้ำ');
		for (const line of lines) expect(line).not.toMatch(/^[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/);
	});

	it('keeps fonts apart in pieces and honours hard breaks', () => {
		const lines = breakLines(
			[
				{ text: 'มติ ', font: 'bold' },
				{ text: 'ให้ตรวจ\nสอบ', font: 'regular' }
			],
			40,
			measure
		);
		expect(lines.map((l) => l.map((p) => `${p.font}:${p.text}`))).toEqual([['bold:มติ ', 'regular:ให้ตรวจ'], ['regular:สอบ']]);
	});
});

describe('the widths a block of text can take', () => {
	it('is at least its widest word and at most its longest line', () => {
		expect(widthRange([{ text: 'หน่วยงานสนับสนุน', font: 'r' }], measure)).toEqual({ min: 8, max: 16 });
		expect(widthRange([{ text: 'ILO-TICW Northern Project', font: 'r' }], measure)).toEqual({ min: 8, max: 25 });
		expect(widthRange([{ text: 'สั้น\nยาวกว่าเล็กน้อย', font: 'r' }], measure)).toEqual({ min: 4, max: 15 });
		expect(widthRange([], measure)).toEqual({ min: 0, max: 0 });
	});
});

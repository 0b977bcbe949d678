import { describe, expect, it } from 'vitest';
import { pdfjsText, pdfText, squeeze } from '../../tests/support/minutes-files';
import { renderPdf } from './pdf';
import { bold, doc, heading, paragraph, text, type PMNode } from './prosemirror';

const italic = (s: string): PMNode => text(s, [{ type: 'italic' }]);
import type { Rendition } from './rendition';

/** Thai that has gone wrong in PDFs: every vowel and tone mark position, sara am alone and under a tone mark, clusters, Thai digits, long words, URLs. */
const CORPUS = [
	'อำเภอ สำนักงาน กำหนด น้ำ ค่ำ ทำ ย้ำ ช้ำ จำนำ ขำขำ กระทำการ',
	'ก่ ก้ ก๊ ก๋ กิ กี กึ กื กุ กู กั กั่ กิ่ กี้ กึ๊ กื๋ กุ่ กู้ ก็ ก์',
	'เก แก โก ใก ไก เกาะ เกือก เกี่ยว แกล้ง โต๊ะ ไม้ ใคร่ เลื่อน',
	'ปี ปั่น ฝ้าย ฟื้น ฬ ฎุ ฏุ ญุ ฐุ ฤๅ ฦๅ ศักดิ์สิทธิ์ พระราชบัญญัติ',
	'ผู้ใหญ่บ้าน ผู้ว่าราชการจังหวัด ศูนย์ปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์',
	'เลขที่ ๑๒๓/๒๕๖๙ ลงวันที่ ๑๕ ธันวาคม ๒๕๖๙ เวลา ๐๙.๓๐ น. ๆ ฯลฯ',
	'https://example.org/path?q=1 และ mailto:office@example.org',
	'Mixed English กับภาษาไทย 2026 ครั้งที่ 1/2569'
];

const rendition = (content: PMNode, footer: string[] = []): Rendition => ({
	locale: 'th', title: 'ทดสอบ', content, markdown: null, draft: false, footer, labels: { draftMark: 'ร่าง', draftBanner: 'ร่าง', page: (p, n) => `หน้า ${p}/${n}` }
});

describe('text in the minutes PDF', () => {
	it('reads back through pdf.js as the Thai that was written, in every style', async () => {
		const styles = [(s: string) => paragraph(s), (s: string) => paragraph(bold(s)), (s: string) => paragraph(italic(s)), (s: string) => heading(2, s)];
		const content = doc(styles.flatMap((style) => CORPUS.map(style)));
		const pdf = await renderPdf(rendition(content, ['ฉบับที่ 1 · อนุมัติโดยประธาน: กำหนดการประชุมสำนักงานอำเภอ']));
		const pages = await pdfjsText(pdf);
		const all = squeeze(pages.join(''));
		for (const line of CORPUS) expect(all.split(squeeze(line)).length - 1, line).toBe(styles.length);
		expect(all).toContain(squeeze('กำหนดการประชุมสำนักงานอำเภอ'));
		// Nothing doubled or invented: sara am never reads as sara am and sara aa.
		expect(all).not.toContain('ำา');
		// The same through the ToUnicode maps alone, as pypdf and pdfminer read them.
		const mapped = squeeze(pdfText(pdf));
		for (const line of CORPUS) expect(mapped, line).toContain(squeeze(line));
	});

	it('keeps the spaces between words, with no space invented after sara am', async () => {
		const pdf = await renderPdf(rendition(doc([paragraph('อำเภอดอกคำใต้ จังหวัดพะเยา')])));
		const [page] = await pdfjsText(pdf);
		expect(page).toContain('อำเภอดอกคำใต้ จังหวัดพะเยา');
	});

	it('gives a glyph that reads differently in two places two entries, and plain sara aa still reads as itself', async () => {
		const pdf = await renderPdf(rendition(doc([paragraph('ทำ ทา ทำนา นาทำ'), paragraph(text('ค่ำ'), ' ', bold('ค่ำค่า'))])));
		const [page] = await pdfjsText(pdf);
		expect(page).toContain('ทำ ทา ทำนา นาทำ');
		expect(page).toContain('ค่ำ ค่ำค่า');
	});
});

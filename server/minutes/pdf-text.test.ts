import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pdfjsText, pdfText, squeeze } from '../../tests/support/minutes-files';
import { renderPdf } from './pdf';
import { bold, doc, heading, paragraph, text, type PMNode } from '../rich-text/prosemirror';

const italic = (s: string): PMNode => text(s, [{ type: 'italic' }]);
import { rendition } from '../../tests/support/minutes-fixtures';

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

describe('text in the minutes PDF', () => {
	it('reads back through pdf.js as the Thai that was written, in every style', async () => {
		const styles = [(s: string) => paragraph(s), (s: string) => paragraph(bold(s)), (s: string) => paragraph(italic(s)), (s: string) => heading(2, s)];
		const content = doc(styles.flatMap((style) => CORPUS.map(style)));
		const pdf = await renderPdf(rendition(content, { footer: ['ฉบับที่ 1 · อนุมัติโดยประธาน: กำหนดการประชุมสำนักงานอำเภอ'] }));
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

	it('draws check marks, boxes, arrows and emoji from the bundled fallback fonts, and they read back too', async () => {
		const line = 'ติดตามแล้ว ✓ ยังไม่ได้ ☐ เสร็จ ☑ ส่งต่อ → สภ. ขอบคุณครับ 🙏 ยิ้ม 😀';
		const pdf = await renderPdf(rendition(doc([paragraph(line), paragraph(bold(line))])));
		const raw = Buffer.from(pdf).toString('latin1');
		expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
		expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoEmoji/);
		const [page] = await pdfjsText(pdf);
		expect(squeeze(page!).split(squeeze(line)).length - 1).toBe(2);
	});

	it('writes Thai links as percent-encoded ASCII annotations that pdf.js follows', async () => {
		const href = 'https://ตัวอย่าง.ไทย/รายงาน-การประชุม?ครั้งที่=1';
		const pdf = await renderPdf(
			rendition(
				doc([
					paragraph(
						text('รายงาน', [{ type: 'link', attrs: { href } }]),
						' และ ',
						text('อีเมล', [{ type: 'link', attrs: { href: 'mailto:สำนักงาน@example.org' } }])
					)
				])
			)
		);
		const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
		const task = getDocument({ data: pdf.slice(), verbosity: 0 });
		const page = await (await task.promise).getPage(1);
		const links = (await page.getAnnotations()).filter((a) => a.subtype === 'Link');
		await task.destroy();
		expect(links.map((l) => l.url ?? l.unsafeUrl)).toEqual([
			'https://xn--72c1a1bt4awk9o.xn--o3cw4h/%E0%B8%A3%E0%B8%B2%E0%B8%A2%E0%B8%87%E0%B8%B2%E0%B8%99-%E0%B8%81%E0%B8%B2%E0%B8%A3%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%8A%E0%B8%B8%E0%B8%A1?%E0%B8%84%E0%B8%A3%E0%B8%B1%E0%B9%89%E0%B8%87%E0%B8%97%E0%B8%B5%E0%B9%88=1',
			'mailto:%E0%B8%AA%E0%B8%B3%E0%B8%99%E0%B8%B1%E0%B8%81%E0%B8%87%E0%B8%B2%E0%B8%99@example.org'
		]);
		expect(decodeURI(new URL(links[0]!.url).pathname)).toBe('/รายงาน-การประชุม');
	});

	it('draws underline and strikethrough as lines over the text, which still reads whole', async () => {
		const pdf = await renderPdf(rendition(doc([paragraph(text('ขีดเส้นใต้', [{ type: 'underline' }]), ' ', text('ขีดฆ่า', [{ type: 'strike' }]), ' ธรรมดา')])));
		const plain = await renderPdf(rendition(doc([paragraph('ขีดเส้นใต้ ขีดฆ่า ธรรมดา')])));
		const strokes = (file: Uint8Array) => (pdfContent(file).match(/\bS\b/g) ?? []).length;
		expect(strokes(pdf) - strokes(plain)).toBe(2);
		expect((await pdfjsText(pdf))[0]).toContain('ขีดเส้นใต้ ขีดฆ่า ธรรมดา');
	});
});

/** The page content streams, inflated. */
function pdfContent(pdf: Uint8Array): string {
	const raw = Buffer.from(pdf).toString('latin1');
	let out = '';
	for (const m of raw.matchAll(/\/Length (\d+)\s*\/Filter \/FlateDecode\s*>>\s*stream\r?\n/g)) {
		const start = m.index! + m[0].length;
		try {
			const data = inflateSync(Buffer.from(raw.slice(start, start + Number(m[1])), 'latin1')).toString('latin1');
			if (/\bBT\b/.test(data)) out += data;
		} catch {
			// A font or image stream, not page content.
		}
	}
	return out;
}

import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { docxParts } from '../../tests/support/minutes-files';
import { renderDocx } from './docx';
import { measureSarabun } from './measure';
import { bulletList, doc, heading, listItem, orderedList, paragraph, table, tableCell, tableHeader, tableRow } from '../rich-text/prosemirror';
import { link, rendition } from '../../tests/support/minutes-fixtures';

const html = async (file: Uint8Array) => (await mammoth.convertToHtml({ buffer: Buffer.from(file) })).value;

/** Every character XML 1.0 refuses: C0 controls but tab and line ends, lone surrogates, U+FFFE, U+FFFF. */
const ILLEGAL = ['\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001f', '\ud800', '\udfff', '\ufffe', '\uffff'];

describe('the minutes as a Word file', () => {
	it('reads back with its headings, Word-numbered lists, hyperlinks and table', async () => {
		const content = doc([
			heading(1, 'รายงานการประชุม'),
			heading(2, 'ระเบียบวาระที่ 1 เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ'),
			orderedList([listItem(paragraph('ข้อแรก'), bulletList([listItem(paragraph('ย่อยหนึ่ง'))])), listItem(paragraph('ข้อสอง'))]),
			orderedList([listItem(paragraph('รายการใหม่เริ่มที่หนึ่ง'))]),
			paragraph('ดู ', link('แนวทาง', 'https://example.org/แนวทาง'), ' และ ', link('สคริปต์', 'javascript:alert(1)')),
			table([
				tableRow([tableHeader(paragraph('ลำดับ')), tableHeader(paragraph('งาน'))]),
				tableRow([tableCell(paragraph('1')), tableCell(paragraph('ติดตามเด็ก'))])
			])
		]);
		const file = await renderDocx(rendition(content));
		const out = await html(file);
		expect(out).toContain('<h1>รายงานการประชุม</h1>');
		expect(out).toContain('<h2>ระเบียบวาระที่ 1 เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ</h2>');
		expect(out).toContain('<ol><li>ข้อแรก<ul><li>ย่อยหนึ่ง</li></ul></li><li>ข้อสอง</li>');
		expect(out).toContain('<li>รายการใหม่เริ่มที่หนึ่ง</li></ol>');
		expect(out).toContain('<a href="https://example.org/แนวทาง">แนวทาง</a> และ สคริปต์');
		expect(out).not.toContain('javascript');
		expect(out).toContain(
			'<table><thead><tr><th><p><strong>ลำดับ</strong></p></th><th><p><strong>งาน</strong></p></th></tr></thead><tbody><tr><td><p>1</p></td><td><p>ติดตามเด็ก</p></td></tr></tbody></table>'
		);
		// Word numbering, not typed numbers; the second list is its own instance, counting from one.
		const { parts } = docxParts(file);
		expect(parts['word/numbering.xml']).toContain('<w:numFmt w:val="decimal"/>');
		const used = new Set([...parts['word/document.xml']!.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => m[1]));
		expect(used.size).toBe(3);
		for (const id of used)
			expect(parts['word/numbering.xml']).toMatch(
				new RegExp(`<w:num w:numId="${id}"><w:abstractNumId w:val="\\d+"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>`)
			);
		expect(parts['word/document.xml']).not.toMatch(/<w:t[^>]*>\d+\.\s/);
	});

	it('sets the Thai font for complex script and says the text is Thai', async () => {
		const { parts } = docxParts(await renderDocx(rendition(doc([paragraph('ภาษาไทย')]))));
		expect(parts['word/styles.xml']).toMatch(
			/<w:rFonts w:ascii="TH Sarabun New" w:cs="TH Sarabun New" w:eastAsia="TH Sarabun New" w:hAnsi="TH Sarabun New"\/>/
		);
		expect(parts['word/styles.xml']).toMatch(/<w:lang w:val="th-TH"[^>]*w:bidi="th-TH"\/>/);
		expect(parts['word/styles.xml']).toContain('<w:szCs w:val="32"/>');
		expect(parts['docProps/core.xml']).toContain('<dc:creator>Concord</dc:creator><cp:lastModifiedBy>Concord</cp:lastModifiedBy>');
	});

	it('strips every character XML does not allow, from text, footer and title alike, and still opens', async () => {
		const dirty = (s: string) => ILLEGAL.join(s);
		const file = await renderDocx(
			rendition(doc([heading(2, dirty('หัวข้อ')), paragraph(dirty('ข้อความ')), table([tableRow([tableCell(paragraph(dirty('เซลล์')))])])]), {
				footer: [dirty('ท้ายกระดาษ')],
				title: dirty('ชื่อเรื่อง')
			})
		);
		const { parts } = docxParts(file);
		for (const [name, xml] of Object.entries(parts)) {
			if (!name.endsWith('.xml') && !name.endsWith('.rels')) continue;
			expect(xml, name).not.toMatch(
				// eslint-disable-next-line no-control-regex -- the test looks for characters XML refuses
				/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
			);
		}
		const out = await html(file);
		expect(out).toContain('หัวข้อ');
		expect(out).toContain('ข้อความ');
		expect(parts['word/footer1.xml']).toContain('ท้ายกระดาษ');
		expect(parts['docProps/core.xml']).toContain('ชื่อเรื่อง');
	});

	it('makes every column wide enough for its longest Thai word at the body size', async () => {
		const head = ['ลำดับ', 'งาน', 'หน่วยงานหลัก', 'หน่วยงานสนับสนุน', 'ผู้รับผิดชอบ', 'กำหนดเสร็จ'];
		const row = ['1', 'ประสานบ้านพักเด็กและครอบครัวจังหวัดเพื่อรับเด็กเข้าพักชั่วคราว', 'สภ.ดอกคำใต้', 'โรงพยาบาลดอกคำใต้', 'นันทนา ใจดี', '25 มกราคม 2570'];
		const { parts } = docxParts(
			await renderDocx(rendition(doc([table([tableRow(head.map((h) => tableHeader(paragraph(h)))), tableRow(row.map((c) => tableCell(paragraph(c))))])])))
		);
		const widths = [...parts['word/document.xml']!.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
		expect(widths).toHaveLength(6);
		expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(11906 - 1701 - 1134);
		// ลำดับ and มกราคม each stay on one line: the column holds the word in bold Sarabun at 16 pt, padding included.
		expect(widths[0]).toBeGreaterThanOrEqual(measureSarabun('ลำดับ', 'bold', 16) * 20 + 170);
		expect(widths[5]).toBeGreaterThanOrEqual(measureSarabun('มกราคม', 'regular', 16) * 20 + 170);
	});
});

import { describe, expect, it } from 'vitest';
import { docxParts, pdfText, squeeze } from '../../tests/support/minutes-files';
import { renderDocx } from './docx';
import { renderHtml } from '../rich-text/html';
import { renderMarkdown } from './markdown';
import { renderPdf } from './pdf';
import {
	bold,
	bulletList,
	doc,
	heading,
	listItem,
	orderedList,
	paragraph,
	table,
	tableCell,
	tableHeader,
	tableRow,
	type PMNode
} from '../rich-text/prosemirror';
import { columnWidths, tableGrid } from './table';
import { parseContent, sha256 } from './versions';
import { link, rendition } from '../../tests/support/minutes-fixtures';

describe('rendering minutes content', () => {
	const content = doc([
		heading(1, 'รายงานการประชุม'),
		paragraph(bold('มติที่ประชุม'), ' ให้ส่งต่อ <เด็ก> & ครอบครัว'),
		orderedList([listItem(paragraph('ข้อแรก'), paragraph('หน่วยงานหลัก: สภ.')), listItem(paragraph('ข้อสอง'))]),
		bulletList([listItem(paragraph(link('แนวทาง', 'https://example.org/a b'), ' และ ', link('สคริปต์', 'javascript:alert(1)')))]),
		paragraph('# ไม่ใช่หัวข้อ *ไม่เน้น* 1. ไม่ใช่รายการ')
	]);

	it('escapes every text in HTML and keeps only web links', () => {
		const html = renderHtml(content);
		expect(html).toContain('<h1>รายงานการประชุม</h1>');
		expect(html).toContain('<strong>มติที่ประชุม</strong> ให้ส่งต่อ &#60;เด็ก&#62; &#38; ครอบครัว');
		expect(html).toContain('<ol><li><p>ข้อแรก</p><p>หน่วยงานหลัก: สภ.</p></li><li><p>ข้อสอง</p></li></ol>');
		expect(html).not.toContain('javascript:');
		expect(html).not.toContain('https://example.org/a b');
		expect(html).toContain('สคริปต์');
	});

	it('writes Markdown that keeps the structure and escapes what Markdown would read as syntax', () => {
		const md = renderMarkdown(content);
		expect(md).toBe(
			[
				'# รายงานการประชุม',
				'',
				'**มติที่ประชุม** ให้ส่งต่อ \\<เด็ก\\> & ครอบครัว',
				'',
				'1. ข้อแรก',
				'',
				'   หน่วยงานหลัก: สภ.',
				'2. ข้อสอง',
				'',
				'- แนวทาง และ สคริปต์',
				'',
				'\\# ไม่ใช่หัวข้อ \\*ไม่เน้น\\* 1. ไม่ใช่รายการ',
				''
			].join('\n')
		);
		expect(sha256(md)).toMatch(/^[0-9a-f]{64}$/);
		expect(sha256(md)).toBe(sha256(renderMarkdown(content)));
	});

	it("accepts only content that the editors' schema knows", () => {
		expect(parseContent(JSON.stringify(content))).toEqual(expect.objectContaining({ type: 'doc' }));
		for (const bad of [
			'',
			'not json',
			'{"type":"paragraph"}',
			'{"type":"doc","content":[{"type":"table"}]}',
			'{"type":"doc","content":[{"type":"text","text":"loose"}]}',
			42
		]) {
			expect(parseContent(bad)).toBeNull();
		}
	});
});

const HEAD = ['ลำดับ', 'งาน', 'หน่วยงานหลัก', 'หน่วยงานสนับสนุน', 'ผู้รับผิดชอบ', 'กำหนดเสร็จ'];
const LONG = 'ประสานบ้านพักเด็กและครอบครัวจังหวัดเพื่อรับเด็กเข้าพักชั่วคราวและจัดทำแผนการคุ้มครองรายบุคคลร่วมกับทีมสหวิชาชีพ';
function actionTable(rows: string[][]): PMNode {
	return table([tableRow(HEAD.map((h) => tableHeader(paragraph(h)))), ...rows.map((r) => tableRow(r.map((t) => tableCell(paragraph(t)))))]);
}

describe('tables in minutes content', () => {
	const content = doc([
		heading(2, 'สรุปงานที่มอบหมาย'),
		actionTable([
			['1', 'ตรวจร้านคาราโอเกะ | ร้านอาหาร', 'สถานีตำรวจภูธรดอกคำใต้', 'ที่ว่าการอำเภอดอกคำใต้, โรงพยาบาลดอกคำใต้', 'ร.ต.อ.สมชาย <บุญมา>', '25 ธันวาคม 2569'],
			['2', LONG, 'สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด', '', '', '']
		])
	]);

	it("are accepted by the editors' schema, and lists of earlier versions still are", () => {
		expect(parseContent(JSON.stringify(content))).toEqual(expect.objectContaining({ type: 'doc' }));
		expect(parseContent(JSON.stringify(doc([orderedList([listItem(paragraph('งานเดิมในรูปแบบรายการ'))])])))).not.toBeNull();
	});

	it('render in HTML with a head of column headers, every text escaped, scrollable on a narrow screen', () => {
		const html = renderHtml(content);
		expect(html).toContain(
			`<div class="table-scroll"><table><thead><tr>${HEAD.map((h) => `<th scope="col"><p>${h}</p></th>`).join('')}</tr></thead><tbody><tr><td><p>1</p></td>`
		);
		expect(html).toContain('<td><p>ร.ต.อ.สมชาย &#60;บุญมา&#62;</p></td>');
		expect(html).toContain('<td><p></p></td></tr></tbody></table></div>');
	});

	it('render in Markdown as a GFM table, pipes escaped', () => {
		const md = renderMarkdown(content);
		expect(md).toBe(
			[
				'## สรุปงานที่มอบหมาย',
				'',
				`| ${HEAD.join(' | ')} |`,
				'| --- | --- | --- | --- | --- | --- |',
				'| 1 | ตรวจร้านคาราโอเกะ \\| ร้านอาหาร | สถานีตำรวจภูธรดอกคำใต้ | ที่ว่าการอำเภอดอกคำใต้, โรงพยาบาลดอกคำใต้ | ร.ต.อ.สมชาย \\<บุญมา\\> | 25 ธันวาคม 2569 |',
				`| 2 | ${LONG} | สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด |  |  |  |`,
				''
			].join('\n')
		);
		// A cell of several blocks, with a hard break, stays on its row; a table without a header row gets an empty one.
		const plain = table([tableRow([tableCell(paragraph('บรรทัดแรก', { type: 'hardBreak' }, 'บรรทัดสอง'), paragraph('ย่อหน้าที่สอง')), tableCell()])]);
		expect(renderMarkdown(doc([plain]))).toBe('|  |  |\n| --- | --- |\n| บรรทัดแรก<br>บรรทัดสอง<br>ย่อหน้าที่สอง |  |\n');
	});

	it('place merged cells in the grid and share the width by the length of the text', () => {
		const merged = table([
			tableRow([{ ...tableHeader(paragraph('ก')), attrs: { colspan: 2 } }, tableHeader(paragraph('ข'))]),
			tableRow([{ ...tableCell(paragraph('ค')), attrs: { rowspan: 2 } }, tableCell(paragraph('ง')), tableCell(paragraph('จ'))]),
			tableRow([tableCell(paragraph('ฉ')), tableCell(paragraph('ช'))])
		]);
		const grid = tableGrid(merged);
		expect(grid.columns).toBe(3);
		expect(grid.headerRows).toBe(1);
		expect(grid.rows.map((r) => r.map((c) => [c.column, c.colspan, c.rowspan]))).toEqual([
			[
				[0, 2, 1],
				[2, 1, 1]
			],
			[
				[0, 1, 2],
				[1, 1, 1],
				[2, 1, 1]
			],
			[
				[1, 1, 1],
				[2, 1, 1]
			]
		]);
		expect(grid.continued).toEqual([[], [], [{ column: 0, colspan: 1, last: true }]]);

		expect(
			columnWidths(
				[
					{ min: 10, max: 20 },
					{ min: 10, max: 60 }
				],
				160
			)
		).toEqual([40, 120]);
		expect(
			columnWidths(
				[
					{ min: 10, max: 20 },
					{ min: 30, max: 80 }
				],
				100
			)
		).toEqual([20, 80]);
		expect(
			columnWidths(
				[
					{ min: 100, max: 200 },
					{ min: 100, max: 100 }
				],
				100
			)
		).toEqual([50, 50]);
		// A number and a name keep their line; the long text takes what is left.
		expect(
			columnWidths(
				[
					{ min: 5, max: 30 },
					{ min: 20, max: 400 },
					{ min: 10, max: 40 }
				],
				200
			)
		).toEqual([30, 130, 40]);
		expect(
			columnWidths(
				[
					{ min: 5, max: 30 },
					{ min: 20, max: 400 },
					{ min: 60, max: 300 }
				],
				200
			)
		).toEqual([30, 20 + 90 * (380 / 620), 60 + 90 * (240 / 620)]);
	});

	it('draw in the PDF as a grid whose header row repeats on every page, long Thai text wrapped in its cell', async () => {
		const many = doc([
			actionTable(
				Array.from({ length: 40 }, (_, i) => [String(i + 1), `${LONG} ครั้งที่ ${i + 1}`, 'สถานีตำรวจภูธรดอกคำใต้', 'โรงพยาบาลดอกคำใต้', 'นันทนา ใจดี', '25 ธันวาคม 2569'])
			)
		]);
		const pdf = await renderPdf(rendition(many));
		const raw = Buffer.from(pdf).toString('latin1');
		const pages = Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(raw)?.[1]);
		expect(pages).toBeGreaterThan(2);
		const text = squeeze(pdfText(pdf));
		expect(text.split(squeeze(HEAD.join(''))).length - 1).toBe(pages);
		for (const n of [1, 20, 40]) expect(text).toContain(squeeze(`${LONG} ครั้งที่ ${n}`));
	});

	it('write a Word table with a repeating header row, merged cells and a border on every cell', async () => {
		const merged = table([
			tableRow(HEAD.slice(0, 3).map((h) => tableHeader(paragraph(h)))),
			tableRow([
				{ ...tableCell(paragraph('ตรวจร้าน')), attrs: { colspan: 2 } },
				{ ...tableCell(paragraph('สภ.')), attrs: { rowspan: 2 } }
			]),
			tableRow([tableCell(paragraph('1')), tableCell(paragraph('ติดตาม'))])
		]);
		const { text, parts } = docxParts(await renderDocx(rendition(doc([merged, actionTable([['1', 'งาน', 'สภ.', '', '', '']])]))));
		const xml = parts['word/document.xml']!;
		expect(xml.match(/<w:tbl>/g)).toHaveLength(2);
		expect(xml).toContain('</w:tbl><w:p/><w:tbl>');
		expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(2);
		expect(xml).toContain('<w:gridSpan w:val="2"/>');
		expect(xml).toContain('<w:vMerge w:val="restart"/>');
		expect(xml).toContain('<w:vMerge w:val="continue"/>');
		expect(xml).toMatch(/<w:insideV w:val="single"/);
		expect(xml).toMatch(/<w:shd w:fill="EEEEEE"[^>]*\/><\/w:tcPr><w:p><w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">ลำดับ<\/w:t>/);
		for (const t of ['ตรวจร้าน', 'ติดตาม', ...HEAD]) expect(text).toContain(t);
	});
});

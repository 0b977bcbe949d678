import { describe, expect, it } from 'vitest';
import { docxParts, pdfjsText, squeeze } from '../../tests/support/minutes-files';
import { beneathPageHeading, renderHtml } from '../rich-text/html';
import { editorSchema, type PMNode } from '../rich-text/prosemirror';
import { renderDocx } from './docx';
import { renderMarkdown } from './markdown';
import { renderPdf } from './pdf';
import { rendition } from '../../tests/support/minutes-fixtures';

/*
 * One sample holding every node and mark the editors can write, each with
 * text of its own. When an extension adds a node or a mark, the first test
 * fails until the sample (and so every rendering) covers it.
 */
const t = (text: string, marks: string[] = [], attrs?: Record<string, unknown>): PMNode => ({
	type: 'text',
	text,
	...(marks.length ? { marks: marks.map((type) => (attrs && type === 'link' ? { type, attrs } : { type })) } : {})
});
const p = (...content: PMNode[]): PMNode => ({ type: 'paragraph', content });
const SAMPLE: PMNode = {
	type: 'doc',
	content: [
		{ type: 'heading', attrs: { level: 2 }, content: [t('หัวข้อระเบียบวาระ')] },
		p(
			t('ตัวหนา', ['bold']),
			t(' '),
			t('ตัวเอียง', ['italic']),
			t(' '),
			t('ขีดฆ่า', ['strike']),
			t(' '),
			t('ขีดเส้นใต้', ['underline']),
			t(' '),
			t('รหัสโค้ด', ['code']),
			{ type: 'hardBreak' },
			t('ลิงก์สำนักงาน', ['link'], { href: 'https://example.go.th/สำนักงาน' })
		),
		{ type: 'bulletList', content: [{ type: 'listItem', content: [p(t('รายการจุด'))] }] },
		{ type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [p(t('รายการลำดับ'))] }] },
		{ type: 'blockquote', content: [p(t('ข้อความอ้างอิง'))] },
		{ type: 'codeBlock', content: [t('บล็อกโค้ด')] },
		{ type: 'horizontalRule' },
		{
			type: 'table',
			content: [
				{ type: 'tableRow', content: [{ type: 'tableHeader', content: [p(t('หัวตาราง'))] }] },
				{ type: 'tableRow', content: [{ type: 'tableCell', content: [p(t('ช่องตาราง'))] }] }
			]
		}
	]
};
const TEXTS = [
	'หัวข้อระเบียบวาระ',
	'ตัวหนา',
	'ตัวเอียง',
	'ขีดฆ่า',
	'ขีดเส้นใต้',
	'รหัสโค้ด',
	'ลิงก์สำนักงาน',
	'รายการจุด',
	'รายการลำดับ',
	'ข้อความอ้างอิง',
	'บล็อกโค้ด',
	'หัวตาราง',
	'ช่องตาราง'
];

function typesIn(node: PMNode, nodes = new Set<string>(), marks = new Set<string>()) {
	nodes.add(node.type);
	for (const m of node.marks ?? []) marks.add(m.type);
	for (const c of node.content ?? []) typesIn(c, nodes, marks);
	return { nodes, marks };
}

const minutes = rendition(SAMPLE);

describe('every node and mark of the editors reaches every rendering', () => {
	it('the sample holds every node and mark type of the schema, and the schema accepts it', () => {
		const schema = editorSchema();
		const { nodes, marks } = typesIn(SAMPLE);
		expect([...nodes].sort()).toEqual(Object.keys(schema.nodes).sort());
		expect([...marks].sort()).toEqual(Object.keys(schema.marks).sort());
		expect(() => schema.nodeFromJSON(SAMPLE).check()).not.toThrow();
	});

	it('HTML comes from the schema’s own mapping, narrowed to known elements and whole-number attributes', () => {
		const html = renderHtml(SAMPLE);
		for (const tag of ['<h2>', '<strong>', '<em>', '<s>', '<u>', '<code>', '<br>', '<ul>', '<ol start="3">', '<li>', '<blockquote>', '<pre>', '<hr>']) {
			expect(html).toContain(tag);
		}
		expect(html).toContain('<a href="https://example.go.th/สำนักงาน" rel="noopener noreferrer">ลิงก์สำนักงาน</a>');
		expect(html).toContain('<thead><tr><th scope="col"><p>หัวตาราง</p></th></tr></thead><tbody><tr><td><p>ช่องตาราง</p></td></tr></tbody>');
		// What the extensions add for the editor (targets, classes, widths) stays in the editor.
		expect(html).not.toMatch(/target=|class="(?!table-scroll)|style=|<colgroup|<col\b/);
		for (const text of TEXTS) expect(html).toContain(text);
	});

	it('inside a page, content headings sit beneath the page’s own h1', () => {
		const html = renderHtml({ type: 'doc', content: [1, 2, 5, 6].map((level) => ({ type: 'heading', attrs: { level }, content: [t(`<h1>ระดับ ${level}`)] })) });
		expect(beneathPageHeading(html)).toBe('<h2>&#60;h1&#62;ระดับ 1</h2><h3>&#60;h1&#62;ระดับ 2</h3><h6>&#60;h1&#62;ระดับ 5</h6><h6>&#60;h1&#62;ระดับ 6</h6>');
	});

	it('content the schema refuses shows as escaped text, never as markup', () => {
		const bad: PMNode = { type: 'doc', content: [{ type: 'script', content: [t('<img src=x onerror=alert(1)>')] }, p(t('ต่อไป'))] };
		expect(renderHtml(bad)).toBe('<p>&#60;img src=x onerror=alert(1)&#62;</p><p>ต่อไป</p>');
	});

	it('Markdown, the Word file and the PDF carry the text of every node and mark', async () => {
		const md = renderMarkdown(SAMPLE);
		const docx = docxParts(await renderDocx(minutes)).text;
		const pdf = squeeze((await pdfjsText(await renderPdf(minutes))).join(''));
		for (const text of TEXTS) {
			expect(md).toContain(text);
			expect(docx).toContain(text);
			expect(pdf).toContain(text);
		}
	});
});

import { describe, expect, it } from 'vitest';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { bold, bulletList, doc, heading, listItem, orderedList, paragraph, text, type PMNode } from './prosemirror';
import { parseContent, sha256 } from './versions';

const link = (value: string, href: string): PMNode => text(value, [{ type: 'link', attrs: { href } }]);

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

	it('accepts only content that the editors\' schema knows', () => {
		expect(parseContent(JSON.stringify(content))).toEqual(expect.objectContaining({ type: 'doc' }));
		for (const bad of ['', 'not json', '{"type":"paragraph"}', '{"type":"doc","content":[{"type":"table"}]}', '{"type":"doc","content":[{"type":"text","text":"loose"}]}', 42]) {
			expect(parseContent(bad)).toBeNull();
		}
	});
});

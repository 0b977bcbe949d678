import { describe, expect, it } from 'vitest';
import { docxParts } from '../../tests/support/minutes-files';
import { renderDocx } from './docx';
import { linkHref, renderHtml } from '../rich-text/html';
import { renderMarkdown } from './markdown';
import { renderPdf } from './pdf';
import { doc, paragraph } from '../rich-text/prosemirror';
import { link, rendition } from '../../tests/support/minutes-fixtures';

const unsafe: [string, unknown][] = [
	['javascript', 'javascript:alert(1)'],
	['mixed-case javascript', 'JaVaScRiPt:alert(1)'],
	['padded javascript', '  javascript:alert(1)'],
	['control characters before javascript', '\u0001javascript:alert(1)'],
	['data', 'data:text/html,<script>alert(1)</script>'],
	['vbscript', 'vbscript:msgbox(1)'],
	['relative', 'minutes/2026.pdf'],
	['protocol-relative', '//evil.example/x'],
	['entity-encoded', 'javascript&#58;alert(1)'],
	['not a string', { href: 'https://example.org' }]
];

const content = doc([
	paragraph(link('เว็บไซต์', 'https://example.org/guide'), ' · ', link('อีเมล', 'mailto:secretary@example.org')),
	...unsafe.map(([, href], i) => paragraph(link(`ลิงก์ที่ ${i + 1}`, href)))
]);
const minutes = rendition(content, { title: 'ทดสอบลิงก์' });

describe('links in minutes and every export of them', () => {
	it.each(unsafe)('shows a %s link as text', (_name, href) => {
		expect(linkHref({ type: 'link', attrs: { href } as Record<string, string> })).toBeNull();
	});

	it('keeps http, https and mailto links in HTML and nothing else', () => {
		const html = renderHtml(content);
		expect(html).toContain('<a href="https://example.org/guide" rel="noopener noreferrer">เว็บไซต์</a>');
		expect(html).toContain('<a href="mailto:secretary@example.org" rel="noopener noreferrer">อีเมล</a>');
		expect(html.match(/<a /g)).toHaveLength(2);
		expect(html).not.toMatch(/javascript|vbscript|data:/i);
		unsafe.forEach((_, i) => expect(html).toContain(`<p>ลิงก์ที่ ${i + 1}</p>`));
	});

	it('keeps only those links in Markdown', () => {
		const md = renderMarkdown(content);
		expect(md).toContain('[เว็บไซต์](https://example.org/guide) · [อีเมล](mailto:secretary@example.org)');
		expect(md.match(/\]\(/g)).toHaveLength(2);
		expect(md).not.toMatch(/javascript|vbscript|data:/i);
	});

	it('writes only those targets into the Word document, as hyperlinks', async () => {
		const { parts } = docxParts(await renderDocx(minutes));
		const rels = parts['word/_rels/document.xml.rels']!;
		expect(rels).toContain('Target="https://example.org/guide" TargetMode="External"');
		expect(rels).toContain('Target="mailto:secretary@example.org" TargetMode="External"');
		expect(parts['word/document.xml']!.match(/<w:hyperlink /g)).toHaveLength(2);
		expect(Object.values(parts).join('')).not.toMatch(/javascript|vbscript|data:/i);
	});

	it('annotates only those links in the PDF', async () => {
		const raw = Buffer.from(await renderPdf(minutes)).toString('latin1');
		const targets = [...raw.matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1]);
		expect(targets.sort()).toEqual(['https://example.org/guide', 'mailto:secretary@example.org']);
		expect(raw).not.toMatch(/javascript|vbscript/i);
	});
});

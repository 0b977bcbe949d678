import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderPdf } from './pdf';
import { doc, heading, listItem, orderedList, paragraph, table, tableCell, tableHeader, tableRow, type PMNode } from '../rich-text/prosemirror';
import type { Rendition } from './rendition';
import { rendition } from '../../tests/support/minutes-fixtures';

interface Node {
	role?: string;
	type?: string;
	children?: Node[];
}
const roles = (n: Node): string[] => [...(n.role ? [n.role] : []), ...(n.children ?? []).flatMap(roles)];

async function open(r: Rendition) {
	const pdf = await renderPdf(r);
	const task = getDocument({ data: pdf.slice(), verbosity: 0 });
	const document = await task.promise;
	return { pdf, document, close: () => task.destroy() };
}

describe('structure and metadata of the minutes PDF', () => {
	const content: PMNode = doc([
		heading(1, 'รายงานการประชุม'),
		paragraph('ครั้งที่ 1/2569'),
		heading(2, 'ระเบียบวาระที่ 1 เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ'),
		orderedList([listItem(paragraph('ข้อแรก')), listItem(paragraph('ข้อสอง'))]),
		table([tableRow([tableHeader(paragraph('ลำดับ')), tableHeader(paragraph('งาน'))]), tableRow([tableCell(paragraph('1')), tableCell(paragraph('ติดตามเด็ก'))])])
	]);
	const minutes = rendition(content, {
		title: 'รายงานการประชุม ครั้งที่ 1/2569 · ประชุม <สหวิชาชีพ> & "ติดตาม"',
		draft: true,
		footer: ['ฉบับที่ 1'],
		banner: 'ร่างรายงานการประชุม'
	});

	it('is tagged: headings, paragraphs, lists and tables are structure elements, page furniture is not', async () => {
		const { document, close } = await open(minutes);
		const mark = (await document.getMarkInfo()) as unknown as Map<string, unknown>;
		expect(mark.get('Marked')).toBe(true);
		const tree = (await (await document.getPage(1)).getStructTree()) as Node;
		const found = roles(tree);
		for (const role of ['Document', 'H1', 'H2', 'P', 'L', 'LI', 'Table', 'TR', 'TH', 'TD']) expect(found, role).toContain(role);
		// The number and the two list items; the header, the footer and the watermark are artifacts, not paragraphs.
		expect(found.filter((r) => r === 'P')).toHaveLength(3);
		await close();
	});

	it('carries its title, its language and XMP metadata declaring PDF/A-2b, whatever the title holds', async () => {
		const { pdf, document, close } = await open(minutes);
		const { info, metadata } = (await document.getMetadata()) as { info: Record<string, unknown>; metadata: { get(name: string): unknown } | null };
		expect(info.Title).toBe(minutes.title);
		expect(info.Language).toBe('th-TH');
		expect(metadata?.get('dc:title')).toBe(minutes.title);
		expect(metadata?.get('pdfaid:part')).toBe('2');
		expect(metadata?.get('pdfaid:conformance')).toBe('B');
		const raw = Buffer.from(pdf).toString('latin1');
		expect(raw).toContain('/DisplayDocTitle true');
		expect(raw).toContain('/OutputIntents');
		await close();
	});
});

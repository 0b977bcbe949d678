import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderPdf } from './pdf';
import { doc, heading, listItem, orderedList, paragraph, table, tableCell, tableHeader, tableRow, type PMNode } from '../rich-text/prosemirror';
import type { Rendition } from './rendition';
import { link, rendition } from '../../tests/support/minutes-fixtures';
import { pdfjsMarks } from '../../tests/support/minutes-files';

interface Node {
	role?: string;
	type?: string;
	id?: string;
	children?: Node[];
}
const roles = (n: Node): string[] => [...(n.role ? [n.role] : []), ...(n.children ?? []).flatMap(roles)];
const find = (n: Node, role: string): Node[] => [...(n.role === role ? [n] : []), ...(n.children ?? []).flatMap((c) => find(c, role))];

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
		for (const role of ['Document', 'H1', 'H2', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD']) expect(found, role).toContain(role);
		// The number and the two list items; the header, the footer and the watermark are artifacts, not paragraphs.
		expect(found.filter((r) => r === 'P')).toHaveLength(3);
		// Each list item is its label (the number) and its body.
		expect(find(tree, 'LI').map((li) => (li.children ?? []).map((c) => c.role))).toEqual([
			['Lbl', 'LBody'],
			['Lbl', 'LBody']
		]);
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

	/*
	 * Long notes run over the page. What is drawn of a paragraph on the next page must stay in the
	 * paragraph (a screen reader and a PDF/UA checker see untagged text otherwise), and every page's
	 * marked content must open and close on that page.
	 */
	it('keeps a paragraph that runs over the page in its element, and opens and closes marked content on each page', async () => {
		const sentence = 'ที่ประชุมหารือแนวทางการคุ้มครองเด็กและการส่งต่อผู้เสียหายระหว่างหน่วยงาน ';
		const long = sentence.repeat(70).trim();
		const pdf = await renderPdf(rendition(doc([heading(1, 'รายงานการประชุม'), paragraph(long), heading(2, 'ระเบียบวาระที่ 2')]), { draft: true }));
		const pages = await pdfjsMarks(pdf);
		expect(pages.length).toBeGreaterThan(1);
		pages.forEach((page, i) =>
			expect({ page: i + 1, untagged: page.untagged, stray: page.stray, open: page.open }).toEqual({ page: i + 1, untagged: [], stray: 0, open: 0 })
		);
		// Every line of the paragraph, those on later pages included, is the paragraph's.
		const inParagraph = pages.flatMap((p) => p.text.filter((t) => t.tag === 'P').map((t) => t.str)).join('');
		expect(inParagraph.replace(/\s+/g, '')).toBe(long.replace(/\s+/g, ''));
	});

	it('ties each link to a Link element in its paragraph or cell, one element however many lines it runs over, each annotation described by its text', async () => {
		const guide = 'คู่มือการส่งต่อผู้เสียหายของศูนย์ปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์จังหวัดพะเยา ฉบับปรับปรุง 2569';
		const content = doc([
			paragraph('ดูรายละเอียดที่ ', link(guide, 'https://example.org/guide'), ' และ ', link('อีเมล', 'mailto:secretary@example.org')),
			table([tableRow([tableHeader(paragraph('งาน'))]), tableRow([tableCell(paragraph('กรอก ', link('แบบฟอร์ม', 'https://example.org/form')))])])
		]);
		const { document, close } = await open(rendition(content));
		try {
			const page = await document.getPage(1);
			const links = (await page.getAnnotations()).filter((a) => a.subtype === 'Link') as {
				id: string;
				url: string;
				contentsObj: { str: string };
				structParent: number;
			}[];
			// The guide wraps: two annotations, one per line, that together say its whole text.
			expect(links.map((a) => a.url)).toEqual([
				'https://example.org/guide',
				'https://example.org/guide',
				'mailto:secretary@example.org',
				'https://example.org/form'
			]);
			expect(links[0]!.contentsObj.str + links[1]!.contentsObj.str).toBe(guide);
			expect(links.map((a) => a.contentsObj.str).slice(2)).toEqual(['อีเมล', 'แบบฟอร์ม']);
			for (const a of links) expect(a.structParent).toBeGreaterThanOrEqual(0);

			const tree = (await page.getStructTree()) as Node;
			const annotations = (n: Node) => (n.children ?? []).filter((c) => c.type === 'annotation').map((c) => c.id!.replace(/^pdfjs_internal_id_/, ''));
			const [paragraphElement] = find(tree, 'P');
			const inParagraph = find(paragraphElement!, 'Link');
			expect(inParagraph.map(annotations)).toEqual([[links[0]!.id, links[1]!.id], [links[2]!.id]]);
			// The paragraph's own text sits beside its links, not inside them.
			expect(paragraphElement!.children!.map((c) => c.role ?? c.type)).toEqual(['content', 'Link', 'content', 'Link']);
			const [cell] = find(tree, 'TD');
			expect(find(cell!, 'Link').map(annotations)).toEqual([[links[3]!.id]]);
		} finally {
			await close();
		}
	});

	it('says what each header cell heads: its column in the header row, its row further down', async () => {
		const grid = table([
			tableRow([tableHeader(paragraph('หน่วยงาน')), tableHeader(paragraph('มาประชุม'))]),
			tableRow([tableHeader(paragraph('สภ.ดอกคำใต้')), tableCell(paragraph('มา'))])
		]);
		const raw = Buffer.from(await renderPdf(rendition(doc([grid])))).toString('latin1');
		// Each structure element is an object of its own; its type and its attributes sit in its dictionary.
		const cells = [...raw.matchAll(/\d+ 0 obj\s*<<([^]*?)>>\s*endobj/g)]
			.map((m) => m[1]!)
			.filter((d) => /\/S \/T[HD]\b/.test(d))
			.map((d) => [d.match(/\/S \/(T[HD])/)![1], d.match(/\/Scope \/(\w+)/)?.[1] ?? null]);
		expect(cells).toEqual([
			['TH', 'Column'],
			['TH', 'Column'],
			['TH', 'Row'],
			['TD', null]
		]);
	});
});

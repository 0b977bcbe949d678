import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderPdf } from './pdf';
import { doc, heading, paragraph } from '../rich-text/prosemirror';
import { rendition } from '../../tests/support/minutes-fixtures';

interface Item {
	page: number;
	text: string;
	x: number;
	right: number;
	y: number;
}

/** Every piece of text pdf.js finds, with where it stands (points, origin at the page's foot). */
async function items(pdf: Uint8Array): Promise<{ width: number; items: Item[] }> {
	const task = getDocument({ data: pdf.slice(), disableFontFace: true, verbosity: 0 });
	const document = await task.promise;
	const out: Item[] = [];
	let width = 0;
	for (let n = 1; n <= document.numPages; n++) {
		const page = await document.getPage(n);
		width = page.view[2]!;
		for (const i of (await page.getTextContent()).items) {
			if ('str' in i && i.str.trim()) out.push({ page: n, text: i.str, x: i.transform[4], right: i.transform[4] + i.width, y: i.transform[5] });
		}
	}
	await task.destroy();
	return { width, items: out };
}

const filler = (n: number) => Array.from({ length: n }, (_, i) => paragraph(`ย่อหน้าที่ ${i + 1} ที่ประชุมรับทราบ`));

describe('pages of the minutes PDF', () => {
	it('wraps a long approval reason in the footer inside the page, on every page', async () => {
		const reason = 'เนื่องจากคณะกรรมการไม่สามารถประชุมได้ทันตามกำหนดเวลาเพราะน้ำท่วมในพื้นที่อำเภอดอกคำใต้ '.repeat(4);
		const footer = [`ฉบับที่ 1 · ประธานรับรองนอกการประชุม เหตุผล: ${reason}`, `SHA-256: ${'ab'.repeat(32)}`];
		const { width, items: all } = await items(await renderPdf(rendition(doc(filler(60)), { footer })));
		expect(Math.max(...all.map((i) => i.page))).toBeGreaterThan(1);
		for (const i of all) {
			expect(i.x, i.text).toBeGreaterThanOrEqual(0);
			expect(i.right, i.text).toBeLessThanOrEqual(width);
			expect(i.y, i.text).toBeGreaterThan(0);
		}
		for (const page of new Set(all.map((i) => i.page))) {
			const onPage = all.filter((i) => i.page === page);
			const body = onPage.filter((i) => i.text.startsWith('ย่อหน้าที่'));
			const foot = onPage.filter((i) => i.text.includes('SHA-256') || i.text.includes('เหตุผล'));
			// The text stops above the footer.
			expect(Math.min(...body.map((i) => i.y))).toBeGreaterThan(Math.max(...foot.map((i) => i.y)));
		}
	});

	it('never leaves a heading alone at the foot of a page', async () => {
		for (let n = 30; n < 40; n++) {
			const { items: all } = await items(
				await renderPdf(
					rendition(doc([...filler(n), heading(2, 'ระเบียบวาระที่ 5 เรื่องอื่น ๆ ' + 'การประสานงานระหว่างหน่วยงานในพื้นที่อำเภอดอกคำใต้ '.repeat(3)), paragraph('ไม่มี')]))
				)
			);
			const head = all.find((i) => i.text.includes('ระเบียบวาระที่ 5'))!;
			const next = all.find((i) => i.text === 'ไม่มี')!;
			expect(next.page, `after ${n} paragraphs`).toBe(head.page);
		}
	});

	it('keeps the signatures together on one page', async () => {
		const signatures = [
			paragraph('(ลงชื่อ) ........................................ ผู้จดรายงานการประชุม'),
			paragraph('(นันทนา ใจดี) เลขานุการ'),
			paragraph('(ลงชื่อ) ........................................ ผู้ตรวจรายงานการประชุม'),
			paragraph('(สมชาย บุญมา) ประธาน')
		];
		for (let n = 30; n < 40; n++) {
			const { items: all } = await items(await renderPdf(rendition(doc([...filler(n), ...signatures]))));
			const pages = new Set(all.filter((i) => i.text.includes('(ลงชื่อ)') || i.text.includes('บุญมา') || i.text.includes('ใจดี')).map((i) => i.page));
			expect(pages.size, `after ${n} paragraphs`).toBe(1);
		}
	});
});

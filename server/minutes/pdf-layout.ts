import type { FontKey } from './fonts';
import { linkHref } from '../rich-text/html';
import { breakLines, widthRange, type Measure, type Piece, type Run } from './lines';
import type { Struct } from './pdf-tags';
import type { PMNode } from '../rich-text/prosemirror';
import { columnWidths, tableGrid, type WidthRange } from './table';

/**
 * A link as a PDF annotation must carry it, in 7-bit ASCII: pdf.js makes a dead
 * link of a Thai path, so Thai is percent-encoded and a Thai host name becomes punycode.
 */
export function asciiUri(href: string): string {
	let out = href;
	try {
		const url = new URL(href);
		if (url.protocol === 'http:' || url.protocol === 'https:') out = url.href;
	} catch {
		// Not a URL the parser knows (mailto: keeps its own form): encode it as it stands.
	}
	return out.replace(/[^\x21-\x7e]/gu, (c) => (c.length === 1 && c >= '\ud800' && c <= '\udfff' ? '' : encodeURIComponent(c)));
}

/** Line height as a multiple of the font size. */
export const LEADING = 1.5;

export function fontFor(marks: PMNode['marks'], bold: boolean): FontKey {
	const b = bold || !!marks?.some((m) => m.type === 'bold');
	const i = !!marks?.some((m) => m.type === 'italic');
	return b && i ? 'boldItalic' : b ? 'bold' : i ? 'italic' : 'regular';
}

export function runsOf(nodes: PMNode[] = [], bold: boolean): Run<FontKey>[] {
	return nodes.flatMap((n): Run<FontKey>[] => {
		if (n.type === 'hardBreak') return [{ text: '\n', font: 'regular' }];
		if (n.type !== 'text') return runsOf(n.content, bold);
		const link = n.marks?.find((m) => m.type === 'link');
		const href = link ? linkHref(link) : null;
		const has = (type: string) => !!n.marks?.some((m) => m.type === type);
		return [
			{
				text: n.text ?? '',
				font: fontFor(n.marks, bold),
				link: href ? asciiUri(href) : null,
				...(has('underline') ? { underline: true } : {}),
				...(has('strike') ? { strike: true } : {})
			}
		];
	});
}

/** What a table needs of the page it is drawn on. */
export interface Canvas {
	y: number;
	readonly top: number;
	readonly bottom: number;
	readonly pdf: PDFKit.PDFDocument;
	measure(size: number): Measure<FontKey>;
	draw(line: Piece<FontKey>[], x: number, size: number, y: number): void;
	newPage(): void;
	/** A new structure element under `parent` (by default the element being filled); a header cell says what it heads. */
	struct(type: string, parent?: Struct, options?: { scope: 'Column' | 'Row' }): Struct;
	/** Draws what is not content: borders, fills, a repeated header. */
	artifact(draw: () => void): void;
	/** Draws the text of `element`. */
	fill(element: Struct, draw: () => void): void;
}

const CELL = { size: 11, padX: 4, padY: 3, listIndent: 14, border: 0.5, borderColour: '#555555', headerFill: '#eeeeee' };
const LINE = CELL.size * LEADING;

interface Line {
	pieces: Piece<FontKey>[];
	/** Indent from the cell's text edge. */
	x: number;
	height: number;
	marker?: string;
}

/** A cell's blocks as lines no wider than `width`; lists indent and hang their markers. */
function layout(nodes: PMNode[], width: number, bold: boolean, measure: Measure<FontKey>, indent = 0): Line[] {
	const out: Line[] = [];
	for (const node of nodes) {
		switch (node.type) {
			case 'paragraph':
			case 'heading':
			case 'codeBlock': {
				const runs =
					node.type === 'codeBlock'
						? [{ text: (node.content ?? []).map((t) => t.text ?? '').join(''), font: 'regular' as const }]
						: runsOf(node.content, bold || node.type === 'heading');
				for (const pieces of breakLines(runs, Math.max(1, width - indent), measure)) out.push({ pieces, x: indent, height: LINE });
				break;
			}
			case 'bulletList':
			case 'orderedList': {
				const start = Number(node.attrs?.start) || 1;
				(node.content ?? []).forEach((item, i) => {
					const lines = layout(item.content ?? [], width, bold, measure, indent + CELL.listIndent);
					if (lines[0]) lines[0].marker = node.type === 'orderedList' ? `${start + i}.` : '•';
					out.push(...lines);
				});
				break;
			}
			case 'horizontalRule':
				out.push({ pieces: [], x: indent, height: LINE / 2 });
				break;
			default:
				// A table inside a cell reads as its cells' blocks, one after another.
				out.push(...layout(node.content ?? [], width, bold, measure, indent));
		}
	}
	return out;
}

/** How narrow and how wide a cell's text can be set, padding included. */
function cellRange(nodes: PMNode[], bold: boolean, measure: Measure<FontKey>, indent = 0): WidthRange {
	let range: WidthRange = { min: 0, max: 0 };
	const widen = (r: WidthRange) => (range = { min: Math.max(range.min, r.min), max: Math.max(range.max, r.max) });
	for (const node of nodes) {
		if (node.type === 'paragraph' || node.type === 'heading') {
			const r = widthRange(runsOf(node.content, bold || node.type === 'heading'), measure);
			widen({ min: r.min + indent, max: r.max + indent });
		} else if (node.type === 'bulletList' || node.type === 'orderedList') {
			for (const item of node.content ?? []) widen(cellRange(item.content ?? [], bold, measure, indent + CELL.listIndent));
		} else widen(cellRange(node.content ?? [], bold, measure, indent));
	}
	return { min: range.min + 2 * CELL.padX, max: range.max + 2 * CELL.padX };
}

interface Slot {
	x: number;
	width: number;
	lines: Line[];
	header: boolean;
	/** Draw the top edge: false where a merged cell from the row above continues. */
	top: boolean;
	/** Draw the bottom edge: false where a merged cell continues below. */
	bottom: boolean;
	/** The cell's structure element; null for a merged cell's continuation and a repeated header. */
	element: Struct | null;
}

const heightOf = (lines: Line[]) => lines.reduce((h, l) => h + l.height, 0);
const rowHeight = (slots: Slot[]) => Math.max(0, ...slots.map((s) => heightOf(s.lines))) + 2 * CELL.padY;

/** How many of `lines` fit in `room`. */
function fit(lines: Line[], room: number): number {
	let h = 0;
	let n = 0;
	while (n < lines.length && h + lines[n]!.height <= room) h += lines[n++]!.height;
	return n;
}

function drawSegment(canvas: Canvas, slots: Slot[], taken: Line[][], height: number, first: boolean, last: boolean) {
	const { pdf } = canvas;
	const y = canvas.y;
	canvas.artifact(() => {
		for (const s of slots) if (s.header) pdf.rect(s.x, y, s.width, height).fillColor(CELL.headerFill).fill();
	});
	slots.forEach((s, i) => {
		if (!taken[i]!.length) return;
		const lines = () => {
			let at = y + CELL.padY;
			for (const line of taken[i]!) {
				const x = s.x + CELL.padX + line.x;
				if (line.marker) canvas.draw([{ text: line.marker, font: 'regular', width: 0 }], x - CELL.listIndent, CELL.size, at);
				canvas.draw(line.pieces, x, CELL.size, at);
				at += line.height;
			}
		};
		if (s.element) canvas.fill(s.element, lines);
		else canvas.artifact(lines);
	});
	canvas.artifact(() => {
		pdf.lineWidth(CELL.border).strokeColor(CELL.borderColour);
		for (const s of slots) {
			pdf
				.moveTo(s.x, y)
				.lineTo(s.x, y + height)
				.moveTo(s.x + s.width, y)
				.lineTo(s.x + s.width, y + height);
			if (!first || s.top) pdf.moveTo(s.x, y).lineTo(s.x + s.width, y);
			if (!last || s.bottom) pdf.moveTo(s.x, y + height).lineTo(s.x + s.width, y + height);
		}
		pdf.stroke();
	});
}

/**
 * Draws one row. A row that fits on a page is never split: it moves to the
 * next page whole. A taller one continues on the next page, its cells closed
 * at the foot of one page and reopened at the top of the next.
 */
function drawRow(canvas: Canvas, slots: Slot[], newPage: () => void) {
	let fresh = false;
	const breakPage = () => {
		newPage();
		fresh = true;
	};
	const total = rowHeight(slots);
	if (canvas.y + total > canvas.bottom && canvas.y > canvas.top && total <= canvas.bottom - canvas.top) breakPage();
	const pending = slots.map((s) => s.lines.slice());
	const room = () => canvas.bottom - canvas.y - 2 * CELL.padY;
	const stuck = (counts: number[]) => pending.some((lines, i) => lines.length && !counts[i]);
	let first = true;
	for (;;) {
		let counts = pending.map((lines) => fit(lines, room()));
		if (stuck(counts) && !fresh && canvas.y > canvas.top) {
			breakPage();
			counts = pending.map((lines) => fit(lines, room()));
		}
		// However tall a line, each cell places at least one per page, so the row always advances.
		if (stuck(counts)) counts = counts.map((n, i) => Math.max(n, Math.min(1, pending[i]!.length)));
		const taken = pending.map((lines, i) => lines.splice(0, counts[i]));
		const last = pending.every((lines) => !lines.length);
		const height = Math.max(0, ...taken.map(heightOf)) + 2 * CELL.padY;
		drawSegment(canvas, slots, taken, height, first, last);
		canvas.y += height;
		if (last) return;
		first = false;
		breakPage();
	}
}

/** A table with cell borders, Thai text wrapped between words in each cell, its header rows repeated on each new page. */
export function drawTable(canvas: Canvas, node: PMNode, left: number, available: number) {
	const grid = tableGrid(node);
	if (!grid.columns) return;
	const measure = canvas.measure(CELL.size);
	const ranges: WidthRange[] = Array.from({ length: grid.columns }, () => ({ min: 2 * CELL.padX, max: 2 * CELL.padX }));
	for (const row of grid.rows) {
		for (const c of row) {
			if (c.colspan !== 1) continue;
			const r = cellRange(c.content, c.header, measure);
			ranges[c.column] = { min: Math.max(ranges[c.column]!.min, r.min), max: Math.max(ranges[c.column]!.max, r.max) };
		}
	}
	const widths = columnWidths(ranges, available);
	const xs = widths.reduce<number[]>((acc, w) => [...acc, acc[acc.length - 1]! + w], [left]);
	const span = (column: number, colspan: number) => {
		const end = Math.min(grid.columns, column + colspan);
		return { x: xs[column]!, width: xs[end]! - xs[column]! };
	};
	const element = canvas.struct('Table');
	const rows: Slot[][] = grid.rows.map((row, r) => {
		const tr = canvas.struct('TR', element);
		return [
			...row.map((c) => {
				const { x, width } = span(c.column, c.colspan);
				const lines = layout(c.content, width - 2 * CELL.padX, c.header, measure);
				// A header cell in the header rows heads its column; one further down (the first column, say) heads its row.
				const element = c.header ? canvas.struct('TH', tr, { scope: r < grid.headerRows ? 'Column' : 'Row' }) : canvas.struct('TD', tr);
				return { x, width, lines, header: c.header, top: true, bottom: c.rowspan === 1, element };
			}),
			...grid.continued[r]!.map((k) => ({ ...span(k.column, k.colspan), lines: [], header: false, top: false, bottom: k.last, element: null }))
		];
	});
	// A header repeated on a later page is furniture: the structure has it once.
	const header = rows.slice(0, grid.headerRows).map((row) => row.map((s) => ({ ...s, element: null })));
	const headerHeight = header.reduce((h, row) => h + rowHeight(row), 0);
	// Headers repeat only while they leave most of the page to the rows they name.
	const repeat = headerHeight > 0 && headerHeight <= (canvas.bottom - canvas.top) / 3;
	const plainPage = () => canvas.newPage();
	const pageWithHeader = () => {
		canvas.newPage();
		if (repeat) for (const row of header) drawRow(canvas, row, plainPage);
	};
	// The header never stands alone at the foot of a page.
	const opening = headerHeight + (rows[grid.headerRows] ? rowHeight(rows[grid.headerRows]!) : 0);
	if (canvas.y + opening > canvas.bottom && canvas.y > canvas.top && opening <= canvas.bottom - canvas.top) canvas.newPage();
	rows.forEach((row, r) => drawRow(canvas, row, r < grid.headerRows ? plainPage : pageWithHeader));
	element.end();
}

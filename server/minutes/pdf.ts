import PDFDocument from 'pdfkit';
import { m } from '../../src/lib/paraglide/messages';
import { FALLBACK_KEYS, fallbackFonts, FONT_KEYS, thaiFonts, type FontKey } from './fonts';
import { breakLines, type Piece, type Run } from './lines';
import { drawText, measureText, patchFont, useFallbacks } from './pdf-text';
import { drawTable, LEADING, runsOf, type Canvas } from './pdf-layout';
import { ARCHIVAL, artifact, escapeMetadata, type Struct } from './pdf-tags';
import type { PMNode } from '../rich-text/prosemirror';
import type { Rendition } from './rendition';

const plainText = (n: PMNode): string => n.text ?? (n.content ?? []).map(plainText).join('');

// A4 in points, with the margins of a Thai official document (3 cm binding side, 2 cm opposite).
const PAGE = { width: 595.28, height: 841.89, top: 72, bottom: 80, left: 85, right: 57 };
const SIZE = { body: 12, h1: 15, h2: 13, h3: 12, small: 8.5 };
const LIST_INDENT = 20;
/** The footer: its first line's distance below the text area, its line height, the room left under its last line. */
const FOOT = { top: 22, line: SIZE.small * 1.4, below: 14 };

type Align = 'left' | 'center';
interface Style {
	size: number;
	bold: boolean;
	indent: number;
	align: Align;
}

/** A list item's number or bullet, and the Lbl element it is drawn into. */
interface Marker {
	text: string;
	label: Struct;
}

/** Lays minutes out on A4 pages, breaking Thai lines between words (lines.ts). */
class Writer implements Canvas {
	readonly pdf: PDFKit.PDFDocument;
	y = PAGE.top;
	readonly top = PAGE.top;
	readonly bottom: number;
	private centred = true;
	private readonly locale: Rendition['locale'];
	/** The footer lines, wrapped to the page's width; the page number follows them. */
	private readonly foot: Piece<FontKey>[][];
	/** The structure element that blocks are being added to. */
	private parent: Struct;

	constructor(r: Rendition) {
		this.pdf = new PDFDocument({
			size: 'A4',
			margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
			bufferPages: true,
			lang: r.locale === 'th' ? 'th-TH' : 'en',
			displayTitle: true,
			info: { Title: r.title, Creator: 'Concord' },
			...ARCHIVAL
		});
		escapeMetadata(this.pdf);
		this.parent = this.pdf.struct('Document') as unknown as Struct;
		this.pdf.addStructure(this.parent as unknown as PDFKit.PDFStructureElement);
		const fonts = thaiFonts();
		for (const k of FONT_KEYS) {
			this.pdf.registerFont(k, fonts[k]);
			patchFont((this.pdf.font(k) as unknown as { _font: unknown })._font);
		}
		const fallbacks = fallbackFonts();
		for (const k of FALLBACK_KEYS) this.pdf.registerFont(k, fallbacks[k]);
		useFallbacks(this.pdf, [...FALLBACK_KEYS]);
		this.pdf.font('regular');
		this.locale = r.locale;
		const footWidth = PAGE.width - PAGE.left - PAGE.right;
		this.foot = [...(r.draft ? [r.labels.draftBanner] : []), ...r.footer].flatMap((line) =>
			breakLines([{ text: line, font: 'regular' as const }], footWidth, this.measure(SIZE.small))
		);
		// A long approval reason takes more lines: the text area gives way rather than the footer running off the page.
		this.bottom = Math.min(PAGE.height - PAGE.bottom, PAGE.height - FOOT.top - (this.foot.length + 1) * FOOT.line - FOOT.below);
	}

	struct(type: string, parent: Struct = this.parent, options?: { scope: 'Column' | 'Row' }): Struct {
		// pdfkit reads `scope` (its typings do not list it) into the element's Table attributes.
		const element = this.pdf.struct(type, options as PDFKit.Mixins.StructureElementOptions) as unknown as Struct;
		parent.add(element);
		return element;
	}

	/** The element whose text is being drawn; none while page furniture is drawn. */
	private into: Struct | null = null;
	/** The Link element last added to `into`, continued while the same link runs on over the next line or page. */
	private link: { parent: Struct; href: string; element: Struct } | null = null;

	artifact(draw: () => void) {
		const outer = this.into;
		this.into = null;
		artifact(this.pdf, draw);
		this.into = outer;
	}

	/**
	 * Draws the text of `element`: each stretch of a line is marked content of its own, so that a link
	 * can be a Link element between them, holding its annotation (what PDF/UA asks, and screen readers follow).
	 */
	fill(element: Struct, draw: () => void) {
		const outer = this.into;
		this.into = element;
		this.link = null;
		draw();
		this.into = outer;
		this.link = null;
	}

	/** Adds the blocks that `fill` draws to a new element of `type`. */
	private within(type: string, fill: () => void) {
		const outer = this.parent;
		this.parent = this.struct(type);
		fill();
		this.parent.end();
		this.parent = outer;
	}

	/** Draws one block of text as an element of `type`. */
	private tagged(type: string, draw: () => void) {
		const element = this.struct(type);
		this.fill(element, draw);
		element.end();
	}

	measure = (size: number) => (text: string, font: FontKey) => measureText(this.pdf.font(font).fontSize(size), text);

	/**
	 * A block may run on over the page (a long paragraph, a table's row): what is open of the structure is
	 * closed on this page and opened again, as more of the same element, on the next; `addPage` alone would
	 * leave the rest of the block outside the structure and close it with a stray EMC on the new page.
	 */
	newPage() {
		this.pdf.continueOnNewPage();
		this.y = PAGE.top;
	}

	private room(height: number) {
		if (this.y + height > this.bottom) this.newPage();
	}

	/** Draws one line: as content of the element being filled (a link as a Link element of it), or as it stands in page furniture. */
	draw(line: Piece<FontKey>[], x: number, size: number, y = this.y) {
		const paint = (pieces: Piece<FontKey>[], at: number, linkElement?: Struct) => {
			for (const p of pieces) {
				this.pdf.font(p.font).fontSize(size);
				drawText(this.pdf, p.text, at, y, { link: p.link, linkElement, underline: !!p.link || !!p.underline, strike: p.strike });
				at += p.width;
			}
		};
		const into = this.into;
		if (!into) return paint(line, x);
		// Neighbouring pieces of one link, or of none, are one stretch.
		for (let i = 0; i < line.length;) {
			const href = line[i]!.link ?? null;
			let j = i;
			while (j < line.length && (line[j]!.link ?? null) === href) j++;
			const pieces = line.slice(i, j);
			const at = x;
			x += pieces.reduce((w, p) => w + p.width, 0);
			i = j;
			if (!pieces.some((p) => p.text)) continue;
			if (!href) {
				into.add(() => paint(pieces, at));
				this.link = null;
				continue;
			}
			if (this.link?.parent !== into || this.link.href !== href) this.link = { parent: into, href, element: this.struct('Link', into) };
			const element = this.link.element;
			element.add(() => paint(pieces, at, element));
		}
	}

	/** Writes one block of text; `marker` (a list number or bullet) hangs left of its first line, as its list item's label. */
	text(runs: Run<FontKey>[], style: Style, marker?: Marker) {
		const left = PAGE.left + style.indent;
		const width = PAGE.width - PAGE.right - left;
		const height = style.size * LEADING;
		const lines = breakLines(runs, width, this.measure(style.size));
		lines.forEach((line, i) => {
			this.room(height);
			if (i === 0 && marker) this.fill(marker.label, () => this.draw([{ text: marker.text, font: 'regular', width: 0 }], left - LIST_INDENT, style.size));
			const used = line.reduce((w, p) => w + p.width, 0);
			this.draw(line, style.align === 'center' ? left + (width - used) / 2 : left, style.size);
			this.y += height;
		});
	}

	/** How tall a paragraph or heading will be set; other blocks count as two lines. */
	private heightOf(node: PMNode, indent: number): number {
		const width = PAGE.width - PAGE.right - PAGE.left - indent;
		if (node.type === 'paragraph') return breakLines(runsOf(node.content, false), width, this.measure(SIZE.body)).length * SIZE.body * LEADING + 3;
		if (node.type !== 'heading') return 2 * SIZE.body * LEADING;
		const level = Number(node.attrs?.level) || 2;
		const size = level === 1 ? SIZE.h1 : level === 2 ? SIZE.h2 : SIZE.h3;
		return breakLines(runsOf(node.content, true), width, this.measure(size)).length * size * LEADING;
	}

	/**
	 * The closing signatures: from the first "(ลงชื่อ)" paragraph after which
	 * there are only paragraphs, to the end or to the attachments' heading.
	 */
	private signatureRange(children: PMNode[]): [number, number] {
		const mark = m.minutes_doc_signature({ what: '' }, { locale: this.locale }).split(' ')[0]!;
		const signs = (c: PMNode) => c.type === 'paragraph' && plainText(c).trimStart().startsWith(mark);
		let last = children.length - 1;
		while (last >= 0 && !signs(children[last]!)) last--;
		if (last < 0) return [-1, -1];
		const after = children.findIndex((c, i) => i > last && c.type !== 'paragraph');
		const end = after < 0 ? children.length : after;
		let start = -1;
		for (let i = end - 1; i >= 0 && children[i]!.type === 'paragraph'; i--) if (signs(children[i]!)) start = i;
		return [start, end];
	}

	gap(points: number) {
		this.y += points;
	}

	rule(indent: number) {
		this.room(12);
		this.artifact(() =>
			this.pdf
				.moveTo(PAGE.left + indent, this.y + 6)
				.lineTo(PAGE.width - PAGE.right, this.y + 6)
				.lineWidth(0.5)
				.strokeColor('#999999')
				.stroke()
		);
		this.y += 12;
	}

	block(node: PMNode, indent: number, marker?: Marker) {
		const align: Align = this.centred ? 'center' : 'left';
		switch (node.type) {
			case 'doc': {
				const children = node.content ?? [];
				const [signature, end] = this.signatureRange(children);
				children.forEach((child, i) => {
					// The signatures stand together on one page, under the last of the text.
					if (i === signature) this.room(children.slice(i, end).reduce((h, c) => h + this.heightOf(c, indent), 0));
					// The attachments after the signatures begin on a page of their own, as a document's annex does.
					if (signature >= 0 && i === end && child.type === 'heading') this.newPage();
					this.block(child, indent);
				});
				return;
			}
			case 'heading': {
				const level = Number(node.attrs?.level) || 2;
				// The title lines are centred, as in a Thai official document, until the first section.
				if (level > 1) this.centred = false;
				const size = level === 1 ? SIZE.h1 : level === 2 ? SIZE.h2 : SIZE.h3;
				this.gap(level === 1 ? 0 : 6);
				// A heading never stands alone at a page's foot: it keeps two lines of what follows.
				this.room(this.heightOf(node, indent) + 2 * SIZE.body * LEADING);
				this.tagged(`H${Math.min(level, 6)}`, () =>
					this.text(runsOf(node.content, true), { size, bold: true, indent, align: this.centred ? 'center' : 'left' }, marker)
				);
				this.gap(2);
				return;
			}
			case 'paragraph':
				this.tagged('P', () => this.text(runsOf(node.content, false), { size: SIZE.body, bold: false, indent, align }, marker));
				this.gap(3);
				return;
			case 'codeBlock':
				this.tagged('P', () =>
					this.text(
						[{ text: (node.content ?? []).map((n) => n.text ?? '').join(''), font: 'regular' }],
						{ size: SIZE.body, bold: false, indent: indent + 12, align: 'left' },
						marker
					)
				);
				return;
			case 'bulletList':
			case 'orderedList': {
				this.centred = false;
				const start = Number(node.attrs?.start) || 1;
				this.within('L', () =>
					(node.content ?? []).forEach((item, i) => {
						const text = node.type === 'orderedList' ? `${start + i}.` : '•';
						// An item is its label (the number or bullet, drawn with its first line) and its body, as PDF/UA has it.
						this.within('LI', () => {
							const label = this.struct('Lbl');
							this.within('LBody', () =>
								(item.content ?? []).forEach((child, j) => this.block(child, indent + LIST_INDENT, j === 0 ? { text, label } : undefined))
							);
						});
					})
				);
				return;
			}
			case 'blockquote':
				this.within('BlockQuote', () => {
					for (const child of node.content ?? []) this.block(child, indent + LIST_INDENT, marker);
				});
				return;
			case 'horizontalRule':
				this.rule(indent);
				return;
			case 'table':
				this.centred = false;
				this.gap(3);
				drawTable(this, node, PAGE.left + indent, PAGE.width - PAGE.right - PAGE.left - indent);
				this.gap(6);
				return;
			default:
				for (const child of node.content ?? []) this.block(child, indent, marker);
		}
	}

	/** Closes the structure: nothing more is added to it. */
	end() {
		this.parent.end();
	}

	/** Marks every page: the draft's banner and watermark, the footer lines, the page number. */
	finish(r: Rendition) {
		const { start, count } = this.pdf.bufferedPageRange();
		// Centred by hand: given a width, pdfkit wraps, and its wrapper would start a new page below the margin.
		const small = (text: string, y: number, colour = '#444444', font: FontKey = 'regular') => {
			const w = measureText(this.pdf.font(font).fontSize(SIZE.small), text);
			drawText(this.pdf, text, (PAGE.width - w) / 2, y, { colour });
		};
		for (let i = start; i < start + count; i++) {
			this.pdf.switchToPage(i);
			this.pdf.markContent('Artifact', { type: 'Pagination' });
			if (r.draft) {
				small(`${r.labels.draftMark} — ${r.labels.draftBanner}`, 36, '#b03a2e', 'bold');
				const size = Math.min(120, (PAGE.width * 0.9) / this.pdf.font('bold').fontSize(1).widthOfString(r.labels.draftMark));
				this.pdf.save();
				this.pdf.rotate(-40, { origin: [PAGE.width / 2, PAGE.height / 2] });
				this.pdf.fillColor('#b03a2e').fillOpacity(0.1).font('bold').fontSize(size);
				const w = this.pdf.widthOfString(r.labels.draftMark);
				drawText(this.pdf, r.labels.draftMark, PAGE.width / 2 - w / 2, PAGE.height / 2 - size * 0.7, { colour: '#b03a2e' });
				this.pdf.restore();
				this.pdf.fillOpacity(1);
			}
			const lines = [...this.foot.map((pieces) => pieces.map((p) => p.text).join('')), r.labels.page(i - start + 1, count)];
			lines.forEach((line, j) => small(line, this.bottom + FOOT.top + j * FOOT.line));
			this.pdf.endMarkedContent();
		}
	}
}

/** The minutes as a PDF with Sarabun embedded (subset, with ToUnicode maps so the text can be searched and copied). */
export function renderPdf(r: Rendition): Promise<Uint8Array> {
	const writer = new Writer(r);
	const chunks: Buffer[] = [];
	const done = new Promise<Uint8Array>((resolve, reject) => {
		writer.pdf.on('data', (c: Buffer) => chunks.push(c));
		writer.pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
		writer.pdf.on('error', reject);
	});
	writer.block(r.content, 0);
	writer.end();
	writer.finish(r);
	writer.pdf.end();
	return done;
}

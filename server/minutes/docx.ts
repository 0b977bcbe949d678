import {
	AlignmentType,
	BorderStyle,
	Document,
	ExternalHyperlink,
	Footer,
	Header,
	HeadingLevel,
	LevelFormat,
	Packer,
	PageNumber,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableLayoutType,
	TableRow,
	TextRun,
	VerticalMergeType,
	WidthType,
	type ILevelsOptions,
	type IRunOptions,
	type ParagraphChild
} from 'docx';
import { m } from '../../src/lib/paraglide/messages';
import { WORD_FONT, type FontKey } from './fonts';
import { linkHref } from '../rich-text/html';
import { widthRange } from './lines';
import { measureSarabun } from './measure';
import type { PMNode } from '../rich-text/prosemirror';
import type { Rendition } from './rendition';
import { columnWidths, tableGrid } from './table';
import { xmlSafe } from './xml-safe';

/**
 * The minutes as a Word document the secretariat can edit, built with the
 * `docx` package: headings as Word headings, lists with Word numbering, links
 * as hyperlinks, tables whose header rows repeat, every run in TH Sarabun New
 * for Latin and complex script alike, so Thai text takes the government font.
 */

const HALF_POINTS = { body: 32, h1: 40, h2: 36, h3: 32, small: 24 };
const FONT = { ascii: WORD_FONT, hAnsi: WORD_FONT, cs: WORD_FONT, eastAsia: WORD_FONT };
const LIST_INDENT = 567; // 1 cm in twentieths of a point
const TEXT_WIDTH = 11906 - 1701 - 1134; // A4 less the left and right margins, in twentieths of a point
const CELL_MARGIN = 85; // 1.5 mm each side
const CELL_SIZE = 16; // points: the body size, which cells keep
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '555555' };

type Block = Paragraph | Table;
interface RunStyle {
	bold?: boolean;
	italic?: boolean;
	strike?: boolean;
	underline?: boolean;
	colour?: string;
	size?: number;
}

const runOptions = (s: RunStyle): IRunOptions => ({
	...(s.bold ? { bold: true, boldComplexScript: true } : {}),
	...(s.italic ? { italics: true, italicsComplexScript: true } : {}),
	...(s.strike ? { strike: true } : {}),
	...(s.underline ? { underline: {} } : {}),
	...(s.colour ? { color: s.colour } : {}),
	...(s.size ? { size: s.size, sizeComplexScript: s.size } : {})
});

/** Text as runs; a line feed inside text is a line break, as the PDF draws it. */
const textRuns = (text: string, s: RunStyle): TextRun[] =>
	xmlSafe(text)
		.split(/\r\n?|\n/)
		.map((t, i) => new TextRun({ text: t, ...(i ? { break: 1 } : {}), ...runOptions(s) }));

function runs(nodes: PMNode[] = [], base: RunStyle = {}): ParagraphChild[] {
	return nodes.flatMap((n): ParagraphChild[] => {
		if (n.type === 'hardBreak') return [new TextRun({ break: 1 })];
		if (n.type !== 'text') return runs(n.content, base);
		const has = (t: string) => !!n.marks?.some((mk) => mk.type === t);
		const style = { ...base, bold: base.bold || has('bold'), italic: has('italic'), strike: has('strike'), underline: has('underline') };
		const link = n.marks?.find((mk) => mk.type === 'link');
		const href = link ? linkHref(link) : null;
		if (!href) return textRuns(n.text ?? '', style);
		return [new ExternalHyperlink({ link: href, children: textRuns(n.text ?? '', { ...style, underline: true, colour: '1F4E79' }) })];
	});
}

/** Word numbering: one definition per list kind and start number; each list is its own instance, so it counts from its start. */
class Numbering {
	private readonly starts = new Set<number>();
	private instances = 0;

	list(ordered: boolean, start: number): { reference: string; instance: number } {
		if (ordered) this.starts.add(start);
		return { reference: ordered ? `ordered-${start}` : 'bullet', instance: ++this.instances };
	}

	config() {
		const levels = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: (level: number) => string, start = 1): ILevelsOptions[] =>
			Array.from({ length: 9 }, (_, level) => ({
				level,
				format,
				text: text(level),
				start,
				alignment: AlignmentType.START,
				style: { paragraph: { indent: { left: LIST_INDENT * (level + 1), hanging: LIST_INDENT } } }
			}));
		return [
			{ reference: 'bullet', levels: levels(LevelFormat.BULLET, (l) => (l % 2 ? '◦' : '•')) },
			...[...this.starts].map((start) => ({ reference: `ordered-${start}`, levels: levels(LevelFormat.DECIMAL, (l) => `%${l + 1}.`, start) }))
		];
	}
}

/** Where the writer is: still in the centred title lines; inside header cells (bold); how deep in lists. */
interface State {
	centred: boolean;
	bold?: boolean;
	numbering: Numbering;
	signature: Set<PMNode>;
	/** The heading the attachments after the signatures open with. */
	attachments: PMNode | null;
}
interface Place {
	indent: number;
	level: number;
	/** The list this block opens an item of, with its level. */
	list?: { reference: string; instance: number; level: number };
}

function blocks(nodes: PMNode[] = [], place: Place, state: State): Block[] {
	return nodes.flatMap((n, i) => [
		// Word joins two tables that touch into one: an empty paragraph keeps them apart.
		...(i > 0 && n.type === 'table' && nodes[i - 1]!.type === 'table' ? [new Paragraph({})] : []),
		...block(n, i === 0 ? place : { ...place, list: undefined }, state)
	]);
}

function block(node: PMNode, place: Place, state: State): Block[] {
	const layout = {
		...(place.list ? { numbering: place.list } : place.indent ? { indent: { left: place.indent } } : {}),
		...(state.centred ? { alignment: AlignmentType.CENTER } : {}),
		// The signatures stand together on one page.
		...(state.signature.has(node) ? { keepNext: true, keepLines: true } : {}),
		// The attachments begin on a page of their own, as a document's annex does.
		...(node === state.attachments ? { pageBreakBefore: true } : {})
	};
	switch (node.type) {
		case 'heading': {
			const level = Math.min(3, Math.max(1, Number(node.attrs?.level) || 2));
			if (level > 1) state.centred = false;
			return [
				new Paragraph({
					heading: [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][level - 1],
					children: runs(node.content),
					...layout,
					...(level > 1 ? { alignment: undefined } : {})
				})
			];
		}
		case 'paragraph':
			return [new Paragraph({ children: runs(node.content, { bold: state.bold }), ...layout })];
		case 'codeBlock':
			return [new Paragraph({ children: textRuns((node.content ?? []).map((n) => n.text ?? '').join(''), {}), ...layout })];
		case 'bulletList':
		case 'orderedList': {
			state.centred = false;
			const list = state.numbering.list(node.type === 'orderedList', Number(node.attrs?.start) || 1);
			const level = place.list ? place.list.level + 1 : place.level;
			const inner = { indent: LIST_INDENT * (level + 1), level: level + 1 };
			return (node.content ?? []).flatMap((item) => blocks(item.content, { ...inner, list: { ...list, level } }, state));
		}
		case 'blockquote':
			return blocks(node.content, { indent: place.indent + LIST_INDENT, level: place.level, list: place.list }, state);
		case 'horizontalRule':
			return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } } })];
		case 'table':
			state.centred = false;
			return [...(place.list ? [new Paragraph({ numbering: place.list })] : []), table(node, place.indent, state)];
		default:
			return blocks(node.content, place, state);
	}
}

const plain = (nodes: PMNode[] = []): string =>
	nodes.map((n) => (n.type === 'text' ? (n.text ?? '') : n.type === 'hardBreak' ? '\n' : plain(n.content))).join('');
/** Text blocks of a cell, for sizing its column. */
const textBlocks = (nodes: PMNode[] = []): PMNode[] =>
	nodes.flatMap((n) => (n.type === 'paragraph' || n.type === 'heading' || n.type === 'codeBlock' ? [n] : textBlocks(n.content)));

/**
 * A Word table: fixed column widths from the text, measured in Sarabun at the
 * body size (wider than TH Sarabun New, so no word of a column breaks when
 * Word sets it), a border on every cell, header rows repeated on each page.
 */
function table(node: PMNode, indent: number, state: State): Table {
	const grid = tableGrid(node);
	const columns = Math.max(1, grid.columns);
	const ranges = Array.from({ length: columns }, () => ({ min: 2 * CELL_MARGIN, max: 2 * CELL_MARGIN }));
	for (const row of grid.rows) {
		for (const c of row) {
			if (c.colspan !== 1) continue;
			for (const b of textBlocks(c.content)) {
				const font: FontKey = c.header || b.type === 'heading' ? 'bold' : 'regular';
				const r = widthRange([{ text: plain(b.content), font }], (t, f) => measureSarabun(t, f, CELL_SIZE) * 20);
				ranges[c.column] = { min: Math.max(ranges[c.column]!.min, r.min + 2 * CELL_MARGIN), max: Math.max(ranges[c.column]!.max, r.max + 2 * CELL_MARGIN) };
			}
		}
	}
	const widths = columnWidths(ranges, TEXT_WIDTH - indent).map(Math.floor);
	const spanWidth = (column: number, colspan: number) => widths.slice(column, column + colspan).reduce((a, b) => a + b, 0);
	const rows = grid.rows.map((row, r) => {
		const cells = [
			...row.map((c) => {
				const content = blocks(c.content, { indent: 0, level: 0 }, { ...state, centred: false, bold: c.header });
				return {
					column: c.column,
					cell: new TableCell({
						children: content.length && content[content.length - 1] instanceof Paragraph ? content : [...content, new Paragraph({})],
						width: { size: spanWidth(c.column, c.colspan), type: WidthType.DXA },
						...(c.colspan > 1 ? { columnSpan: c.colspan } : {}),
						...(c.rowspan > 1 ? { verticalMerge: VerticalMergeType.RESTART } : {}),
						...(c.header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEEEEE' } } : {})
					})
				};
			}),
			...grid.continued[r]!.map((k) => ({
				column: k.column,
				cell: new TableCell({
					children: [new Paragraph({})],
					width: { size: spanWidth(k.column, k.colspan), type: WidthType.DXA },
					...(k.colspan > 1 ? { columnSpan: k.colspan } : {}),
					verticalMerge: VerticalMergeType.CONTINUE
				})
			}))
		].sort((a, b) => a.column - b.column);
		return new TableRow({ children: cells.map((c) => c.cell), ...(r < grid.headerRows ? { tableHeader: true } : {}) });
	});
	return new Table({
		rows: rows.length ? rows : [new TableRow({ children: [new TableCell({ children: [new Paragraph({})] })] })],
		columnWidths: widths,
		width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
		layout: TableLayoutType.FIXED,
		...(indent ? { indent: { size: indent, type: WidthType.DXA } } : {}),
		borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
		margins: { left: CELL_MARGIN, right: CELL_MARGIN }
	});
}

/**
 * The closing signatures: the first "(ลงชื่อ)" paragraph after which there are
 * only paragraphs, to the end or the attachments' heading, but the last; and
 * that heading, where the attachments begin on a page of their own.
 */
function closing(content: PMNode, locale: Rendition['locale']): { signature: Set<PMNode>; attachments: PMNode | null } {
	const mark = m.minutes_doc_signature({ what: '' }, { locale }).split(' ')[0]!;
	const children = content.content ?? [];
	const signs = (c: PMNode) => c.type === 'paragraph' && plain(c.content).trimStart().startsWith(mark);
	let last = children.length - 1;
	while (last >= 0 && !signs(children[last]!)) last--;
	if (last < 0) return { signature: new Set(), attachments: null };
	const after = children.findIndex((c, i) => i > last && c.type !== 'paragraph');
	const end = after < 0 ? children.length : after;
	let start = -1;
	for (let i = end - 1; i >= 0 && children[i]!.type === 'paragraph'; i--) if (signs(children[i]!)) start = i;
	return {
		signature: new Set(start < 0 ? [] : children.slice(start, end - 1)),
		attachments: start >= 0 && children[end]?.type === 'heading' ? children[end]! : null
	};
}

function footer(r: Rendition): Footer {
	const small = { size: HALF_POINTS.small };
	const lines = [...(r.draft ? [r.labels.draftBanner] : []), ...r.footer].map(
		(l) => new Paragraph({ alignment: AlignmentType.CENTER, children: textRuns(l, { ...small, colour: '444444' }) })
	);
	// "หน้า {page}/{pages}" with live fields in place of the numbers.
	const [before, middle, after] = r.labels.page(-1, -2).split(/-1|-2/);
	const page = new Paragraph({
		alignment: AlignmentType.CENTER,
		children: [
			new TextRun({
				...runOptions(small),
				children: [xmlSafe(before ?? ''), PageNumber.CURRENT, xmlSafe(middle ?? ''), PageNumber.TOTAL_PAGES, xmlSafe(after ?? '')]
			})
		]
	});
	return new Footer({ children: [...lines, page] });
}

function header(r: Rendition): Header {
	return new Header({
		children: [
			new Paragraph({
				alignment: AlignmentType.CENTER,
				children: r.draft ? textRuns(`${r.labels.draftMark} — ${r.labels.draftBanner}`, { bold: true, colour: 'B03A2E', size: 28 }) : []
			})
		]
	});
}

const heading = (level: 1 | 2 | 3) => ({
	id: `Heading${level}`,
	name: `heading ${level}`,
	basedOn: 'Normal',
	next: 'Normal',
	quickFormat: true,
	run: {
		bold: true,
		boldComplexScript: true,
		size: [HALF_POINTS.h1, HALF_POINTS.h2, HALF_POINTS.h3][level - 1],
		sizeComplexScript: [HALF_POINTS.h1, HALF_POINTS.h2, HALF_POINTS.h3][level - 1],
		font: FONT,
		color: '000000'
	},
	paragraph: { keepNext: true, keepLines: true, spacing: { before: level === 1 ? 0 : 160, after: 60 }, outlineLevel: level - 1 }
});

/** The minutes as a .docx file. */
export async function renderDocx(r: Rendition): Promise<Uint8Array> {
	const numbering = new Numbering();
	const children = block(r.content, { indent: 0, level: 0 }, { centred: true, numbering, ...closing(r.content, r.locale) });
	const language = r.locale === 'th' ? 'th-TH' : 'en-GB';
	const document = new Document({
		// Word shows both in the file's properties; the library would otherwise name the last editor "Un-named".
		creator: 'Concord',
		lastModifiedBy: 'Concord',
		title: xmlSafe(r.title),
		styles: {
			default: {
				document: {
					run: { font: FONT, size: HALF_POINTS.body, sizeComplexScript: HALF_POINTS.body, language: { value: language, bidirectional: 'th-TH' } },
					paragraph: { spacing: { after: 60, line: 240 } }
				}
			},
			paragraphStyles: [heading(1), heading(2), heading(3)]
		},
		numbering: { config: numbering.config() },
		sections: [
			{
				// A4, margins 2.5 cm top, 2 cm bottom and right, 3 cm left (twentieths of a point).
				properties: {
					page: { size: { width: 11906, height: 16838 }, margin: { top: 1418, right: 1134, bottom: 1134, left: 1701, header: 567, footer: 567, gutter: 0 } }
				},
				headers: { default: header(r) },
				footers: { default: footer(r) },
				children: children.length ? children : [new Paragraph({})]
			}
		]
	});
	return new Uint8Array(await Packer.toBuffer(document));
}

import { strToU8, zipSync } from 'fflate';
import { WORD_FONT } from './fonts';
import { linkHref } from './html';
import { widthRange } from './lines';
import type { PMNode } from './prosemirror';
import type { Rendition } from './rendition';
import { columnWidths, tableGrid } from './table';

/**
 * The minutes as a Word document the secretariat can edit: WordprocessingML
 * written directly (a handful of parts), every run in TH Sarabun New for Latin
 * and complex script alike, so Thai text takes the government font.
 */

const xml = (s: string) =>
	s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

const NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const HALF_POINTS = { body: 32, h1: 40, h2: 36, h3: 32, small: 24 };

interface RunStyle {
	bold?: boolean;
	italic?: boolean;
	strike?: boolean;
	underline?: boolean;
	colour?: string;
	size?: number;
}

function run(text: string, s: RunStyle = {}): string {
	const props = [
		s.bold ? '<w:b/><w:bCs/>' : '',
		s.italic ? '<w:i/><w:iCs/>' : '',
		s.strike ? '<w:strike/>' : '',
		s.underline ? '<w:u w:val="single"/>' : '',
		s.colour ? `<w:color w:val="${s.colour}"/>` : '',
		s.size ? `<w:sz w:val="${s.size}"/><w:szCs w:val="${s.size}"/>` : ''
	].join('');
	const parts = text.split('\n').map((t) => `<w:t xml:space="preserve">${xml(t)}</w:t>`);
	return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}${parts.join('<w:br/>')}</w:r>`;
}

function runs(nodes: PMNode[] = [], base: RunStyle = {}): string {
	return nodes
		.map((n) => {
			if (n.type === 'hardBreak') return '<w:r><w:br/></w:r>';
			if (n.type !== 'text') return runs(n.content, base);
			const has = (t: string) => !!n.marks?.some((m) => m.type === t);
			const style = { ...base, bold: base.bold || has('bold'), italic: has('italic'), strike: has('strike'), underline: has('underline') };
			const link = n.marks?.find((m) => m.type === 'link');
			const href = link ? linkHref(link) : null;
			return run(n.text ?? '', style) + (href && href !== n.text ? run(` (${href})`, { ...style, colour: '1F4E79' }) : '');
		})
		.join('');
}

function paragraph(content: string, o: { style?: string; indent?: number; hanging?: number; align?: 'center' } = {}): string {
	const props = [
		o.style ? `<w:pStyle w:val="${o.style}"/>` : '',
		o.indent ? `<w:ind w:left="${o.indent}"${o.hanging ? ` w:hanging="${o.hanging}"` : ''}/>` : '',
		o.align ? `<w:jc w:val="${o.align}"/>` : ''
	].join('');
	return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${content}</w:p>`;
}

const LIST_INDENT = 567; // 1 cm in twentieths of a point

/** Where the writer is: still in the centred title lines; inside header cells (bold). */
interface State {
	centred: boolean;
	bold?: boolean;
}

function blocks(nodes: PMNode[] = [], indent: number, state: State, marker?: string): string {
	// Word joins two tables that touch into one: an empty paragraph keeps them apart.
	return nodes.map((n, i) => (i > 0 && n.type === 'table' && nodes[i - 1]!.type === 'table' ? '<w:p/>' : '') + block(n, indent, state, i === 0 ? marker : undefined)).join('');
}

function block(node: PMNode, indent: number, state: State, marker?: string): string {
	const lead = marker ? run(`${marker}\t`) : '';
	const hanging = marker ? { indent, hanging: LIST_INDENT } : indent ? { indent } : {};
	switch (node.type) {
		case 'heading': {
			const level = Math.min(3, Math.max(1, Number(node.attrs?.level) || 2));
			if (level > 1) state.centred = false;
			return paragraph(lead + runs(node.content), { style: `Heading${level}`, ...hanging, ...(state.centred ? { align: 'center' as const } : {}) });
		}
		case 'paragraph':
			return paragraph(lead + runs(node.content, { bold: state.bold }), { ...hanging, ...(state.centred ? { align: 'center' as const } : {}) });
		case 'codeBlock':
			return paragraph(lead + run((node.content ?? []).map((n) => n.text ?? '').join('')), hanging);
		case 'bulletList':
		case 'orderedList': {
			state.centred = false;
			const start = Number(node.attrs?.start) || 1;
			return (node.content ?? [])
				.map((item, i) => blocks(item.content, indent + LIST_INDENT, state, node.type === 'orderedList' ? `${start + i}.` : '•'))
				.join('');
		}
		case 'blockquote':
			return blocks(node.content, indent + LIST_INDENT, state, marker);
		case 'horizontalRule':
			return paragraph(run('―――――――――――――――', { colour: '999999' }), { align: 'center' });
		case 'table':
			state.centred = false;
			return (marker ? paragraph(lead, hanging) : '') + table(node, indent);
		default:
			return blocks(node.content, indent, state, marker);
	}
}

const TEXT_WIDTH = 11906 - 1701 - 1134; // A4 less the left and right margins, in twentieths of a point
const CELL_MARGIN = 85; // 1.5 mm each side
const EDGES = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'];
/** Roughly one character of 16 pt Thai text; only the proportions between columns matter. */
const CHAR = 150;
const letters = (text: string) => text.replace(/[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/g, '').length * CHAR;
const plain = (nodes: PMNode[] = []): string => nodes.map((n) => (n.type === 'text' ? (n.text ?? '') : n.type === 'hardBreak' ? '\n' : plain(n.content))).join('');

/** Text blocks of a cell, for sizing its column. */
const textBlocks = (nodes: PMNode[] = []): PMNode[] => nodes.flatMap((n) => (n.type === 'paragraph' || n.type === 'heading' || n.type === 'codeBlock' ? [n] : textBlocks(n.content)));

/** A Word table: fixed column widths from the text, a border on every cell, header rows repeated on each page. */
function table(node: PMNode, indent: number): string {
	const grid = tableGrid(node);
	if (!grid.columns) return '';
	const ranges = Array.from({ length: grid.columns }, () => ({ min: 2 * CELL_MARGIN, max: 2 * CELL_MARGIN }));
	for (const row of grid.rows) {
		for (const c of row) {
			if (c.colspan !== 1) continue;
			for (const b of textBlocks(c.content)) {
				const r = widthRange([{ text: plain(b.content), font: 'regular' }], letters);
				ranges[c.column] = { min: Math.max(ranges[c.column]!.min, r.min + 2 * CELL_MARGIN), max: Math.max(ranges[c.column]!.max, r.max + 2 * CELL_MARGIN) };
			}
		}
	}
	const widths = columnWidths(ranges, TEXT_WIDTH - indent).map(Math.floor);
	const spanWidth = (column: number, colspan: number) => widths.slice(column, column + colspan).reduce((a, b) => a + b, 0);
	const tc = (column: number, colspan: number, props: string, content: string) =>
		`<w:tc><w:tcPr><w:tcW w:w="${spanWidth(column, colspan)}" w:type="dxa"/>${colspan > 1 ? `<w:gridSpan w:val="${colspan}"/>` : ''}${props}</w:tcPr>${content.endsWith('</w:p>') ? content : `${content}<w:p/>`}</w:tc>`;
	const rows = grid.rows.map((row, r) => {
		const cells = [
			...row.map((c) => ({
				column: c.column,
				xml: tc(c.column, c.colspan, `${c.rowspan > 1 ? '<w:vMerge w:val="restart"/>' : ''}${c.header ? '<w:shd w:val="clear" w:color="auto" w:fill="EEEEEE"/>' : ''}`, blocks(c.content, 0, { centred: false, bold: c.header }))
			})),
			...grid.continued[r]!.map((k) => ({ column: k.column, xml: tc(k.column, k.colspan, '<w:vMerge/>', '') }))
		].sort((a, b) => a.column - b.column);
		return `<w:tr>${r < grid.headerRows ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}${cells.map((c) => c.xml).join('')}</w:tr>`;
	});
	const borders = EDGES.map((e) => `<w:${e} w:val="single" w:sz="4" w:space="0" w:color="555555"/>`).join('');
	const props = `<w:tblPr><w:tblW w:w="${widths.reduce((a, b) => a + b, 0)}" w:type="dxa"/>${indent ? `<w:tblInd w:w="${indent}" w:type="dxa"/>` : ''}<w:tblBorders>${borders}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="${CELL_MARGIN}" w:type="dxa"/><w:right w:w="${CELL_MARGIN}" w:type="dxa"/></w:tblCellMar></w:tblPr>`;
	return `<w:tbl>${props}<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>${rows.join('')}</w:tbl>`;
}

const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ${NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="${WORD_FONT}" w:hAnsi="${WORD_FONT}" w:eastAsia="${WORD_FONT}" w:cs="${WORD_FONT}"/><w:sz w:val="${HALF_POINTS.body}"/><w:szCs w:val="${HALF_POINTS.body}"/><w:lang w:val="th-TH" w:bidi="th-TH"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
${[1, 2, 3]
	.map((l) => `<w:style w:type="paragraph" w:styleId="Heading${l}"><w:name w:val="heading ${l}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="${l === 1 ? 0 : 160}" w:after="60"/><w:outlineLvl w:val="${l - 1}"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="${[HALF_POINTS.h1, HALF_POINTS.h2, HALF_POINTS.h3][l - 1]}"/><w:szCs w:val="${[HALF_POINTS.h1, HALF_POINTS.h2, HALF_POINTS.h3][l - 1]}"/></w:rPr></w:style>`)
	.join('\n')}
</w:styles>`;

const PAGE_FIELD = (instr: string) => `<w:fldSimple w:instr=" ${instr} ">${run('1', { size: HALF_POINTS.small })}</w:fldSimple>`;

function footer(r: Rendition): string {
	const lines = [...(r.draft ? [r.labels.draftBanner] : []), ...r.footer].map((l) => paragraph(run(l, { size: HALF_POINTS.small, colour: '444444' }), { align: 'center' }));
	// "หน้า {page}/{pages}" with live fields in place of the numbers.
	const [before, middle, after] = r.labels.page(-1, -2).split(/-1|-2/);
	const page = paragraph(run(before ?? '', { size: HALF_POINTS.small }) + PAGE_FIELD('PAGE') + run(middle ?? '', { size: HALF_POINTS.small }) + PAGE_FIELD('NUMPAGES') + run(after ?? '', { size: HALF_POINTS.small }), { align: 'center' });
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr ${NS}>${lines.join('')}${page}</w:ftr>`;
}

function header(r: Rendition): string {
	const banner = r.draft ? paragraph(run(`${r.labels.draftMark} — ${r.labels.draftBanner}`, { bold: true, colour: 'B03A2E', size: 28 }), { align: 'center' }) : paragraph('');
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr ${NS}>${banner}</w:hdr>`;
}

/** The minutes as a .docx file. */
export function renderDocx(r: Rendition, now = new Date()): Uint8Array {
	const body = block(r.content, 0, { centred: true });
	// A4, margins 2.5 cm top, 2 cm bottom and right, 3 cm left (twentieths of a point).
	const section = '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1134" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>';
	const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${NS}><w:body>${body}${section}</w:body></w:document>`;
	const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
	const part = (name: string, type: string) => `<Override PartName="${name}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.${type}+xml"/>`;
	const files: Record<string, string> = {
		'[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${part('/word/document.xml', 'document.main')}${part('/word/styles.xml', 'styles')}${part('/word/header1.xml', 'header')}${part('/word/footer1.xml', 'footer')}<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
		'_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rIdDocument', 'officeDocument', 'word/document.xml')}<Relationship Id="rIdCore" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
		'word/_rels/document.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rIdStyles', 'styles', 'styles.xml')}${rel('rIdHeader', 'header', 'header1.xml')}${rel('rIdFooter', 'footer', 'footer1.xml')}</Relationships>`,
		'word/document.xml': document,
		'word/styles.xml': styles,
		'word/header1.xml': header(r),
		'word/footer1.xml': footer(r),
		'docProps/core.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xml(r.title)}</dc:title><dc:creator>Concord</dc:creator><dc:language>${r.locale === 'th' ? 'th-TH' : 'en-GB'}</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">${now.toISOString().slice(0, 19)}Z</dcterms:created></cp:coreProperties>`
	};
	return zipSync(Object.fromEntries(Object.entries(files).map(([name, content]) => [name, strToU8(content)])), { level: 6, mtime: now });
}

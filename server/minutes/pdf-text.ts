/**
 * Text in the PDF that copies and searches as what was written.
 *
 * A PDF reader gets text from glyphs through the font's ToUnicode map, one
 * entry per glyph id. pdfkit fills that map with the text of each glyph's first
 * use, and Sarabun draws sara am (ำ) as two glyphs, nikhahit and the sara aa
 * (า) that plain า also uses: pdf.js, MuPDF, pypdf and pdfminer read every ำ as
 * "ำา", and a word such as อำเภอ could not be found. ActualText spans fixed it
 * only in poppler; pdf.js ignores them.
 *
 * So glyphs are laid out one grapheme cluster at a time. Where a cluster's
 * glyphs spell its text one to one, each glyph says its own characters. Where
 * they do not (sara am, or anything the font reorders or decomposes), the first
 * glyph says the whole cluster and the others are drawn as outlines, which no
 * reader takes for text. A glyph id that must say different things in
 * different places is given one more copy in the embedded subset per meaning,
 * so each copy has one honest ToUnicode entry.
 */

interface FontkitGlyph {
	id: number;
	codePoints: number[];
	advanceWidth: number;
	path: { toSVG(): string };
}
interface Position {
	xAdvance: number;
	yAdvance: number;
	xOffset: number;
	yOffset: number;
	advanceWidth?: number;
}
interface EmbeddedFont {
	font: { unitsPerEm: number; layout(text: string): { glyphs: FontkitGlyph[]; positions: Position[] } };
	subset: { glyphs: number[]; includeGlyph(id: number): number; _addGlyph(id: number): number; hmtx: { metrics: { advance: number }[] } };
	unicode: number[][];
	widths: number[];
	scale: number;
	ascender: number;
	layout(text: string, features?: unknown, onlyWidth?: boolean): { glyphs: FontkitGlyph[] | null; positions: Position[] | null; advanceWidth: number };
	encode(text: string, features?: unknown): [string[], Position[]];
	widthOfString(text: string, size: number, features?: unknown): number;
}

/** A glyph left out of the text and drawn as an outline, placed in thousandths of the font size from the text's start. */
interface Outline {
	glyph: FontkitGlyph;
	x: number;
	y: number;
}

interface Cluster {
	glyphs: FontkitGlyph[];
	positions: Position[];
	text: string;
}

const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });
const PATCHED = Symbol('clusterText');

type Patched = EmbeddedFont & {
	[PATCHED]: { outlines: Outline[]; copies: Map<string, number>; clusters: Map<string, Cluster>; advances: Map<number, number> };
};

function shape(font: Patched, text: string): Cluster {
	const state = font[PATCHED];
	let cluster = state.clusters.get(text);
	if (!cluster) {
		const run = font.font.layout(text);
		const k = font.scale;
		cluster = {
			text,
			glyphs: run.glyphs,
			positions: run.positions.map((p, i) => ({
				xAdvance: p.xAdvance * k,
				yAdvance: p.yAdvance * k,
				xOffset: p.xOffset * k,
				yOffset: p.yOffset * k,
				advanceWidth: run.glyphs[i]!.advanceWidth * k
			}))
		};
		state.clusters.set(text, cluster);
	}
	return cluster;
}

const clustersOf = (font: Patched, text: string) => [...graphemes.segment(text)].map(({ segment }) => shape(font, segment));

/** Whether each glyph can say its own characters and together they spell the cluster. */
function oneToOne(c: Cluster): boolean {
	const spelt = c.glyphs.map((g) => String.fromCodePoint(...g.codePoints));
	return spelt.every((s) => s.length > 0) && spelt.join('') === c.text;
}

/** The subset glyph id that draws `glyph`, reads as `text` and advances by `advance` (thousandths of an em). */
function glyphFor(font: Patched, glyph: FontkitGlyph, text: string, advance: number): number {
	const key = `${glyph.id}\u0000${text}\u0000${advance}`;
	const copies = font[PATCHED].copies;
	let gid = copies.get(key);
	if (gid === undefined) {
		gid = font.subset.includeGlyph(glyph.id);
		const taken = font.unicode[gid];
		if (taken && (String.fromCodePoint(...taken) !== text || font.widths[gid] !== advance)) {
			font.subset.glyphs.push(glyph.id);
			gid = font.subset.glyphs.length - 1;
		}
		font.unicode[gid] = [...text].map((ch) => ch.codePointAt(0)!);
		// The embedded font's own advance must agree with the PDF's width for the glyph (PDF/A requires it).
		const units = Math.round(advance / font.scale);
		if (units !== glyph.advanceWidth) font[PATCHED].advances.set(gid, units);
		font.widths[gid] = units * font.scale;
		copies.set(key, gid);
	}
	return gid;
}

function encode(font: Patched, text: string): [string[], Position[]] {
	const hex: string[] = [];
	const positions: Position[] = [];
	let x = 0;
	for (const c of clustersOf(font, text)) {
		const plain = oneToOne(c);
		// A glyph that stands for its whole cluster is as wide as the cluster: readers place the next
		// character by the glyph's width, and a gap where the outlines are would read as a space.
		const whole = c.positions.reduce((w, p) => w + p.xAdvance, 0);
		c.glyphs.forEach((glyph, i) => {
			const pos = c.positions[i]!;
			if (plain) {
				hex.push(
					glyphFor(font, glyph, String.fromCodePoint(...glyph.codePoints), pos.advanceWidth!)
						.toString(16)
						.padStart(4, '0')
				);
				positions.push({ ...pos });
			} else if (i === 0) {
				hex.push(glyphFor(font, glyph, c.text, whole).toString(16).padStart(4, '0'));
				positions.push({ ...pos, xAdvance: whole, advanceWidth: whole });
			} else font[PATCHED].outlines.push({ glyph, x: x + pos.xOffset, y: pos.yOffset });
			x += pos.xAdvance;
		});
	}
	return [hex, positions];
}

function width(font: Patched, text: string): number {
	let w = 0;
	for (const c of clustersOf(font, text)) for (const p of c.positions) w += p.xAdvance;
	return w;
}

/** Makes a pdfkit font lay out, measure and encode text cluster by cluster, as described above. */
export function patchFont(pdfFont: unknown): void {
	const font = pdfFont as Patched;
	if (font[PATCHED]) return;
	font[PATCHED] = { outlines: [], copies: new Map(), clusters: new Map(), advances: new Map() };
	const addGlyph = font.subset._addGlyph.bind(font.subset);
	font.subset._addGlyph = (id) => {
		const gid = addGlyph(id);
		const units = font[PATCHED].advances.get(gid);
		if (units !== undefined) font.subset.hmtx.metrics[gid]!.advance = units;
		return gid;
	};
	font.encode = (text) => encode(font, text);
	font.layout = (text) => ({ glyphs: null, positions: null, advanceWidth: width(font, text) });
	font.widthOfString = (text, size) => (width(font, text) * size) / 1000;
}

export interface TextOptions {
	link?: string | null;
	/** The Link structure element the link's annotation belongs to. */
	linkElement?: object;
	underline?: boolean;
	strike?: boolean;
	colour?: string;
}

type Internal = { _font: Patched; _fontSize: number; [FALLBACKS]?: Patched[] };
const FALLBACKS = Symbol('fallbacks');

/** Names the registered fonts that draw, in this order, what the text fonts lack (symbols, emoji). */
export function useFallbacks(pdf: PDFKit.PDFDocument, names: string[]): void {
	const internal = pdf as unknown as Internal;
	const current = internal._font;
	internal[FALLBACKS] = names.map((name) => {
		pdf.font(name);
		patchFont(internal._font);
		return internal._font;
	});
	internal._font = current;
}

/** Characters that draw nothing themselves and go with whichever font draws their neighbours. */
// eslint-disable-next-line no-misleading-character-class -- joiners and variation selectors one at a time, never combined
const JOINER = /^[\u200B-\u200D\u2060\uFE00-\uFE0F]$/u;
const covers = (font: Patched, cluster: string) =>
	[...cluster].every(
		(ch) => JOINER.test(ch) || (font.font as unknown as { hasGlyphForCodePoint(cp: number): boolean }).hasGlyphForCodePoint(ch.codePointAt(0)!)
	);

/** The text cut where the current font lacks a character and a fallback font has it. */
function segments(pdf: PDFKit.PDFDocument, text: string): { text: string; font: Patched }[] {
	const internal = pdf as unknown as Internal;
	const primary = internal._font;
	patchFont(primary);
	const out: { text: string; font: Patched }[] = [];
	for (const { segment } of graphemes.segment(text)) {
		const font = covers(primary, segment) ? primary : ((internal[FALLBACKS] ?? []).find((f) => covers(f, segment)) ?? primary);
		const last = out[out.length - 1];
		if (last && last.font === font) last.text += segment;
		else out.push({ text: segment, font });
	}
	return out;
}

/** The width of `text` in the current font and size, fallback fonts included. */
export function measureText(pdf: PDFKit.PDFDocument, text: string): number {
	const size = (pdf as unknown as Internal)._fontSize;
	return segments(pdf, text).reduce((w, s) => w + (width(s.font, s.text) * size) / 1000, 0);
}

/**
 * Draws one line of text with the current font and size, its top at `y`:
 * characters the font lacks in a fallback font, and the glyphs left out of
 * the text as filled outlines in the same place.
 */
export function drawText(pdf: PDFKit.PDFDocument, text: string, x: number, y: number, options: TextOptions = {}): void {
	const internal = pdf as unknown as Internal;
	const primary = internal._font;
	const colour = options.colour ?? 'black';
	const size = internal._fontSize;
	for (const part of segments(pdf, text)) {
		internal._font = part.font;
		const state = part.font[PATCHED];
		state.outlines.length = 0;
		// Each font sits on the text font's baseline, whatever its own ascent (pdfkit takes a number as the baseline's offset, negated).
		const baseline = y + (primary.ascender / 1000) * size;
		pdf.fillColor(colour).text(part.text, x, y, {
			lineBreak: false,
			baseline: y - baseline,
			underline: !!options.underline,
			strike: !!options.strike
		});
		if (options.link) {
			// Where pdfkit would put it, but carrying the text it covers (PDF/UA wants a link described) and tied to its Link element.
			const annotate = pdf.link as unknown as (x: number, y: number, w: number, h: number, url: string, o: object) => void;
			annotate.call(pdf, x, y, (width(part.font, part.text) * size) / 1000, pdf.currentLineHeight(), options.link, {
				...(options.linkElement ? { structParent: options.linkElement } : {}),
				Contents: new String(part.text)
			});
		}
		const em = size / part.font.font.unitsPerEm;
		for (const o of state.outlines.splice(0)) {
			pdf.save();
			pdf.transform(em, 0, 0, -em, x + (o.x * size) / 1000, baseline - (o.y * size) / 1000);
			pdf.path(o.glyph.path.toSVG()).fill(colour);
			pdf.restore();
		}
		x += (width(part.font, part.text) * size) / 1000;
	}
	internal._font = primary;
}

/**
 * Line breaking for Thai. Thai writes no spaces between words, so a line may
 * break only between the words that `Intl.Segmenter` finds (its dictionary
 * knows Thai), never inside one; Latin text breaks only at spaces. Pure: the
 * caller measures text in its own font.
 */

export interface Run<F extends string = string> {
	text: string;
	font: F;
	link?: string | null;
	underline?: boolean;
	strike?: boolean;
}
export interface Piece<F extends string = string> extends Run<F> {
	width: number;
}
export type Measure<F extends string> = (text: string, font: F) => number;

const THAI = /[\u0E00-\u0E7F]/;
/** Never at the start of a line: closing marks, Thai repetition and abbreviation signs. */
const NO_BREAK_BEFORE = /^[)\]}.,:;!?%”’»…ๆฯ]/;
/** Never at the end of a line: opening marks. */
const NO_BREAK_AFTER = /[([{“‘«]$/;

const words = new Intl.Segmenter('th', { granularity: 'word' });
const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });

interface Token<F extends string> {
	text: string;
	font: F;
	link: string | null;
	underline?: boolean;
	strike?: boolean;
	space: boolean;
	/** A forced line break (hard break in the content). */
	newline: boolean;
}

function tokenize<F extends string>(runs: Run<F>[]): Token<F>[] {
	const out: Token<F>[] = [];
	for (const run of runs) {
		run.text.split('\n').forEach((part, i) => {
			if (i > 0) out.push({ text: '', font: run.font, link: null, space: false, newline: true });
			for (const { segment } of words.segment(part)) {
				out.push({
					text: segment,
					font: run.font,
					link: run.link ?? null,
					underline: run.underline,
					strike: run.strike,
					space: /^\s+$/.test(segment),
					newline: false
				});
			}
		});
	}
	return out;
}

function mayBreakBetween(a: Token<string>, b: Token<string>): boolean {
	if (a.space || b.space) return true;
	if (!THAI.test(a.text) && !THAI.test(b.text)) return false;
	return !NO_BREAK_BEFORE.test(b.text) && !NO_BREAK_AFTER.test(a.text);
}

/** Tokens that must stay together: a word with its punctuation, or a run of whitespace. */
function units<F extends string>(tokens: Token<F>[]): Token<F>[][] {
	const out: Token<F>[][] = [];
	let current: Token<F>[] = [];
	for (const t of tokens) {
		const last = current[current.length - 1];
		if (t.newline || (last && (last.newline || mayBreakBetween(last, t)))) {
			if (current.length) out.push(current);
			current = [];
		}
		current.push(t);
	}
	if (current.length) out.push(current);
	return out;
}

/** Joins neighbouring tokens of the same font and link into pieces, measured once each. */
function pieces<F extends string>(tokens: Token<F>[], measure: Measure<F>): Piece<F>[] {
	const out: Piece<F>[] = [];
	for (const t of tokens) {
		const last = out[out.length - 1];
		if (last && last.font === t.font && (last.link ?? null) === t.link && !!last.underline === !!t.underline && !!last.strike === !!t.strike)
			last.text += t.text;
		else out.push({ text: t.text, font: t.font, link: t.link, ...(t.underline ? { underline: true } : {}), ...(t.strike ? { strike: true } : {}), width: 0 });
	}
	for (const p of out) p.width = measure(p.text, p.font);
	return out;
}

const widthOf = <F extends string>(tokens: Token<F>[], measure: Measure<F>) => tokens.reduce((w, t) => w + measure(t.text, t.font), 0);

/** Splits a unit wider than a whole line between grapheme clusters (never inside one). */
function splitUnit<F extends string>(unit: Token<F>[], maxWidth: number, measure: Measure<F>): Token<F>[][] {
	const out: Token<F>[][] = [];
	let line: Token<F>[] = [];
	let width = 0;
	for (const t of unit) {
		for (const { segment } of graphemes.segment(t.text)) {
			const w = measure(segment, t.font);
			if (line.length && width + w > maxWidth) {
				out.push(line);
				line = [];
				width = 0;
			}
			line.push({ ...t, text: segment });
			width += w;
		}
	}
	if (line.length) out.push(line);
	return out;
}

/** Breaks runs of text into lines no wider than `maxWidth`; each line is a list of measured pieces. */
export function breakLines<F extends string>(runs: Run<F>[], maxWidth: number, measure: Measure<F>): Piece<F>[][] {
	const lines: Token<F>[][] = [];
	let line: Token<F>[] = [];
	let width = 0;
	const flush = () => {
		while (line.length && line[line.length - 1]!.space) line.pop();
		lines.push(line);
		line = [];
		width = 0;
	};
	for (const unit of units(tokenize(runs))) {
		if (unit[0]!.newline) {
			flush();
			continue;
		}
		const space = unit.every((t) => t.space);
		if (space && !line.length) continue;
		const w = widthOf(unit, measure);
		if (width + w <= maxWidth || space) {
			line.push(...unit);
			width += w;
			continue;
		}
		if (line.length) flush();
		if (w <= maxWidth) {
			line.push(...unit);
			width = w;
			continue;
		}
		const parts = splitUnit(unit, maxWidth, measure);
		for (const part of parts.slice(0, -1)) lines.push(part);
		line = parts[parts.length - 1] ?? [];
		width = widthOf(line, measure);
	}
	if (line.length || !lines.length) flush();
	return lines.map((l) => pieces(l, measure));
}

/**
 * The narrowest and widest a block of runs can be set: its widest unbreakable
 * unit (a word with its punctuation) and its longest line when nothing wraps.
 */
export function widthRange<F extends string>(runs: Run<F>[], measure: Measure<F>): { min: number; max: number } {
	let min = 0;
	let max = 0;
	let line = 0;
	for (const unit of units(tokenize(runs))) {
		if (unit[0]!.newline) {
			line = 0;
			continue;
		}
		const w = widthOf(unit, measure);
		if (!unit.every((t) => t.space)) min = Math.max(min, w);
		line += w;
		max = Math.max(max, line);
	}
	return { min, max };
}

import { inflateSync } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';

/**
 * Reads the text back out of the files the minutes export, as a person
 * searching them would: PDF through each font's ToUnicode map (glyph ids mean
 * nothing without it), DOCX from its document, header and footer parts.
 */

interface PdfObject {
	dict: string;
	stream: Buffer | null;
}

function objects(pdf: Uint8Array): Map<number, PdfObject> {
	const raw = Buffer.from(pdf).toString('latin1');
	const out = new Map<number, PdfObject>();
	const re = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
	for (let match = re.exec(raw); match; match = re.exec(raw)) {
		const body = match[2]!;
		const at = body.indexOf('stream');
		if (at < 0) {
			out.set(Number(match[1]), { dict: body, stream: null });
			continue;
		}
		const dict = body.slice(0, at);
		let data = body.slice(at + 'stream'.length).replace(/^\r?\n/, '');
		// The dictionary's length, where it is given directly: trimming line ends would cut a stream that ends in one.
		const length = /\/Length (\d+)(?!\s+\d+\s+R)/.exec(dict);
		data = length ? data.slice(0, Number(length[1])) : data.slice(0, data.lastIndexOf('endstream')).replace(/\r?\n$/, '');
		const bytes = Buffer.from(data, 'latin1');
		out.set(Number(match[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(bytes) : bytes });
	}
	return out;
}

const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');

function cmap(text: string): Map<string, string> {
	const map = new Map<string, string>();
	for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
		for (const [, src, dst] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(src!.toLowerCase(), utf16(dst!));
	}
	for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
		for (const [, lo, hi, rest] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g)) {
			const from = parseInt(lo!, 16);
			const to = parseInt(hi!, 16);
			// pdfkit writes `<>` for a glyph with no text and `<0e49 0e33>` for one with several characters.
			const list = rest!.startsWith('[') ? [...rest!.matchAll(/<([0-9a-fA-F\s]*)>/g)].map((x) => x[1]!.replace(/\s+/g, '')) : null;
			for (let code = from; code <= to; code++) {
				const key = code.toString(16).padStart(lo!.length, '0');
				if (list) map.set(key, utf16(list[code - from] ?? ''));
				else {
					const base = Buffer.from(rest!.slice(1, -1), 'hex');
					base.writeUInt16BE(base.readUInt16BE(base.length - 2) + (code - from), base.length - 2);
					map.set(key, base.swap16().toString('utf16le'));
				}
			}
		}
	}
	return map;
}

/** The text of a PDF, in drawing order; text objects are separated by newlines. */
export function pdfText(pdf: Uint8Array): string {
	const objs = objects(pdf);
	const fonts = new Map<string, Map<string, string>>();
	const ref = (dict: string, key: string) => Number(new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict)?.[1]);
	for (const o of objs.values()) {
		for (const [, name, num] of o.dict.matchAll(/\/(F\d+)\s+(\d+)\s+0\s+R/g)) {
			const font = objs.get(Number(num));
			const toUnicode = font ? objs.get(ref(font.dict, 'ToUnicode')) : undefined;
			if (toUnicode?.stream) fonts.set(name!, cmap(toUnicode.stream.toString('latin1')));
		}
	}
	let text = '';
	for (const o of objs.values()) {
		if (!o.stream || /\/(Length1|Subtype\s*\/(Image|XML))/.test(o.dict) || fonts.size === 0) continue;
		const content = o.stream.toString('latin1');
		if (!/\bBT\b/.test(content)) continue;
		let font: Map<string, string> | undefined;
		// Inside an ActualText span the span's text stands for its glyphs, as PDF readers take it.
		let actual = false;
		const tokens = /\/ActualText\s*<FEFF([0-9a-fA-F]*)>\s*>>\s*BDC|\bEMC\b|\/(F\d+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>|\bET\b/g;
		for (const [token, actualHex, fontName, hex] of content.matchAll(tokens)) {
			if (actualHex !== undefined) {
				text += utf16(actualHex);
				actual = true;
			} else if (token === 'EMC') actual = false;
			else if (fontName) font = fonts.get(fontName);
			else if (token === 'ET') text += actual ? '' : '\n';
			else if (hex !== undefined && font && !actual) for (let i = 0; i < hex.length; i += 4) text += font.get(hex.slice(i, i + 4).toLowerCase()) ?? '';
		}
	}
	return text;
}

/** The text of a DOCX (document, header and footer) and its parts, for looking at the markup too. */
export function docxParts(docx: Uint8Array): { text: string; parts: Record<string, string> } {
	const files = unzipSync(docx);
	const parts = Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
	const xmlText = (x = '') => x.replace(/<w:p[ >][\s\S]*?<\/w:p>/g, (p) => `${p.replace(/<[^>]+>/g, '')}\n`).replace(/<[^>]+>/g, '');
	const unescape = (s: string) =>
		s
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&quot;/g, '"')
			.replace(/&amp;/g, '&');
	const text = unescape([parts['word/header1.xml'], parts['word/document.xml'], parts['word/footer1.xml']].map(xmlText).join('\n'));
	return { text, parts };
}

/** Text with every kind of whitespace removed: Thai lines break between words, so compare without them. */
export const squeeze = (s: string) => s.replace(/\s+/g, '');

type PdfjsItems = Awaited<ReturnType<Awaited<ReturnType<import('pdfjs-dist').PDFDocumentProxy['getPage']>>['getTextContent']>>['items'];

/** Each page's text content as pdf.js reads it, marked content included when asked. */
async function pdfjsPages(pdf: Uint8Array, includeMarkedContent = false): Promise<PdfjsItems[]> {
	const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
	const task = getDocument({ data: pdf.slice(), disableFontFace: true, verbosity: 0 });
	try {
		const document = await task.promise;
		const pages: PdfjsItems[] = [];
		for (let n = 1; n <= document.numPages; n++) pages.push((await (await document.getPage(n)).getTextContent({ includeMarkedContent })).items);
		return pages;
	} finally {
		await task.destroy();
	}
}

/** The text of a PDF as pdf.js (Firefox's and Chrome's viewer's engine) extracts it: one string per page, its lines joined by newlines. */
export async function pdfjsText(pdf: Uint8Array): Promise<string[]> {
	return (await pdfjsPages(pdf)).map((items) => items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join(''));
}

/** One page's marked content as pdf.js reads it: text outside any, EMCs without their BDC, BDCs left open, and the text under each tag. */
export interface PageMarks {
	untagged: string[];
	stray: number;
	open: number;
	text: { tag: string; str: string }[];
}

/** What a screen reader and a tagged-PDF checker go by: every page's marked content, as pdf.js reads it. */
export async function pdfjsMarks(pdf: Uint8Array): Promise<PageMarks[]> {
	return (await pdfjsPages(pdf, true)).map((items) => {
		const page: PageMarks = { untagged: [], stray: 0, open: 0, text: [] };
		const tags: string[] = [];
		for (const item of items as { type?: string; tag?: string; str?: string }[]) {
			if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') tags.push(item.tag ?? '');
			else if (item.type === 'endMarkedContent') {
				if (tags.pop() === undefined) page.stray++;
			} else if (item.str?.trim()) {
				if (tags.length) page.text.push({ tag: tags.at(-1)!, str: item.str });
				else page.untagged.push(item.str);
			}
		}
		page.open = tags.length;
		return page;
	});
}

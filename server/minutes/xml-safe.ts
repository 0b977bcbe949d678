import type { PMNode } from '../rich-text/prosemirror';

/**
 * Characters XML 1.0 does not allow (C0 controls but tab and line ends, lone
 * surrogates, U+FFFE and U+FFFF). One U+FFFF made a Word file unopenable; the
 * PDF's XMP metadata is XML too. Every export strips them.
 */
const ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export const xmlSafe = (text: string): string => text.replace(ILLEGAL, '');

/** The content with every text stripped of what XML does not allow, attributes included. */
export function xmlSafeContent(node: PMNode): PMNode {
	const out: PMNode = { ...node };
	if (node.text !== undefined) out.text = xmlSafe(node.text);
	if (node.content) out.content = node.content.map(xmlSafeContent);
	if (node.marks)
		out.marks = node.marks.map((m) =>
			m.attrs ? { ...m, attrs: Object.fromEntries(Object.entries(m.attrs).map(([k, v]) => [k, typeof v === 'string' ? xmlSafe(v) : v])) } : m
		);
	if (node.attrs) out.attrs = Object.fromEntries(Object.entries(node.attrs).map(([k, v]) => [k, typeof v === 'string' ? xmlSafe(v) : v]));
	return out;
}

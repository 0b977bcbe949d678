import type { DOMOutputSpec, Mark, Node } from '@tiptap/pm/model';
import { safeHref } from '../../src/lib/safe-url';
import { editorSchema, type PMMark, type PMNode } from './prosemirror';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The target of a link mark in every rendering of minutes (HTML, Markdown,
 * DOCX, PDF), or null to show its text alone: only http, https and mailto
 * (src/lib/safe-url.ts). The href is kept as written, so the Markdown of an
 * approved version, and with it its SHA-256, does not change; whitespace,
 * quotes, angle brackets and control characters, which no editor writes,
 * make it text.
 */
export function linkHref(mark: PMMark): string | null {
	const href = mark.attrs?.href;
	// eslint-disable-next-line no-control-regex -- control characters are what this strips
	if (typeof href !== 'string' || !/^[^\s"'<>\u0000-\u001f\u007f]+$/.test(href)) return null;
	return safeHref(href) ? href : null;
}

/*
 * HTML is written from the editor's own node mapping: each node and mark type
 * of the schema (src/lib/rich-text/extensions.ts) says how it renders, through
 * the `renderHTML` of its extension, and that spec is serialised here without
 * a DOM. A node added to the editors therefore renders here at once. What the
 * spec may emit is narrowed: only the elements below, only the attributes
 * listed for them (with whole-number values), so classes, styles and targets
 * an extension adds for the editor never reach a page or an export.
 */
const ELEMENTS = new Set([
	'p',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'ul',
	'ol',
	'li',
	'blockquote',
	'pre',
	'code',
	'hr',
	'br',
	'strong',
	'em',
	's',
	'u',
	'table',
	'thead',
	'tbody',
	'tr',
	'th',
	'td'
]);
const VOID = new Set(['hr', 'br']);
const NUMBER_ATTRIBUTES: Record<string, { name: string; min: number; max: number }[]> = {
	ol: [{ name: 'start', min: 0, max: 1_000_000 }],
	th: [
		{ name: 'colspan', min: 2, max: 50 },
		{ name: 'rowspan', min: 2, max: 50 }
	],
	td: [
		{ name: 'colspan', min: 2, max: 50 },
		{ name: 'rowspan', min: 2, max: 50 }
	]
};

function attributes(tag: string, given: Record<string, unknown>): string {
	let out = '';
	for (const { name, min, max } of NUMBER_ATTRIBUTES[tag] ?? []) {
		const n = Number(given[name]);
		// An ordered list starting at 1 says nothing; the others only say what differs from the default.
		if (Number.isInteger(n) && n >= min && n <= max && !(tag === 'ol' && n === 1)) out += ` ${name}="${n}"`;
	}
	return out;
}

/** Serialises a ProseMirror DOM spec; `hole` fills its content hole (the 0). */
function serialise(spec: DOMOutputSpec, hole: () => string): string {
	if (typeof spec === 'string') return escape(spec);
	if (!Array.isArray(spec)) throw new Error('A node or mark renders to a DOM object, which the server cannot serialise');
	const [tag, ...rest] = spec as [string, ...unknown[]];
	const first = rest[0];
	const given = first && typeof first === 'object' && !Array.isArray(first) ? (first as Record<string, unknown>) : {};
	const children = given === first ? rest.slice(1) : rest;
	const name = tag.replace(/^.*\s/, '');
	const inner = children.map((c) => (c === 0 ? hole() : serialise(c as DOMOutputSpec, hole))).join('');
	// An element outside the list (a wrapper an extension adds for the editor) gives way to its content.
	if (!ELEMENTS.has(name)) return inner;
	if (VOID.has(name)) return `<${name}>`;
	return `<${name}${attributes(name, given)}>${inner}</${name}>`;
}

function mark(m: Mark, inner: string): string {
	if (m.type.name === 'link') {
		const href = linkHref(m.toJSON() as PMMark);
		return href ? `<a href="${escape(href)}" rel="noopener noreferrer">${inner}</a>` : inner;
	}
	const toDOM = m.type.spec.toDOM;
	return toDOM ? serialise(toDOM(m, true), () => inner) : inner;
}

function node(n: Node): string {
	if (n.isText) return n.marks.reduce((inner, m) => mark(m, inner), escape(n.text ?? ''));
	if (n.type.name === 'table') return table(n);
	const content = () => {
		let out = '';
		n.forEach((child) => (out += node(child)));
		return out;
	};
	if (n.type.name === 'doc') return content();
	const toDOM = n.type.spec.toDOM;
	return toDOM ? serialise(toDOM(n), content) : content();
}

/**
 * A table, its leading rows of header cells as its head with column scope,
 * wrapped so a narrow screen scrolls it sideways. The editor's own table spec
 * carries column widths for editing, which pages and exports leave to layout.
 */
function table(t: Node): string {
	const rows: Node[] = [];
	t.forEach((r) => rows.push(r));
	let head = 0;
	while (head < rows.length - 1 && rows[head]!.childCount && everyCell(rows[head]!, (c) => c.type.name === 'tableHeader')) head++;
	const row = (r: Node, scope: boolean) => {
		let cells = '';
		r.forEach((c) => {
			const tag = c.type.name === 'tableHeader' ? 'th' : 'td';
			let inner = '';
			c.forEach((b) => (inner += node(b)));
			cells += `<${tag}${tag === 'th' && scope ? ' scope="col"' : ''}${attributes(tag, c.attrs)}>${inner}</${tag}>`;
		});
		return `<tr>${cells}</tr>`;
	};
	const thead = head
		? `<thead>${rows
				.slice(0, head)
				.map((r) => row(r, true))
				.join('')}</thead>`
		: '';
	return `<div class="table-scroll"><table>${thead}<tbody>${rows
		.slice(head)
		.map((r) => row(r, false))
		.join('')}</tbody></table></div>`;
}

function everyCell(row: Node, test: (cell: Node) => boolean): boolean {
	let all = true;
	row.forEach((c) => (all &&= test(c)));
	return all;
}

/**
 * Minutes and terms of reference as HTML: content the editors' schema accepts,
 * rendered by its own mapping, every text escaped, only known elements, only
 * web links. Content the schema refuses (which no editor writes) shows as its
 * text in paragraphs, so nothing is hidden and nothing runs.
 */
export function renderHtml(content: PMNode): string {
	let parsed: Node;
	try {
		parsed = editorSchema().nodeFromJSON(content);
		parsed.check();
	} catch {
		return plainParagraphs(content);
	}
	return node(parsed);
}

function plainParagraphs(content: PMNode): string {
	const blocks: string[] = [];
	const walk = (n: PMNode, line: string[]): void => {
		if (n.type === 'text') line.push(n.text ?? '');
		else if (n.content?.some((c) => c.type === 'text')) {
			const own: string[] = [];
			n.content.forEach((c) => walk(c, own));
			blocks.push(own.join(''));
		} else (n.content ?? []).forEach((c) => walk(c, line));
	};
	walk(content, []);
	return blocks.map((b) => `<p>${escape(b)}</p>`).join('');
}

/**
 * Rendered content shown inside a page that has its own h1 (the meeting's
 * title): its headings move one level down, so the page keeps one h1 and the
 * outline stays whole. Safe on this module's output only, where every text
 * is escaped and a heading tag has no attributes.
 */
export function beneathPageHeading(html: string): string {
	return html.replace(/<(\/?)h([1-5])>/g, (_, close: string, level: string) => `<${close}h${Number(level) + 1}>`);
}

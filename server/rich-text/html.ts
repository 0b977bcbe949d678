import { safeHref } from '../../src/lib/safe-url';
import type { PMMark, PMNode } from './prosemirror';

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

const markTags: Record<string, [string, string]> = {
	bold: ['<strong>', '</strong>'],
	italic: ['<em>', '</em>'],
	strike: ['<s>', '</s>'],
	underline: ['<u>', '</u>'],
	code: ['<code>', '</code>']
};

function inline(node: PMNode): string {
	if (node.type === 'hardBreak') return '<br>';
	if (node.type !== 'text') return (node.content ?? []).map(inline).join('');
	let out = escape(node.text ?? '');
	for (const mark of node.marks ?? []) {
		if (mark.type === 'link') {
			const href = linkHref(mark);
			if (href) out = `<a href="${escape(href)}" rel="noopener noreferrer">${out}</a>`;
		} else if (markTags[mark.type]) out = `${markTags[mark.type]![0]}${out}${markTags[mark.type]![1]}`;
	}
	return out;
}

function block(node: PMNode): string {
	const children = () => (node.content ?? []).map(block).join('');
	switch (node.type) {
		case 'doc':
			return children();
		case 'paragraph':
			return `<p>${(node.content ?? []).map(inline).join('')}</p>`;
		case 'heading': {
			const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 2));
			return `<h${level}>${(node.content ?? []).map(inline).join('')}</h${level}>`;
		}
		case 'bulletList':
			return `<ul>${children()}</ul>`;
		case 'orderedList': {
			const start = Number(node.attrs?.start) || 1;
			return `<ol${start !== 1 ? ` start="${start}"` : ''}>${children()}</ol>`;
		}
		case 'listItem':
			return `<li>${children()}</li>`;
		case 'blockquote':
			return `<blockquote>${children()}</blockquote>`;
		case 'codeBlock':
			return `<pre><code>${escape((node.content ?? []).map((n) => n.text ?? '').join(''))}</code></pre>`;
		case 'horizontalRule':
			return '<hr>';
		case 'table':
			return table(node);
		case 'text':
		case 'hardBreak':
			return inline(node);
		default:
			return children();
	}
}

const ALIGN = new Set(['left', 'center', 'right']);

function cell(node: PMNode, scope: boolean): string {
	const tag = node.type === 'tableHeader' ? 'th' : 'td';
	const span = (name: string) => {
		const n = Math.floor(Number(node.attrs?.[name]));
		return n > 1 && n <= 50 ? ` ${name}="${n}"` : '';
	};
	const align = typeof node.attrs?.align === 'string' && ALIGN.has(node.attrs.align) ? ` style="text-align:${node.attrs.align}"` : '';
	return `<${tag}${tag === 'th' && scope ? ' scope="col"' : ''}${span('colspan')}${span('rowspan')}${align}>${(node.content ?? []).map(block).join('')}</${tag}>`;
}

/** A table, its leading rows of header cells as its head; wrapped so a narrow screen scrolls it sideways. */
function table(node: PMNode): string {
	const rows = node.content ?? [];
	let head = 0;
	while (head < rows.length - 1 && rows[head]!.content?.length && rows[head]!.content!.every((c) => c.type === 'tableHeader')) head++;
	const row = (r: PMNode, scope: boolean) => `<tr>${(r.content ?? []).map((c) => cell(c, scope)).join('')}</tr>`;
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

/** Minutes content as HTML: every text escaped, only known elements, only web links. */
export function renderHtml(content: PMNode): string {
	return block(content);
}

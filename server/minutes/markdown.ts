import type { PMNode } from '../rich-text/prosemirror';
import { linkHref } from '../rich-text/html';
import { tableGrid, type GridCell } from './table';

/**
 * Escapes what Markdown would read as inline syntax or HTML: emphasis, code,
 * links, images, tags, tables, and entity references such as `&lt;` (which a
 * renderer would turn into the character). Thai text passes through untouched.
 */
function escape(s: string): string {
	return s.replace(/([\\`*_[\]<>~|])/g, '\\$1').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/**
 * What would open a block at the start of a line: an ATX heading, a list item,
 * a setext underline or a thematic break (dashes, spaces between them or not:
 * `--- ---` is a rule too). (`>`, `*`, `_`, `|` and fences are escaped
 * wherever they stand.)
 */
const BLOCK_START = /^(#{1,6}(?=[ \t]|$)|[-+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|=+(?=[ \t]*$)|-(?=[- \t]*$))/;

/**
 * Every line of a paragraph reads as text: after a hard break as at the start,
 * a line never opens a heading, a list or a rule. Leading whitespace goes (a
 * renderer drops it anyway, or reads four spaces as code).
 */
function escapeLines(text: string): string {
	return text
		.split(HARD_BREAK)
		.map((line) =>
			line.trimStart().replace(BLOCK_START, (marker: string) => (/^\d/.test(marker) ? `${marker.slice(0, -1)}\\${marker.slice(-1)}` : `\\${marker}`))
		)
		.join(HARD_BREAK);
}

const HARD_BREAK = '\\\n';

/** Plain text (a footer line, a banner) as Markdown that shows it as it is. */
export function markdownText(text: string): string {
	return escapeLines(escape(text).replace(/\r\n?|\n/g, HARD_BREAK));
}

const wrap: Record<string, string> = { bold: '**', italic: '*', strike: '~~' };

function inline(nodes: PMNode[] = []): string {
	const out = nodes
		.map((node) => {
			if (node.type === 'hardBreak') return HARD_BREAK;
			if (node.type !== 'text') return inline(node.content);
			const marks = node.marks ?? [];
			// A line feed inside text is a line break, as the PDF draws it; as a bare newline it could open a block.
			const raw = (node.text ?? '').replace(/\r\n?|\n/g, '\n');
			if (marks.some((mk) => mk.type === 'code')) return `\`${raw.replace(/`/g, "'").replace(/\n/g, ' ')}\``;
			// Emphasis markers must hug the text: spaces stay outside them.
			const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(raw)!;
			let t = escape(core!).replace(/\n/g, HARD_BREAK);
			if (!t) return raw.replace(/\n/g, HARD_BREAK);
			for (const mk of marks) {
				if (wrap[mk.type]) t = `${wrap[mk.type]}${t}${wrap[mk.type]}`;
				else if (mk.type === 'link') {
					const href = linkHref(mk);
					if (href) t = `[${t}](${href.replace(/[()\s]/g, encodeURIComponent)})`;
				}
			}
			return `${lead}${t}${trail}`;
		})
		.join('');
	return escapeLines(out);
}

const indent = (text: string, by: string) =>
	text
		.split('\n')
		.map((line, i) => (i === 0 || !line ? line : by + line))
		.join('\n');

function blocks(nodes: PMNode[] = []): string {
	return nodes
		.map(block)
		.filter((b) => b !== '')
		.join('\n\n');
}

function block(node: PMNode): string {
	switch (node.type) {
		case 'doc':
			return blocks(node.content);
		case 'paragraph':
			return inline(node.content);
		case 'heading':
			return `${'#'.repeat(Math.min(6, Math.max(1, Number(node.attrs?.level) || 2)))} ${inline(node.content)}`;
		case 'bulletList':
			return (node.content ?? []).map((item) => `- ${indent(blocks(item.content), '  ')}`).join('\n');
		case 'orderedList': {
			const start = Number(node.attrs?.start) || 1;
			return (node.content ?? [])
				.map((item, i) => {
					const marker = `${start + i}. `;
					return marker + indent(blocks(item.content), ' '.repeat(marker.length));
				})
				.join('\n');
		}
		case 'blockquote':
			return blocks(node.content)
				.split('\n')
				.map((l) => (l ? `> ${l}` : '>'))
				.join('\n');
		case 'codeBlock': {
			const code = (node.content ?? []).map((n) => n.text ?? '').join('');
			// The fence is longer than any run of backticks inside, so the code cannot close it.
			const fence = '`'.repeat(Math.max(3, ...[...code.matchAll(/`+/g)].map((r) => r[0].length + 1)));
			return `${fence}\n${code}\n${fence}`;
		}
		case 'horizontalRule':
			return '---';
		case 'table':
			return table(node);
		default:
			return blocks(node.content);
	}
}

/**
 * One cell of a GFM table: its blocks on one line, separated by `<br>` (a
 * line break inside a cell), pipes escaped so they do not end the cell.
 */
function cellText(nodes: PMNode[]): string {
	const lines = nodes.flatMap(function flat(n: PMNode): string[] {
		if (n.type === 'paragraph' || n.type === 'heading') return [inline(n.content)];
		if (n.type === 'codeBlock') return [escape((n.content ?? []).map((t) => t.text ?? '').join(''))];
		if (n.type === 'horizontalRule') return [];
		return (n.content ?? []).flatMap(flat);
	});
	return lines
		.map((l) =>
			l
				.replace(/\\\n/g, '<br>')
				.replace(/\s*\n\s*/g, ' ')
				.trim()
		)
		.filter(Boolean)
		.join('<br>');
}

/** A GFM table; merged cells repeat nothing (the covered cells stay empty), and a table without a header row gets an empty one. */
function table(node: PMNode): string {
	const grid = tableGrid(node);
	if (!grid.columns) return '';
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	const row = (cells: GridCell[]) => {
		const out: string[] = Array.from({ length: grid.columns }, () => '');
		for (const c of cells) out[c.column] = cellText(c.content);
		return line(out);
	};
	const [first, ...rest] = grid.rows;
	const hasHeader = grid.headerRows > 0;
	return [
		hasHeader ? row(first!) : line(Array.from({ length: grid.columns }, () => '')),
		line(Array.from({ length: grid.columns }, () => '---')),
		...(hasHeader ? rest : grid.rows).map(row)
	].join('\n');
}

/** Minutes content as Markdown: the text a version's SHA-256 is taken over. */
export function renderMarkdown(content: PMNode): string {
	return `${block(content).trimEnd()}\n`;
}

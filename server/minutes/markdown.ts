import type { PMNode } from './prosemirror';
import { safeHref } from './html';

/** Escapes what Markdown would read as syntax; Thai text passes through untouched. */
function escape(s: string): string {
	return s.replace(/([\\`*_[\]<>~|])/g, '\\$1');
}
/** A line that would start a heading, list, quote or rule is escaped at its start. */
function escapeLineStart(s: string): string {
	return s.replace(/^(\s*)(#{1,6}\s|[-+]\s|>|(\d+)[.)]\s|-{3,}\s*$)/, (_all, ws: string, marker: string) => `${ws}\\${marker}`);
}

const wrap: Record<string, string> = { bold: '**', italic: '*', strike: '~~' };

function inline(nodes: PMNode[] = []): string {
	const out = nodes
		.map((node) => {
			if (node.type === 'hardBreak') return '\\\n';
			if (node.type !== 'text') return inline(node.content);
			const marks = node.marks ?? [];
			const raw = node.text ?? '';
			if (marks.some((mk) => mk.type === 'code')) return `\`${raw.replace(/`/g, "'")}\``;
			// Emphasis markers must hug the text: spaces stay outside them.
			const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(raw)!;
			let t = escape(core!);
			if (!t) return raw;
			for (const mk of marks) {
				if (wrap[mk.type]) t = `${wrap[mk.type]}${t}${wrap[mk.type]}`;
				else if (mk.type === 'link') {
					const href = safeHref(mk);
					if (href) t = `[${t}](${href.replace(/[()\s]/g, encodeURIComponent)})`;
				}
			}
			return `${lead}${t}${trail}`;
		})
		.join('');
	return escapeLineStart(out);
}

const indent = (text: string, by: string) =>
	text
		.split('\n')
		.map((line, i) => (i === 0 || !line ? line : by + line))
		.join('\n');

function blocks(nodes: PMNode[] = []): string {
	return nodes.map(block).filter((b) => b !== '').join('\n\n');
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
		case 'codeBlock':
			return `\`\`\`\n${(node.content ?? []).map((n) => n.text ?? '').join('')}\n\`\`\``;
		case 'horizontalRule':
			return '---';
		default:
			return blocks(node.content);
	}
}

/** Minutes content as Markdown: the text a version's SHA-256 is taken over. */
export function renderMarkdown(content: PMNode): string {
	return `${block(content).trimEnd()}\n`;
}

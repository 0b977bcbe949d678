import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { markdownText, renderMarkdown } from './markdown';
import {
	bulletList,
	doc,
	heading,
	listItem,
	orderedList,
	paragraph,
	table,
	tableCell,
	tableHeader,
	tableRow,
	text,
	type PMNode
} from '../rich-text/prosemirror';

/** CommonMark with GFM tables and strikethrough, raw HTML allowed: the most permissive common renderer. */
const md = new MarkdownIt({ html: true, linkify: false });
type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

interface Tree {
	type: string;
	children?: Tree[];
	text?: string;
}

const MARK_TOKENS: Record<string, string> = { strong: 'bold', em: 'italic', s: 'strike', link: 'link' };

/** A paragraph's inline content as one string: marks as tags around their text, line breaks as newlines. */
function inlineOf(children: Token[]): string {
	let out = '';
	for (const t of children) {
		if (t.type === 'text') out += t.content;
		else if (t.type === 'hardbreak' || t.type === 'softbreak') out += '\n';
		else if (t.type === 'html_inline' && /^<br\s*\/?>$/i.test(t.content)) out += '\n';
		else if (t.type === 'code_inline') out += `<code>${t.content}</code>`;
		else if (t.type.endsWith('_open') && MARK_TOKENS[t.type.slice(0, -5)])
			out += `<${MARK_TOKENS[t.type.slice(0, -5)]}${t.attrGet('href') ? ` ${t.attrGet('href')}` : ''}>`;
		else if (t.type.endsWith('_close') && MARK_TOKENS[t.type.slice(0, -6)]) out += `</${MARK_TOKENS[t.type.slice(0, -6)]}>`;
		else out += `<${t.type} ${t.content}>`;
	}
	return out.replace(/[ \t]*\n[ \t]*/g, '\n').trim();
}

/** The document tree markdown-it reads out of the Markdown. */
function parsed(markdown: string): Tree[] {
	const root: Tree = { type: 'root', children: [] };
	const stack = [root];
	for (const t of md.parse(markdown, {})) {
		const top = stack[stack.length - 1]!;
		if (t.nesting === 1) {
			const node: Tree = { type: t.type === 'heading_open' ? t.tag : t.type.replace(/_open$/, ''), children: [] };
			top.children!.push(node);
			stack.push(node);
		} else if (t.nesting === -1) stack.pop();
		else if (t.type === 'inline') top.children!.push({ type: 'inline', text: inlineOf(t.children ?? []) });
		else top.children!.push({ type: t.type, text: t.content });
	}
	return root.children!;
}

/** The tree the content should read as. */
function expected(node: PMNode): Tree[] {
	const inline = (nodes: PMNode[] = []): Tree => ({
		type: 'inline',
		text: nodes
			.map((n) => {
				if (n.type === 'hardBreak') return '\n';
				let t = n.text ?? '';
				for (const m of n.marks ?? []) {
					const name = m.type === 'link' ? `link ${m.attrs?.href}` : m.type;
					if (['bold', 'italic', 'strike', 'link'].includes(m.type)) t = t.trim() ? `<${name}>${t.trim()}</${m.type}>` : t;
				}
				return t;
			})
			.join('')
			.replace(/[ \t]*\n[ \t]*/g, '\n')
			.trim()
	});
	const kids = (n: PMNode) => (n.content ?? []).flatMap(expected);
	switch (node.type) {
		case 'doc':
			return kids(node);
		case 'paragraph':
			return [{ type: 'paragraph', children: [inline(node.content)] }];
		case 'heading':
			return [{ type: `h${node.attrs?.level}`, children: [inline(node.content)] }];
		case 'bulletList':
			return [{ type: 'bullet_list', children: kids(node) }];
		case 'orderedList':
			return [{ type: 'ordered_list', children: kids(node) }];
		case 'listItem':
			return [{ type: 'list_item', children: kids(node) }];
		case 'blockquote':
			return [{ type: 'blockquote', children: kids(node) }];
		case 'table': {
			const [head, ...body] = node.content ?? [];
			const row = (r: PMNode, cell: string) => ({
				type: 'tr',
				children: (r.content ?? []).map((c) => ({ type: cell, children: [inline((c.content ?? []).flatMap((p) => [...(p.content ?? [])]))] }))
			});
			return [
				{
					type: 'table',
					children: [
						{ type: 'thead', children: [row(head!, 'th')] },
						{ type: 'tbody', children: body.map((r) => row(r, 'td')) }
					]
				}
			];
		}
		default:
			return kids(node);
	}
}

const hard: PMNode = { type: 'hardBreak' };
const blockquote = (content: PMNode[]): PMNode => ({ type: 'blockquote', content });
/** Text that Markdown would take for structure, at the start of a line or anywhere. */
const NASTY = [
	'# ไม่ใช่หัวข้อ',
	'###### หกชั้น',
	'- ไม่ใช่รายการ',
	'+ บวก',
	'* ดอกจัน',
	'1. ไม่ใช่ลำดับ',
	'2) วงเล็บ',
	'> ไม่ใช่คำพูด',
	'---',
	'===',
	'***',
	'___',
	'- - -',
	'--- ---',
	'-- -\t-',
	'    สี่ช่องว่างไม่ใช่โค้ด',
	'```',
	'~~~',
	'| ก | ข |',
	'<img src=x onerror=alert(1)>',
	'<script>alert(1)</script>',
	'[ลิงก์](javascript:alert(1))',
	'![รูป](https://example.org/x.png)',
	'<https://example.org>',
	'&lt;b&gt; &amp; &#60;',
	'*เน้น* _เน้น_ **หนา** ~~ขีด~~ `โค้ด`',
	'ปิดท้ายด้วย \\',
	'[^1]: เชิงอรรถ',
	'<!-- ความเห็น -->'
];

describe('Markdown of minutes content, read by a CommonMark parser', () => {
	it('keeps the structure and shows every text as text, at the start of a paragraph and after a hard break', () => {
		const content = doc([
			heading(1, '# รายงานการประชุม <b>'),
			...NASTY.map((t) => paragraph(t)),
			paragraph(...NASTY.flatMap((t) => ['ก่อนขึ้นบรรทัด', hard, t])),
			paragraph(
				text('หนา', [{ type: 'bold' }]),
				' ',
				text('ลิงก์', [{ type: 'link', attrs: { href: 'https://example.org/ก' } }]),
				' ',
				text('อันตราย', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }])
			),
			orderedList([listItem(paragraph('- ข้อแรก'), paragraph('# ต่อ')), listItem(paragraph('1. ข้อสอง', hard, '> ต่อ'))]),
			bulletList([listItem(paragraph('+ ก'))]),
			blockquote([paragraph('= ข')]),
			table([
				tableRow([tableHeader(paragraph('| หัว')), tableHeader(paragraph('- หัว'))]),
				tableRow([tableCell(paragraph('<b>ก</b>', hard, '# ข')), tableCell(paragraph('ค'))])
			])
		]);
		const markdown = renderMarkdown(content);
		const want = expected(content);
		// The unsafe link keeps its words and loses its target.
		(want[NASTY.length + 2]!.children![0]!.text as string) = '<bold>หนา</bold> <link https://example.org/ก>ลิงก์</link> อันตราย';
		const got = parsed(markdown);
		// markdown-it percent-encodes link targets.
		const decode = (trees: Tree[]): Tree[] =>
			trees.map((t) => ({ ...t, ...(t.text !== undefined ? { text: decodeURI(t.text) } : {}), ...(t.children ? { children: decode(t.children) } : {}) }));
		expect(decode(got)).toEqual(want);
		expect(markdown).not.toMatch(/(?<!\\)<(img|script|b>|!--)/);
	});

	const piece = fc.oneof(fc.constantFrom(...NASTY, 'ข้อความไทย', ' ', '\\', '#', '-', '1.', '=', '`', '&amp;'), fc.string({ maxLength: 6 }));
	it('never lets a paragraph of arbitrary text and hard breaks read as anything but that paragraph', () => {
		fc.assert(
			fc.property(fc.array(fc.array(piece, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (lines) => {
				const texts = lines.map((l) => l.join('').replace(/[\r\n]/g, ' ')).filter((l) => l.trim());
				fc.pre(texts.length > 0);
				const content = doc([paragraph(...texts.flatMap((t, i) => (i ? [hard, t] : [t])))]);
				expect(parsed(renderMarkdown(content))).toEqual(expected(content));
			}),
			{ numRuns: 300 }
		);
	});

	it('writes plain text such as a footer line so that it shows as written', () => {
		const reason = '<img src=x onerror=alert(1)> [ดู](javascript:alert(1))\n# หัวข้อ\n- รายการ';
		expect(parsed(markdownText(reason))).toEqual([
			{ type: 'paragraph', children: [{ type: 'inline', text: '<img src=x onerror=alert(1)> [ดู](javascript:alert(1))\n# หัวข้อ\n- รายการ' }] }
		]);
	});
});

import { text, type PMNode } from '../../server/rich-text/prosemirror';
import type { Rendition } from '../../server/minutes/rendition';

/**
 * What the minutes tests hand to a renderer: Thai, final unless said
 * otherwise, pages numbered as the minutes number them. A test names only
 * what it is about (a title, the draft mark, a footer).
 */
export function rendition(content: PMNode, o: { title?: string; draft?: boolean; footer?: string[]; banner?: string } = {}): Rendition {
	return {
		locale: 'th',
		title: o.title ?? 'ทดสอบ',
		content,
		markdown: null,
		draft: o.draft ?? false,
		footer: o.footer ?? [],
		labels: { draftMark: 'ร่าง', draftBanner: o.banner ?? 'ร่าง', page: (p, n) => `หน้า ${p}/${n}` }
	};
}

/** A run of text linked to `href`, checked or not: the renderers decide what to keep. */
export const link = (value: string, href: unknown): PMNode => text(value, [{ type: 'link', attrs: { href } as Record<string, string> }]);

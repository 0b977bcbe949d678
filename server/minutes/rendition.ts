import type { Locale } from '../../src/lib/paraglide/runtime';
import type { PMNode } from '../rich-text/prosemirror';

/** What an export renders: the content and the marks every page carries. */
export interface Rendition {
	locale: Locale;
	title: string;
	content: PMNode;
	/** A version's stored Markdown, the very text its hash covers; null for the draft. */
	markdown: string | null;
	/** A draft: every page says so ("ร่าง / DRAFT"). */
	draft: boolean;
	/** Lines printed at the foot of every page: the version, its approval and its hash. */
	footer: string[];
	/** Labels in the document's language. */
	labels: { draftMark: string; draftBanner: string; page: (page: number, pages: number) => string };
}

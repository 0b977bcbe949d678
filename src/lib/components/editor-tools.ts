import type { Editor } from '@tiptap/core';
import { m } from '$lib/paraglide/messages';

/** A toolbar button of a rich-text editor. */
export interface EditorTool {
	label: string;
	text: string;
	active: boolean;
	run: () => void;
}

/** The formatting every editor of the app offers: bold, italic, a heading, bulleted and numbered lists. */
export function formattingTools(e: Editor): EditorTool[] {
	return [
		{ label: m.notes_bold(), text: 'B', active: e.isActive('bold'), run: () => e.chain().focus().toggleBold().run() },
		{ label: m.notes_italic(), text: 'I', active: e.isActive('italic'), run: () => e.chain().focus().toggleItalic().run() },
		{ label: m.notes_heading(), text: 'H', active: e.isActive('heading', { level: 3 }), run: () => e.chain().focus().toggleHeading({ level: 3 }).run() },
		{ label: m.notes_bullets(), text: '•', active: e.isActive('bulletList'), run: () => e.chain().focus().toggleBulletList().run() },
		{ label: m.notes_numbers(), text: '1.', active: e.isActive('orderedList'), run: () => e.chain().focus().toggleOrderedList().run() }
	];
}

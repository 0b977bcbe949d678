import type { AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import { TrailingNode } from '@tiptap/extensions';
import { Plugin } from '@tiptap/pm/state';
// Relative: the server's schema (server/minutes/prosemirror.ts) loads this file outside SvelteKit.
import { isSafeLinkUrl } from '../safe-url';

/** Tab moves between cells and, past the last one, out of the editor: a keyboard never gets stuck in a table. */
const MinutesTable = Table.extend({
	addKeyboardShortcuts() {
		return { ...this.parent?.(), Tab: () => this.editor.commands.goToNextCell() };
	}
});

/**
 * The paragraph after a final table or rule, where the caret can go, is added
 * by someone editing, never by an editor that only shows the document: there
 * it would be a change made by opening the document, which the server refuses
 * from a reader (and content the server writes ends with one already).
 */
const TrailingParagraph = TrailingNode.extend({
	addProseMirrorPlugins() {
		const editor = this.editor;
		return (this.parent?.() ?? []).map(
			(plugin) =>
				new Plugin({
					...plugin.spec,
					appendTransaction: (transactions, before, state) =>
						editor.isEditable ? plugin.spec.appendTransaction?.call(plugin, transactions, before, state) : undefined
				})
		);
	}
});

/**
 * The content extensions of every editor of meeting notes and minutes, and of
 * the server's schema (server/minutes/prosemirror.ts). One list for all: an
 * editor whose schema lacks a node deletes it from a shared document.
 */
export function documentExtensions(): AnyExtension[] {
	return [
		// Yjs keeps the history of a shared document; the editor's own undo would fight it.
		// A link whose target is not http, https or mailto is drawn without one (src/lib/safe-url.ts).
		StarterKit.configure({
			undoRedo: false,
			trailingNode: false,
			link: { openOnClick: false, protocols: ['http', 'https'], isAllowedUri: (url) => isSafeLinkUrl(url) }
		}),
		// Column widths are left to the layout (no resizing): a dragged width would follow the table into every export.
		MinutesTable.configure({ resizable: false, cellMinWidth: 88 }),
		TableRow,
		TableHeader,
		TableCell,
		TrailingParagraph
	];
}

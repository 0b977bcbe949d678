import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Selection } from '@tiptap/pm/state';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { BlockFocus, blockFocusKey, blockOf, blockPosition, focusReadOnlyBlock } from '$lib/components/minutes/block-focus';
import { documentExtensions } from '$lib/rich-text/extensions';

/**
 * The rich-text editor of notes and minutes drafts, with everything it needs
 * (Tiptap, ProseMirror, tables, the Yjs binding). It is the heaviest code of
 * the meeting page, so NotesEditor.svelte loads this module once the page is
 * usable, or as soon as someone reaches for the notes.
 */

export interface NotesEditorOptions {
	element: HTMLElement;
	fragment: Y.XmlFragment;
	awareness: Awareness;
	editable: boolean;
	attributes: Record<string, string>;
	blockFocus: boolean;
	onTransaction: () => void;
	onFocus: () => void;
}

/** Carets show the name and colour the server stamped on each person's presence. */
function caret(user: Record<string, string>) {
	const colour = user.colour ?? user.color ?? '#888';
	const el = document.createElement('span');
	el.classList.add('collaboration-carets__caret');
	el.style.borderColor = colour;
	const label = document.createElement('div');
	label.classList.add('collaboration-carets__label');
	label.style.backgroundColor = colour;
	label.textContent = user.name ?? '';
	el.append(label);
	return el;
}

export function createNotesEditor(o: NotesEditorOptions): Editor {
	return new Editor({
		element: o.element,
		editable: o.editable,
		extensions: [
			...documentExtensions(),
			Collaboration.configure({ fragment: o.fragment }),
			CollaborationCaret.configure({ provider: { awareness: o.awareness }, render: caret }),
			...(o.blockFocus ? [BlockFocus] : [])
		],
		editorProps: { attributes: o.attributes },
		onTransaction: o.onTransaction,
		onFocus: o.onFocus
	});
}

/** The top-level block holding the caret (editing) or the keyboard focus (reading), or null when neither is in the editor. */
export function currentBlock(e: Editor, element: HTMLElement, blockFocus: boolean): number | null {
	if (e.isEditable) return e.view.hasFocus() ? e.state.selection.$head.index(0) : null;
	return blockFocus && element.contains(document.activeElement) ? (blockFocusKey.getState(e.state) ?? 0) : null;
}

/** The element of top-level block `index`. */
export function blockElement(e: Editor, index: number): HTMLElement | null {
	if (index >= e.state.doc.childCount) return null;
	const dom = e.view.nodeDOM(blockPosition(e.state.doc, index));
	return dom instanceof HTMLElement ? dom : null;
}

/** The text of top-level block `index`, its cells and paragraphs separated by spaces. */
export function blockText(e: Editor, index: number): string {
	if (index >= e.state.doc.childCount) return '';
	const node = e.state.doc.child(index);
	return node.textBetween(0, node.content.size, ' ', ' ');
}

/** Which top-level block a node of the editor's DOM is in. */
export const blockAt = (e: Editor, target: Node): number | null => blockOf(e.view, target);

/** Puts the keyboard back on block `index`: the caret at its start when editing, else the block itself. */
export function focusBlock(e: Editor, index: number, blockFocus: boolean): void {
	if (!e.isEditable) {
		if (blockFocus) focusReadOnlyBlock(e.view, index);
		return;
	}
	const doc = e.state.doc;
	const i = Math.max(0, Math.min(index, doc.childCount - 1));
	e.view.dispatch(e.state.tr.setSelection(Selection.near(doc.resolve(blockPosition(doc, i) + 1))).scrollIntoView());
	e.view.focus();
}

import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';

/**
 * Keyboard reading of a document its reader cannot edit. Without editing
 * there is no caret, so the top-level blocks take focus instead: the document
 * is one Tab stop (the current block), the Up and Down arrows (and Home, End)
 * move between blocks. The plugin's state is the current block's index.
 */
export const blockFocusKey = new PluginKey<number>('blockFocus');

/** Where the top-level block `index` starts. */
export function blockPosition(doc: PMNode, index: number): number {
	let pos = 0;
	for (let i = 0; i < index && i < doc.childCount; i++) pos += doc.child(i).nodeSize;
	return pos;
}

/** The top-level block a DOM node of the editor belongs to. */
export function blockOf(view: EditorView, target: Node): number | null {
	let pos = 0;
	for (let i = 0; i < view.state.doc.childCount; i++) {
		if (view.nodeDOM(pos)?.contains(target)) return i;
		pos += view.state.doc.child(i).nodeSize;
	}
	return null;
}

/** Moves keyboard focus to a block of a read-only document. */
export function focusReadOnlyBlock(view: EditorView, index: number): void {
	const last = view.state.doc.childCount - 1;
	const i = Math.max(0, Math.min(index, last));
	const dom = view.nodeDOM(blockPosition(view.state.doc, i));
	if (dom instanceof HTMLElement) {
		dom.focus({ preventScroll: true });
		dom.scrollIntoView({ block: 'nearest' });
	}
	view.dispatch(view.state.tr.setMeta(blockFocusKey, i));
}

export const BlockFocus = Extension.create({
	name: 'blockFocus',
	addProseMirrorPlugins() {
		const editor = this.editor;
		return [
			new Plugin<number>({
				key: blockFocusKey,
				state: {
					init: () => 0,
					apply: (tr, index, _old, state) => {
						const meta: unknown = tr.getMeta(blockFocusKey);
						return Math.max(0, Math.min(typeof meta === 'number' ? meta : index, state.doc.childCount - 1));
					}
				},
				props: {
					decorations(state) {
						if (editor.isEditable) return null;
						const current = blockFocusKey.getState(state) ?? 0;
						const marks: Decoration[] = [];
						state.doc.forEach((node, offset, i) =>
							marks.push(Decoration.node(offset, offset + node.nodeSize, { tabindex: i === current ? '0' : '-1', class: 'focusable-block' }))
						);
						return DecorationSet.create(state.doc, marks);
					},
					handleDOMEvents: {
						keydown(view, event) {
							if (view.editable || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return false;
							const current = blockFocusKey.getState(view.state) ?? 0;
							const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: view.state.doc.childCount - 1 };
							if (!(event.key in moves)) return false;
							event.preventDefault();
							focusReadOnlyBlock(view, moves[event.key]!);
							return true;
						},
						focusin(view, event) {
							if (view.editable || !(event.target instanceof Node)) return false;
							const index = blockOf(view, event.target);
							if (index !== null && index !== blockFocusKey.getState(view.state)) view.dispatch(view.state.tr.setMeta(blockFocusKey, index));
							return false;
						}
					}
				}
			})
		];
	}
});

import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/** ProseMirror JSON, the one content format of the draft, the versions and every export. */
export interface PMMark {
	type: string;
	attrs?: Record<string, unknown>;
}
export interface PMNode {
	type: string;
	attrs?: Record<string, unknown>;
	content?: PMNode[];
	text?: string;
	marks?: PMMark[];
}

/** The fragment of `minutes:<meetingId>` that holds the draft. */
export const DRAFT_FRAGMENT = 'minutes';
export const minutesDocumentName = (meetingId: string) => `minutes:${meetingId}`;
export const meetingDocumentName = (meetingId: string) => `meeting:${meetingId}`;

/*
 * The same extensions as the browser's NotesEditor: a client whose schema lacks
 * a node deletes it from the shared document, so the server may only write
 * what every editor knows.
 */
let schema: ReturnType<typeof getSchema> | undefined;
export function editorSchema() {
	schema ??= getSchema([StarterKit.configure({ undoRedo: false, link: { openOnClick: false, protocols: ['http', 'https'] } })]);
	return schema;
}

export const doc = (content: PMNode[]): PMNode => ({ type: 'doc', content: content.length ? content : [paragraph()] });
export const text = (value: string, marks?: PMMark[]): PMNode => (marks?.length ? { type: 'text', text: value, marks } : { type: 'text', text: value });
export const bold = (value: string): PMNode => text(value, [{ type: 'bold' }]);
/** A paragraph of text pieces; empty strings are dropped (ProseMirror refuses empty text nodes). */
export function paragraph(...pieces: (PMNode | string)[]): PMNode {
	const content = pieces.map((p) => (typeof p === 'string' ? text(p) : p)).filter((n) => n.type !== 'text' || n.text);
	return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
}
export const heading = (level: 1 | 2 | 3, value: string): PMNode => ({ type: 'heading', attrs: { level }, content: value ? [text(value)] : undefined });
export const listItem = (...blocks: PMNode[]): PMNode => ({ type: 'listItem', content: blocks });
export const orderedList = (items: PMNode[]): PMNode => ({ type: 'orderedList', attrs: { start: 1 }, content: items });
export const bulletList = (items: PMNode[]): PMNode => ({ type: 'bulletList', content: items });

/** All text of a node, blocks separated by newlines. */
export function textOf(node: PMNode): string {
	if (node.type === 'text') return node.text ?? '';
	if (node.type === 'hardBreak') return '\n';
	const inner = (node.content ?? []).map(textOf);
	const inline = node.type === 'paragraph' || node.type === 'heading';
	return inline ? inner.join('') : inner.join('\n');
}

/** A copy of the document's state, so reading never touches (or repairs) a live document. */
function snapshot(live: Y.Doc): Y.Doc {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
	return copy;
}

/** Reads a fragment of a document as schema-checked ProseMirror JSON. */
export function readFragment(live: Y.Doc, name: string): PMNode {
	const copy = snapshot(live);
	try {
		return yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment(name), editorSchema()).toJSON() as PMNode;
	} finally {
		copy.destroy();
	}
}

/** Writes ProseMirror JSON into an empty fragment (inside the caller's transaction). */
export function writeFragment(fragment: Y.XmlFragment, content: PMNode): void {
	// Validates against the schema first, so invalid content fails here and not in an editor.
	editorSchema().nodeFromJSON(content).check();
	prosemirrorJSONToYXmlFragment(editorSchema(), content, fragment);
}

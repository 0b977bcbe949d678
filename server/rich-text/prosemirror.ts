import { getSchema } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { documentExtensions } from '../../src/lib/rich-text/extensions';

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
 * The same extensions as the browser's editors: a client whose schema lacks
 * a node deletes it from the shared document, so the server may only write
 * what every editor knows.
 */
let schema: ReturnType<typeof getSchema> | undefined;
export function editorSchema() {
	schema ??= getSchema(documentExtensions());
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
/** A cell holds blocks; an empty one holds an empty paragraph, as the editor would make it. */
const cell = (type: 'tableHeader' | 'tableCell', blocks: PMNode[]): PMNode => ({ type, content: blocks.length ? blocks : [paragraph()] });
export const tableHeader = (...blocks: PMNode[]): PMNode => cell('tableHeader', blocks);
export const tableCell = (...blocks: PMNode[]): PMNode => cell('tableCell', blocks);
export const tableRow = (cells: PMNode[]): PMNode => ({ type: 'tableRow', content: cells });
export const table = (rows: PMNode[]): PMNode => ({ type: 'table', content: rows });

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

/**
 * The content as an editor would leave it: ending with a paragraph, where the
 * caret can go after a final table or rule. Written otherwise, the first
 * editor to open the document would add that paragraph itself: a change made
 * by merely opening it, made again by every writer who opens it at the same
 * time, and refused from a reader.
 */
export function endingAsEditorsDo(content: PMNode): PMNode {
	const blocks = content.content ?? [];
	return blocks.at(-1)?.type === 'paragraph' ? content : { ...content, content: [...blocks, { type: 'paragraph' }] };
}

/** Writes ProseMirror JSON into an empty fragment (inside the caller's transaction). */
export function writeFragment(fragment: Y.XmlFragment, content: PMNode): void {
	const whole = endingAsEditorsDo(content);
	// Validates against the schema first, so invalid content fails here and not in an editor.
	editorSchema().nodeFromJSON(whole).check();
	prosemirrorJSONToYXmlFragment(editorSchema(), whole, fragment);
}

/**
 * Replaces a fragment's content with new content (inside the caller's
 * transaction), keeping every top-level block that is the same in both, in
 * order: anchors into a kept block (comments, carets) stay where they were.
 * Returns how many blocks were kept.
 */
export function replaceFragment(fragment: Y.XmlFragment, content: PMNode): number {
	const whole = endingAsEditorsDo(content);
	editorSchema().nodeFromJSON(whole).check();
	const scratch = new Y.Doc();
	try {
		const fresh = scratch.getXmlFragment('fresh');
		prosemirrorJSONToYXmlFragment(editorSchema(), whole, fresh);
		const next = fresh.toArray();
		// An element's XML (attributes sorted, marks as tags) is the same exactly when the block is.
		const kept = commonBlocks(fragment.toArray().map(String), next.map(String));
		const reused = new Set(kept.values());
		for (let i = fragment.length - 1; i >= 0; i--) if (!kept.has(i)) fragment.delete(i, 1);
		// What remains is the kept blocks in order; the new ones go in between, where they belong.
		next.forEach((block, j) => {
			if (!reused.has(j)) fragment.insert(j, [(block as Y.XmlElement | Y.XmlText).clone()]);
		});
		return kept.size;
	} finally {
		scratch.destroy();
	}
}

/** A longest common subsequence of two lists of blocks: old index → new index. */
function commonBlocks(before: string[], after: string[]): Map<number, number> {
	const n = before.length;
	const m = after.length;
	const longest = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) longest[i]![j] = before[i] === after[j] ? longest[i + 1]![j + 1]! + 1 : Math.max(longest[i + 1]![j]!, longest[i]![j + 1]!);
	}
	const pairs = new Map<number, number>();
	for (let i = 0, j = 0; i < n && j < m;) {
		if (before[i] === after[j]) pairs.set(i++, j++);
		else if (longest[i + 1]![j]! >= longest[i]![j + 1]!) i++;
		else j++;
	}
	return pairs;
}

import type { Kysely } from 'kysely';
import type * as Y from 'yjs';
import { blockIndex } from '../../src/lib/rich-text/anchors';
import { loadDocument } from '../collab/load';
import type { CollabServer } from '../collab/server';
import type { DB } from '../db/schema';
import { DRAFT_FRAGMENT, meetingDocumentName, minutesDocumentName, readFragment, replaceFragment, writeFragment, type PMNode } from '../rich-text/prosemirror';

/** The part of the collaboration server the minutes use. */
export type LiveDocuments = Pick<CollabServer, 'document' | 'change'>;

/**
 * Reads a live document as it is now: from memory when loaded (the newest
 * state), else from storage, where every update is durable before anyone saw it.
 */
async function withDocument<T>(db: Kysely<DB>, collab: LiveDocuments, name: string, read: (doc: Y.Doc) => T): Promise<T> {
	const loaded = collab.document(name);
	if (loaded) return read(loaded);
	const { doc } = await loadDocument(db, name);
	try {
		return read(doc);
	} finally {
		doc.destroy();
	}
}

const hasText = (n: PMNode): boolean => (n.type === 'text' && !!n.text?.trim()) || (n.content ?? []).some(hasText);

/** The notes of each agenda item, from the meeting's live document; empty paragraphs dropped. */
export function meetingNotes(db: Kysely<DB>, collab: LiveDocuments, meetingId: string, itemIds: string[]): Promise<Map<string, PMNode[]>> {
	return withDocument(db, collab, meetingDocumentName(meetingId), (doc) => {
		const notes = new Map<string, PMNode[]>();
		for (const id of itemIds)
			notes.set(
				id,
				(readFragment(doc, `notes:${id}`).content ?? []).filter((n) => hasText(n) || n.type === 'horizontalRule')
			);
		return notes;
	});
}

/** The draft minutes as they stand in `minutes:<meetingId>`. */
export function readDraft(db: Kysely<DB>, collab: LiveDocuments, meetingId: string): Promise<PMNode> {
	return withDocument(db, collab, minutesDocumentName(meetingId), (doc) => readFragment(doc, DRAFT_FRAGMENT));
}

/** True when the content holds any text at all. */
export const hasContent = (content: PMNode) => hasText(content);

/** Fills the draft document with its first content, durably; a document that already has content is left alone. */
export async function seedDraft(collab: LiveDocuments, meetingId: string, content: PMNode): Promise<void> {
	await collab.change(minutesDocumentName(meetingId), (doc) => {
		const fragment = doc.getXmlFragment(DRAFT_FRAGMENT);
		if (fragment.length === 0) writeFragment(fragment, content);
	});
}

/**
 * Rebuilds the draft from new content, durably and in one transaction, so
 * every editor sees the whole change at once. Blocks that are the same in both
 * stay as they are; of the given comment anchors (base64), returns those that
 * still point at a block of the draft.
 */
export async function replaceDraft(
	collab: LiveDocuments,
	meetingId: string,
	content: PMNode,
	anchors: string[]
): Promise<{ kept: number; anchored: Set<string> }> {
	let result = { kept: 0, anchored: new Set<string>() };
	await collab.change(minutesDocumentName(meetingId), (doc) => {
		const fragment = doc.getXmlFragment(DRAFT_FRAGMENT);
		const kept = replaceFragment(fragment, content);
		result = { kept, anchored: new Set(anchors.filter((a) => blockIndex(doc, fragment, new Uint8Array(Buffer.from(a, 'base64'))) !== null)) };
	});
	return result;
}

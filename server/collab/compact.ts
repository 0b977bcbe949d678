import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import type { DB } from '../db/schema';
import { rebuild } from './load';
import { foldIntoSnapshot, readDocument } from './storage';

/**
 * Folds a document's logged updates into one snapshot: a fresh, garbage-
 * collected Y.Doc rebuilt from the stored snapshot and rows, written by the
 * statement that deletes exactly the rows it folded. Deleted text is thus
 * gone from every live row (a VACUUM reclaims the dead ones).
 *
 * Runs beside the write queue, not inside it, so typing is not held up for
 * the rebuild. The queue commits several batches at once, so a row committed
 * after the read may have a smaller id than one that was read: the delete
 * names the folded rows one by one, and anything else is left for next time.
 * The caller runs at most one compaction per document.
 */
export async function compactDocument(db: Kysely<DB>, name: string): Promise<{ folded: number; bytes: number }> {
	const stored = await readDocument(db, name);
	if (!stored.updates.length) return { folded: 0, bytes: stored.snapshot?.length ?? 0 };
	const doc = await rebuild(name, stored);
	const state = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	await foldIntoSnapshot(db, name, state, stored.updates.map((u) => u.id));
	return { folded: stored.updates.length, bytes: state.length };
}

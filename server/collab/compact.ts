import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import type { DB } from '../db/schema';
import { rebuild } from './load';
import { deleteUpdatesThrough, readDocument, writeSnapshot } from './storage';

/**
 * Folds a document's logged updates into one snapshot: a fresh, garbage-
 * collected Y.Doc rebuilt from the stored snapshot and rows, written in the
 * transaction that deletes exactly the rows it folded. Deleted text is thus
 * gone from every live row (a VACUUM reclaims the dead ones).
 *
 * Runs beside the write queue, not inside it, so typing is not held up for
 * the rebuild: the queue inserts one batch at a time, so every row committed
 * after the read has a larger id than the last one folded and is left alone.
 * The caller runs at most one compaction per document.
 */
export async function compactDocument(db: Kysely<DB>, name: string): Promise<{ folded: number; bytes: number }> {
	const stored = await readDocument(db, name);
	const last = stored.updates.at(-1);
	if (!last) return { folded: 0, bytes: stored.snapshot?.length ?? 0 };
	const doc = await rebuild(name, stored);
	const state = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	await db.transaction().execute(async (tx) => {
		await writeSnapshot(tx, name, state);
		await deleteUpdatesThrough(tx, name, last.id);
	});
	return { folded: stored.updates.length, bytes: state.length };
}

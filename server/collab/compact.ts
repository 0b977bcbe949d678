import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import type { DB } from '../db/schema';
import type { LiveDocument } from './document';
import { foldIntoSnapshot } from './storage';

/**
 * Folds a loaded document's logged rows into one snapshot, written by the
 * statement that deletes exactly the rows it covers. Deleted text is thus gone
 * from every live row (a VACUUM reclaims the dead ones).
 *
 * The snapshot is the document in memory, not a rebuild from the log: it is
 * garbage-collected like a rebuild. It covers the write batches up to the one
 * holding the document's latest update when compaction starts, and it is
 * encoded only once they have committed: that batch may still be open and
 * take more updates meanwhile. By then every update of those batches is in
 * memory (updates still waiting for their dependencies included), and their
 * rows are known: they are the rows it replaces. It may also hold updates of
 * later batches; their rows stay for next time, whatever their ids
 * (PostgreSQL commits several batches at once, so ids need not follow batch
 * order), and applying them again changes nothing. Nothing is read back from
 * the database, and the only cost on the event loop is encoding the state.
 *
 * The caller runs at most one compaction per document.
 */
export async function compactDocument(
	db: Kysely<DB>,
	live: LiveDocument,
	settled: (batch: number) => Promise<void>
): Promise<{ folded: number; bytes: number }> {
	const covers = live.lastBatch;
	await settled(covers);
	const ids = live.logged.filter((row) => row.batch <= covers).map((row) => row.id);
	if (!ids.length) return { folded: 0, bytes: 0 };
	const state = Y.encodeStateAsUpdate(live.doc);
	await foldIntoSnapshot(db, live.name, state, ids);
	live.logged = live.logged.filter((row) => row.batch > covers);
	return { folded: ids.length, bytes: state.length };
}

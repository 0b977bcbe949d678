import { sql, type Kysely } from 'kysely';
import * as Y from 'yjs';
import type { DB } from '../db/schema';
import type { LiveDocument } from './document';
import { foldIntoSnapshot, readSnapshot } from './storage';

/** First key of the advisory locks that keep compactions of one document from overlapping across instances. */
const COMPACT_LOCK = 0x636f6d70;

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
 * The caller runs at most one compaction per document in this process.
 *
 * With other instances on the same database (`shared`), another instance may
 * compact the same document, from its own copy, which may lack updates it has
 * not received yet: the fold then runs in a transaction holding an advisory
 * lock keyed by the document (skipped when another instance holds it), and
 * first applies the stored snapshot to the copy in memory (`absorb`), so the
 * new snapshot covers the old one and every row either instance deleted.
 */
export async function compactDocument(
	db: Kysely<DB>,
	live: LiveDocument,
	settled: (batch: number) => Promise<void>,
	shared?: { absorb(stored: Uint8Array): void }
): Promise<{ folded: number; bytes: number; skipped?: true }> {
	const covers = live.lastBatch;
	await settled(covers);
	const ids = live.logged.filter((row) => row.batch <= covers).map((row) => row.id);
	if (!ids.length) return { folded: 0, bytes: 0 };
	let state: Uint8Array;
	if (!shared) {
		state = Y.encodeStateAsUpdate(live.doc);
		await foldIntoSnapshot(db, live.name, state, ids);
	} else {
		const folded = await db.transaction().execute(async (tx) => {
			const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${COMPACT_LOCK}, hashtext(${live.name})) as ok`.execute(tx);
			if (!rows[0]?.ok) return null;
			const stored = await readSnapshot(tx, live.name);
			if (stored) shared.absorb(stored);
			const merged = Y.encodeStateAsUpdate(live.doc);
			await foldIntoSnapshot(tx, live.name, merged, ids);
			return merged;
		});
		if (!folded) return { folded: 0, bytes: 0, skipped: true };
		state = folded;
	}
	live.logged = live.logged.filter((row) => row.batch > covers);
	return { folded: ids.length, bytes: state.length };
}

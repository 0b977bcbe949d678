import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import type { DB } from '../db/schema';
import { log } from '../log';
import { readDocument, type StoredDocument } from './storage';

/** Rows applied between yields to the event loop, so a rebuild never stalls the sockets for long. */
const ROWS_PER_SLICE = 32;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Builds a Y.Doc from its stored form. Garbage collection is on, so content
 * deleted in the log is dropped, not kept as tombstoned text. A row that does
 * not apply is skipped and logged rather than making the document unopenable.
 */
export async function rebuild(name: string, stored: StoredDocument): Promise<Y.Doc> {
	const doc = new Y.Doc({ gc: true });
	if (stored.snapshot) apply(doc, name, stored.snapshot, 'snapshot');
	for (let i = 0; i < stored.updates.length; i += ROWS_PER_SLICE) {
		if (i > 0) await yieldToEventLoop();
		doc.transact(() => {
			for (const row of stored.updates.slice(i, i + ROWS_PER_SLICE)) apply(doc, name, row.data, row.id);
		});
	}
	return doc;
}

function apply(doc: Y.Doc, name: string, data: Uint8Array, row: number | 'snapshot') {
	try {
		Y.applyUpdate(doc, data);
	} catch (error) {
		log.error('collab.stored_update_unreadable', { doc: name, row, error: error instanceof Error ? error : String(error) });
	}
}

/**
 * Content stored before the server refused incomplete updates can still wait
 * for dependencies that will never come; served, it would make every client
 * download it and wait on it too. It is dropped (and the caller compacts, so
 * it leaves the database).
 */
function dropPending(doc: Y.Doc, name: string): boolean {
	const store = doc.store;
	if (store.pendingStructs === null && store.pendingDs === null) return false;
	log.warn('collab.pending_dropped', { doc: name, structs: store.pendingStructs?.update.length ?? 0, deletions: store.pendingDs?.length ?? 0 });
	store.pendingStructs = null;
	store.pendingDs = null;
	return true;
}

/** Loads a document, the ids of its logged rows waiting for compaction, and its stored size. */
export async function loadDocument(db: Kysely<DB>, name: string): Promise<{ doc: Y.Doc; loggedIds: number[]; bytes: number; repaired: boolean }> {
	const started = performance.now();
	const stored = await readDocument(db, name);
	const doc = await rebuild(name, stored);
	const repaired = dropPending(doc, name);
	const bytes = (stored.snapshot?.length ?? 0) + stored.updates.reduce((n, u) => n + u.data.length, 0);
	log.debug('collab.loaded', { doc: name, updates: stored.updates.length, ms: Math.round(performance.now() - started) });
	return { doc, loggedIds: stored.updates.map((u) => u.id), bytes, repaired };
}

import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import type { DB } from '../db/schema';
import { log } from '../log';
import type { Connection } from './connection';
import type { LiveDocument } from './document';
import type { CollabSettings } from './settings';
import { appendUpdates } from './storage';


/** An update the server accepted and applied in memory, on its way to the database. */
export interface PendingUpdate {
	live: LiveDocument;
	update: Uint8Array;
	/** The connection it came from; null for server-side changes. */
	origin: Connection | null;
	/** Send it back to its origin too (it completed structs the origin may lack). */
	relayToOrigin: boolean;
	/** The origin's document-message count when it arrived, for acknowledgements. */
	seq: number;
}

/** What happens around a write batch; the relay stage implements it. */
export interface BatchListener {
	/** The batch leaves the queue: the documents' state now equals what this batch will make durable. */
	taken(batch: number, docs: Set<LiveDocument>): void;
	committed(batch: number, entries: PendingUpdate[]): void;
	failing(error: unknown, retryInMs: number): void;
	recovered(): void;
}

/**
 * One writer for all documents. Whatever accumulated while the previous commit
 * ran goes into the next one, so the commit rate adapts to the load. A failed
 * commit is retried with back-off and its updates stay in memory meanwhile.
 * Batches are inserted strictly one after another (compaction relies on it).
 */
export class WriteQueue {
	/** Number the next taken batch will have. */
	openBatch = 1;
	committedBatch = 0;
	private open: PendingUpdate[] = [];
	private inFlight: PendingUpdate[] = [];
	private bytes = 0;
	private running = false;
	private failing = false;
	private halted = false;
	private wake: (() => void) | null = null;
	private settledWaiters: { batch: number; resolve: () => void; reject: (e: Error) => void }[] = [];
	private idleWaiters: (() => void)[] = [];

	constructor(
		private readonly db: Kysely<DB>,
		private readonly settings: CollabSettings,
		private readonly listener: BatchListener
	) {}

	get queuedBytes(): number {
		return this.bytes;
	}

	get unavailable(): boolean {
		return this.failing;
	}

	/** An empty queue takes any one update, so a bound below the frame size cannot wedge a writer. */
	hasRoom(bytes: number): boolean {
		return this.bytes === 0 || this.bytes + bytes <= this.settings.maxQueuedBytes;
	}

	push(entry: PendingUpdate): void {
		this.open.push(entry);
		this.bytes += entry.update.length;
		entry.live.lastBatch = this.openBatch;
		this.kick();
	}

	/** Resolves once the given batch and all before it are committed; rejects if the queue stops first. */
	settled(batch: number): Promise<void> {
		if (batch <= this.committedBatch) return Promise.resolve();
		if (this.halted) return Promise.reject(new Error('collaboration server stopped before the update was durable'));
		return new Promise((resolve, reject) => this.settledWaiters.push({ batch, resolve, reject }));
	}

	/** Waits, at most `timeoutMs`, until every queued update is committed; true if they are. */
	async flush(timeoutMs: number): Promise<boolean> {
		if (!this.running) return true;
		let timer: NodeJS.Timeout | undefined;
		const idle = await Promise.race([
			new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true))),
			new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)))
		]);
		clearTimeout(timer);
		return idle;
	}

	/** Stops writing, for shutdown; returns how many accepted updates were never written. */
	stop(): number {
		this.halted = true;
		this.wake?.();
		const stopped = new Error('collaboration server stopped before the update was durable');
		for (const w of this.settledWaiters.splice(0)) w.reject(stopped);
		return this.open.length + this.inFlight.length;
	}

	private kick(): void {
		if (this.running || this.halted) return;
		this.running = true;
		// Commit at once: latency is what matters while people type. Under load the
		// batch still grows, from every frame read while the previous commit runs
		// (waiting a turn of the event loop for more cost more in latency than it
		// saved in commits; see bench:collab).
		queueMicrotask(() => void this.loop());
	}

	private async loop(): Promise<void> {
		try {
			while (!this.halted && this.open.length) await this.commitNext();
		} finally {
			this.running = false;
			for (const resolve of this.idleWaiters.splice(0)) resolve();
		}
	}

	private async commitNext(): Promise<void> {
		const entries = this.open;
		this.open = [];
		this.inFlight = entries;
		const batch = this.openBatch++;
		const docs = new Set(entries.map((e) => e.live));
		this.listener.taken(batch, docs);
		const rows = toRows(entries);
		let delay = this.settings.retryMinMs;
		for (;;) {
			try {
				await appendUpdates(this.db, rows);
				break;
			} catch (error) {
				if (!this.failing) log.error('collab.persist_failed', { error: error instanceof Error ? error : String(error) });
				this.failing = true;
				this.listener.failing(error, delay);
				await new Promise<void>((resolve) => {
					const timer = setTimeout(resolve, delay);
					this.wake = () => {
						clearTimeout(timer);
						resolve();
					};
				});
				this.wake = null;
				if (this.halted) {
					log.error('collab.updates_lost', { updates: entries.length, documents: docs.size });
					return;
				}
				delay = Math.min(delay * 2, this.settings.retryMaxMs);
			}
		}
		for (const e of entries) this.bytes -= e.update.length;
		this.inFlight = [];
		this.committedBatch = batch;
		if (this.failing) {
			this.failing = false;
			log.info('collab.persist_recovered', { batch });
			this.listener.recovered();
		}
		this.listener.committed(batch, entries);
		const ready = this.settledWaiters.filter((w) => w.batch <= batch);
		this.settledWaiters = this.settledWaiters.filter((w) => w.batch > batch);
		for (const w of ready) w.resolve();
	}
}

/** One row per document per batch: its updates merged, which Yjs guarantees equivalent. */
function toRows(entries: PendingUpdate[]): { doc_name: string; data: Uint8Array }[] {
	const byDoc = new Map<LiveDocument, Uint8Array[]>();
	for (const e of entries) {
		const list = byDoc.get(e.live);
		if (list) list.push(e.update);
		else byDoc.set(e.live, [e.update]);
	}
	const rows: { doc_name: string; data: Uint8Array }[] = [];
	for (const [live, updates] of byDoc) {
		if (updates.length === 1) rows.push({ doc_name: live.name, data: updates[0]! });
		else {
			try {
				rows.push({ doc_name: live.name, data: Y.mergeUpdates(updates) });
			} catch {
				for (const data of updates) rows.push({ doc_name: live.name, data });
			}
		}
	}
	return rows;
}

import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import type { DB } from '../db/schema';
import { log } from '../log';
import type { Connection } from './connection';
import type { LiveDocument } from './document';
import type { CollabSettings } from './settings';
import { appendUpdates, type LoggedRow } from './storage';
import type { CollabObserver } from './types';

/** An update the server accepted and applied in memory, on its way to the database. */
export interface PendingUpdate {
	live: LiveDocument;
	update: Uint8Array;
	/** The connection it came from; null for server-side changes. */
	origin: Connection | null;
	/** The origin's document-message count when it arrived, for acknowledgements. */
	seq: number;
}

/** What happens around a write batch; the relay stage implements it. */
export interface BatchListener {
	/** The batch leaves the queue: the documents' state now equals what this batch will make durable. */
	taken(batch: number, docs: Set<LiveDocument>): void;
	/** `written` holds, per document, what its log rows hold: the batch's updates of it, merged. */
	committed(batch: number, entries: PendingUpdate[], written: Map<LiveDocument, Uint8Array[]>): void;
	failing(error: unknown, retryInMs: number): void;
	recovered(): void;
}

interface Batch {
	number: number;
	entries: PendingUpdate[];
	/** Per document, the data of its rows in this batch. */
	written: Map<LiveDocument, Uint8Array[]>;
	/** The log rows the commit created; set once it succeeded. */
	logged: LoggedRow[] | null;
}

/**
 * One writer for all documents. An update is written as soon as it arrives,
 * while up to `commitsInFlight` earlier batches are still being committed
 * (the embedded engine runs them back to back, PostgreSQL on several
 * connections); whatever arrives beyond that waits and goes into one batch,
 * so the commit rate adapts to the load. Batches are reported committed
 * strictly in order, so "batch N is durable" always means "and all before it".
 * A failed commit is retried with back-off and its updates stay in memory
 * meanwhile; no new batch starts until the database answers again.
 */
export class WriteQueue {
	/** Number the next taken batch will have. */
	openBatch = 1;
	committedBatch = 0;
	/** performance.now() of the latest commit. */
	lastCommitAt = 0;
	private open: PendingUpdate[] = [];
	/** Taken batches, oldest first, until they are reported committed. */
	private inFlight: Batch[] = [];
	private bytes = 0;
	private scheduled = false;
	private failing = false;
	private halted = false;
	private readonly wakers = new Set<() => void>();
	private settledWaiters: { batch: number; resolve: () => void; reject: (e: Error) => void }[] = [];
	private idleWaiters: (() => void)[] = [];

	constructor(
		private readonly db: Kysely<DB>,
		private readonly settings: CollabSettings,
		private readonly listener: BatchListener,
		private readonly observer?: CollabObserver
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
		// Updates applied in one pass of the event loop (one frame) share a batch.
		if (this.scheduled || this.halted) return;
		this.scheduled = true;
		queueMicrotask(() => {
			this.scheduled = false;
			this.pump();
		});
	}

	/** Resolves once the given batch and all before it are committed; rejects if the queue stops first. */
	settled(batch: number): Promise<void> {
		if (batch <= this.committedBatch) return Promise.resolve();
		if (this.halted) return Promise.reject(new Error('collaboration server stopped before the update was durable'));
		return new Promise((resolve, reject) => this.settledWaiters.push({ batch, resolve, reject }));
	}

	/** Waits, at most `timeoutMs`, until every queued update is committed; true if they are. */
	async flush(timeoutMs: number): Promise<boolean> {
		if (this.idle) return true;
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
		for (const wake of this.wakers) wake();
		const stopped = new Error('collaboration server stopped before the update was durable');
		for (const w of this.settledWaiters.splice(0)) w.reject(stopped);
		return this.open.length + this.inFlight.reduce((n, b) => n + (b.logged ? 0 : b.entries.length), 0);
	}

	private get idle(): boolean {
		return this.open.length === 0 && this.inFlight.length === 0;
	}

	/** Starts batches while there is room in flight (only one while the database is failing). */
	private pump(): void {
		const limit = this.failing ? 1 : Math.max(1, this.settings.commitsInFlight);
		while (!this.halted && this.open.length && this.inFlight.length < limit) {
			const batch: Batch = { number: this.openBatch++, entries: this.open, written: merged(this.open), logged: null };
			this.open = [];
			this.inFlight.push(batch);
			this.listener.taken(batch.number, new Set(batch.entries.map((e) => e.live)));
			void this.write(batch);
		}
	}

	private async write(batch: Batch): Promise<void> {
		const rows = [...batch.written].flatMap(([live, data]) => data.map((d) => ({ doc_name: live.name, data: d })));
		const started = performance.now();
		let delay = this.settings.retryMinMs;
		for (;;) {
			try {
				batch.logged = await appendUpdates(this.db, rows);
				this.observer?.committed?.((performance.now() - started) / 1000, batch.entries.length);
				break;
			} catch (error) {
				if (!this.failing) log.error('collab.persist_failed', { error: error instanceof Error ? error : String(error) });
				this.failing = true;
				this.listener.failing(error, delay);
				await this.pause(delay);
				if (this.halted) {
					log.error('collab.updates_lost', { updates: batch.entries.length, documents: new Set(batch.entries.map((e) => e.live)).size });
					return;
				}
				delay = Math.min(delay * 2, this.settings.retryMaxMs);
			}
		}
		this.report();
		this.pump();
		if (this.idle) for (const resolve of this.idleWaiters.splice(0)) resolve();
	}

	/** Reports the committed batches at the head of the line, in order. */
	private report(): void {
		while (this.inFlight[0]?.logged) {
			const batch = this.inFlight.shift()!;
			const docs = new Map<string, LiveDocument>();
			for (const e of batch.entries) {
				this.bytes -= e.update.length;
				docs.set(e.live.name, e.live);
			}
			for (const row of batch.logged!) docs.get(row.doc_name)?.logged.push({ id: row.id, batch: batch.number });
			this.committedBatch = batch.number;
			this.lastCommitAt = performance.now();
			if (this.failing) {
				this.failing = false;
				log.info('collab.persist_recovered', { batch: batch.number });
				this.listener.recovered();
			}
			this.listener.committed(batch.number, batch.entries, batch.written);
		}
		const ready = this.settledWaiters.filter((w) => w.batch <= this.committedBatch);
		this.settledWaiters = this.settledWaiters.filter((w) => w.batch > this.committedBatch);
		for (const w of ready) w.resolve();
	}

	/** Sleeps before a retry; shutdown cuts it short. */
	private pause(ms: number): Promise<void> {
		return new Promise<void>((resolve) => {
			const wake = () => {
				clearTimeout(timer);
				this.wakers.delete(wake);
				resolve();
			};
			const timer = setTimeout(wake, ms);
			this.wakers.add(wake);
		});
	}
}

/**
 * Per document, its updates in the batch merged into one, which Yjs
 * guarantees equivalent: one log row, and one message to the other
 * instances. Should merging fail, each update goes on its own.
 */
function merged(entries: PendingUpdate[]): Map<LiveDocument, Uint8Array[]> {
	const byDoc = new Map<LiveDocument, Uint8Array[]>();
	for (const e of entries) {
		const list = byDoc.get(e.live);
		if (list) list.push(e.update);
		else byDoc.set(e.live, [e.update]);
	}
	for (const [live, updates] of byDoc) {
		if (updates.length < 2) continue;
		try {
			byDoc.set(live, [Y.mergeUpdates(updates)]);
		} catch {
			// Written and sent one by one.
		}
	}
	return byDoc;
}

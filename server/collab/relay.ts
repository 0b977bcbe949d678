import { encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { Connection } from './connection';
import type { LiveDocument } from './document';
import { encodeClaims, newClaims } from './owners';
import type { BatchListener, PendingUpdate, WriteQueue } from './persist';
import { encodeAwareness, encodeSyncStep2, encodeUpdate } from './wire';

/** Origin of changes that arrived from another instance: already durable, relayed here only. */
export const remoteOrigin = Symbol('concord.collab.remote');
/** Origin of another instance's update whose message this instance's sockets already have (replica.ts). */
export const relayedOrigin = Symbol('concord.collab.relayed');

export interface RelayHooks {
	/** Longest a presence change waits to be sent on with others of the same document. */
	presenceIntervalMs: number;
	/** A document's updates became durable (projection hooks, compaction threshold). */
	durable(live: LiveDocument): void;
	/** Every open connection, for notices that concern all of them. */
	connections(): Iterable<Connection>;
	/** Sends durable updates and this instance's presence changes on to the other instances. */
	publish?(name: string, kind: 'update' | 'awareness' | 'owners', payload: Uint8Array): void;
}

/**
 * The stage between the write queue and the sockets: nothing of a document
 * leaves the server before it is durable. Updates are relayed and sync
 * answers sent only once the batch holding them has committed.
 */
export class Relay implements BatchListener {
	private queue!: WriteQueue;
	private toldUnavailable = false;
	/** Each loaded document's 'update' listener, which steps aside while a relayed update is applied. */
	private readonly listeners = new WeakMap<LiveDocument, (update: Uint8Array, origin: unknown) => void>();

	constructor(private readonly hooks: RelayHooks) {}

	use(queue: WriteQueue): void {
		this.queue = queue;
	}

	/** Routes a loaded document's changes and presence through the server. */
	attach(live: LiveDocument): void {
		const onUpdate = (update: Uint8Array, origin: unknown) => {
			if (origin === remoteOrigin) {
				// Committed by the instance it came from: nothing to write, nothing to wait for. The
				// projection runs here too, so the rows follow whichever copy heard of it last.
				const message = encodeUpdate(update);
				for (const c of live.connections) c.send(message);
				this.hooks.durable(live);
				return;
			}
			const conn = origin instanceof Connection && origin.live === live ? origin : null;
			this.queue.push({ live, update, origin: conn, seq: conn ? conn.received : 0 });
			if (conn) conn.unsettled++;
		};
		this.listeners.set(live, onUpdate);
		live.doc.on('update', onUpdate);
		live.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
			const changed = added.concat(updated, removed);
			if (!changed.length) return;
			if (!live.presence) {
				const timer = setTimeout(() => this.sendPresence(live), this.hooks.presenceIntervalMs);
				timer.unref();
				live.presence = { clientIds: new Set(), local: new Set(), timer };
			}
			for (const id of changed) live.presence.clientIds.add(id);
			if (origin !== remoteOrigin && this.hooks.publish) for (const id of changed) live.presence.local.add(id);
		});
	}

	/**
	 * Applies another instance's update whose message this instance's sockets
	 * already have (replica.ts): committed there, it is neither written nor
	 * sent again here. Yjs encodes each transaction's change again only while
	 * the document has an 'update' listener (a walk over every client the
	 * document has known), so the listener steps aside while it is applied.
	 */
	applyRelayed(live: LiveDocument, apply: () => void): void {
		const listener = this.listeners.get(live);
		if (listener) live.doc.off('update', listener);
		try {
			apply();
		} finally {
			if (listener) live.doc.on('update', listener);
		}
		this.hooks.durable(live);
	}

	/**
	 * Presence is sent on in one message per document per interval: a meeting
	 * where everyone types moves every cursor on every keystroke, and fanning
	 * each move out at once would cost more than the edits themselves. A
	 * client's own state may come back to it; the awareness protocol ignores
	 * a state it already has.
	 */
	private sendPresence(live: LiveDocument): void {
		const pending = live.presence;
		live.presence = null;
		if (pending?.local.size) this.hooks.publish?.(live.name, 'awareness', encodeAwarenessUpdate(live.awareness, [...pending.local]));
		if (!pending || !live.connections.size) return;
		const ids = [...pending.clientIds];
		const message = encodeAwareness(encodeAwarenessUpdate(live.awareness, ids));
		for (const c of live.connections) {
			if (!ids.every((id) => c.clientIds.has(id))) c.send(message);
		}
	}

	/** Answers sync step 1 with state that is durable by the time it is sent. */
	answerSync(conn: Connection, stateVector: Uint8Array): void {
		const live = conn.live;
		if (live.lastBatch <= this.queue.committedBatch) {
			conn.send(encodeSyncStep2(Y.encodeStateAsUpdate(live.doc, stateVector)));
		} else if (live.lastBatch < this.queue.openBatch) {
			// Everything in memory is in the batch being committed: encode now, send after.
			live.heldAnswers.push({ batch: live.lastBatch, connection: conn, message: encodeSyncStep2(Y.encodeStateAsUpdate(live.doc, stateVector)) });
		} else {
			live.syncWaiters.push({ connection: conn, stateVector });
		}
	}

	taken(batch: number, docs: Set<LiveDocument>): void {
		for (const live of docs) {
			for (const w of live.syncWaiters) {
				live.heldAnswers.push({ batch, connection: w.connection, message: encodeSyncStep2(Y.encodeStateAsUpdate(live.doc, w.stateVector)) });
			}
			live.syncWaiters = [];
		}
	}

	committed(batch: number, entries: PendingUpdate[], written: Map<LiveDocument, Uint8Array[]>): void {
		const publish = this.hooks.publish;
		if (publish) {
			// The other instances' readers are a Redis hop further away: their message leaves first. node-redis
			// writes what is published on the event loop's next check phase, and this instance's readers get
			// the batch right behind it, rather than making it wait for one send per local socket.
			for (const [live, updates] of written) {
				// Who writes under which client id reaches the others before what they wrote.
				const claims = newClaims(live);
				if (claims.length) publish(live.name, 'owners', encodeClaims(claims));
				for (const u of updates) publish(live.name, 'update', u);
			}
			setImmediate(() => this.fanOut(entries));
		} else this.fanOut(entries);
		const origins = new Set<Connection>();
		const docs = new Set<LiveDocument>();
		for (const e of entries) {
			docs.add(e.live);
			if (e.origin) {
				e.origin.unsettled--;
				e.origin.durableSeq = e.seq;
				origins.add(e.origin);
			}
		}
		for (const c of origins) c.acknowledge(c.unsettled === 0 ? c.received : c.durableSeq);
		for (const live of docs) {
			if (live.heldAnswers.length) {
				const ready = live.heldAnswers.filter((a) => a.batch <= batch);
				live.heldAnswers = live.heldAnswers.filter((a) => a.batch > batch);
				for (const a of ready) a.connection.send(a.message);
			}
			this.hooks.durable(live);
		}
	}

	/** Sends committed updates to every socket of their document but the one they came from. */
	private fanOut(entries: PendingUpdate[]): void {
		for (const e of entries) {
			const readers = e.live.connections.size - (e.origin && e.live.connections.has(e.origin) ? 1 : 0);
			if (readers === 0) continue;
			const message = encodeUpdate(e.update);
			for (const c of e.live.connections) if (c !== e.origin) c.send(message);
		}
	}

	failing(): void {
		if (this.toldUnavailable) return;
		this.toldUnavailable = true;
		for (const c of this.hooks.connections()) c.notify('storage-unavailable');
	}

	recovered(): void {
		this.toldUnavailable = false;
		for (const c of this.hooks.connections()) c.notify('storage-restored');
	}
}

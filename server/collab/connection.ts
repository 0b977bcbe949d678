import type { RawData, WebSocket } from 'ws';
import { applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Notice } from '../../src/lib/collab/protocol';
import { log } from '../log';
import type { Admitted } from './authenticate';
import { stampAwareness, type Identity } from './awareness';
import type { LiveDocument } from './document';
import { TokenBucket } from './limits';
import type { WriteQueue } from './persist';
import { carriesNewContent } from './read-only';
import type { CollabSettings } from './settings';
import { encodeAwareness, encodeNotice, encodeSaved, FrameError, parseClientMessage } from './wire';

let nextId = 1;

/** One open socket on one document, with what the server knows about it. */
export class Connection {
	readonly id = nextId++;
	/** Awareness clientIDs this connection introduced. */
	readonly clientIds = new Set<number>();
	readonly bucket: TokenBucket;
	/** Document messages (sync step 2 or update) received so far. */
	received = 0;
	/** Accepted updates from this connection not yet durable. */
	unsettled = 0;
	/** Count of the latest of this connection's updates known durable. */
	durableSeq = 0;
	/** Highest count acknowledged with messageSaved. */
	acked = 0;
	/** While set, acknowledgements stop here: a later message is held as pending structs. */
	ackCeiling: number | null = null;
	/** A read-only client tried to edit: nothing after that may be reported as saved. */
	refusedEdit = false;
	droppedEdits = 0;
	alive = true;
	closing = false;

	constructor(
		readonly ws: WebSocket,
		readonly live: LiveDocument,
		readonly admission: Admitted,
		private readonly settings: CollabSettings
	) {
		this.bucket = new TokenBucket(settings.messagesPerSecond, settings.messageBurst);
	}

	get identity(): Identity {
		return this.admission.identity;
	}

	get mode(): 'read' | 'write' {
		return this.admission.mode;
	}

	send(message: Uint8Array): void {
		if (this.closing || this.ws.readyState !== this.ws.OPEN) return;
		if (this.ws.bufferedAmount > this.settings.maxBufferedBytes) {
			this.close(1013, 'reading too slowly');
			return;
		}
		this.ws.send(message);
	}

	close(code: number, reason: string): void {
		if (this.closing) return;
		this.closing = true;
		this.ws.close(code, reason);
	}

	/** Tells an opted-in client that its first `count` document messages are safe. */
	acknowledge(count: number): void {
		if (!this.admission.acks || this.refusedEdit) return;
		if (this.ackCeiling !== null) {
			if (this.live.hasPendingStructs) count = Math.min(count, this.ackCeiling);
			else this.ackCeiling = null;
		}
		if (count <= this.acked) return;
		this.acked = count;
		this.send(encodeSaved(count));
	}

	notify(notice: Notice): void {
		if (this.admission.acks) this.send(encodeNotice(notice));
	}
}

/** What handling a frame needs from the rest of the server. */
export interface FrameContext {
	queue: WriteQueue;
	answerSync(conn: Connection, stateVector: Uint8Array): void;
}

function bytesOf(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/** Handles one frame; a bad one closes this socket only, with a logged reason. */
export function handleFrame(ctx: FrameContext, conn: Connection, data: RawData, isBinary: boolean): void {
	if (conn.closing) return;
	try {
		if (!isBinary) throw new FrameError(1003, 'text frame');
		if (!conn.bucket.take()) throw new FrameError(1008, 'message rate limit exceeded');
		const frame = bytesOf(data);
		const message = parseClientMessage(frame);
		switch (message.type) {
			case 'sync-step-1':
				try {
					Y.decodeStateVector(message.stateVector);
				} catch {
					throw new FrameError(1007, 'state vector does not decode');
				}
				ctx.answerSync(conn, message.stateVector);
				break;
			case 'update':
				receiveUpdate(ctx, conn, message.update);
				break;
			case 'awareness': {
				const stamped = stampAwareness(conn.live, conn, message.update);
				if (stamped) applyAwarenessUpdate(conn.live.awareness, stamped, conn);
				break;
			}
			case 'query-awareness': {
				const ids = [...conn.live.awareness.getStates().keys()];
				if (ids.length) conn.send(encodeAwareness(encodeAwarenessUpdate(conn.live.awareness, ids)));
				break;
			}
		}
	} catch (error) {
		const fields = { doc: conn.live.name, user: conn.identity.id, connection: conn.id };
		if (error instanceof FrameError) {
			log.warn('collab.frame_rejected', { ...fields, code: error.code, reason: error.message });
			conn.close(error.code, error.message);
		} else {
			log.error('collab.frame_failed', { ...fields, error: error instanceof Error ? error : String(error) });
			conn.close(1011, 'internal error');
		}
	}
}

function decode(update: Uint8Array): ReturnType<typeof Y.decodeUpdate> {
	try {
		return Y.decodeUpdate(update);
	} catch {
		throw new FrameError(1007, 'update does not decode');
	}
}

function receiveUpdate(ctx: FrameContext, conn: Connection, update: Uint8Array): void {
	conn.received++;
	const live = conn.live;
	// Decoding first also keeps a half-valid update from half-applying.
	const decoded = decode(update);
	if (conn.mode === 'read') {
		if (carriesNewContent(live.doc, decoded)) {
			if (!conn.refusedEdit) log.info('collab.read_only_dropped', { doc: live.name, user: conn.identity.id, connection: conn.id });
			conn.refusedEdit = true;
			conn.droppedEdits++;
		} else conn.acknowledge(conn.received);
		return;
	}
	if (!ctx.queue.hasRoom(update.length)) {
		log.warn('collab.queue_full', { doc: live.name, user: conn.identity.id, queuedBytes: ctx.queue.queuedBytes });
		conn.close(1013, 'server busy, try again later');
		return;
	}
	const before = conn.unsettled;
	const store = live.doc.store;
	const pending = [store.pendingStructs, store.pendingDs];
	live.relayToOrigin = live.hasPendingStructs;
	try {
		Y.applyUpdate(live.doc, update, conn);
	} catch {
		throw new FrameError(1007, 'update does not apply');
	} finally {
		live.relayToOrigin = false;
	}
	// Yjs replaces the pending record whenever an update adds to it: then this
	// message is held in memory only, and must not be acknowledged yet.
	const heldBack =
		(store.pendingStructs !== null && store.pendingStructs !== pending[0]) ||
		(store.pendingDs !== null && store.pendingDs !== pending[1]);
	if (heldBack && conn.ackCeiling === null) conn.ackCeiling = conn.received - 1;
	if (conn.unsettled === before && conn.unsettled === 0) conn.acknowledge(conn.received);
}

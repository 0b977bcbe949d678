import type { RawData, WebSocket } from 'ws';
import { applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { closeCode, type Notice } from '../../src/lib/collab/protocol';
import { log } from '../log';
import type { Admitted, CollabHooks, GuardVerdict } from './types';
import { stampAwareness } from './awareness';
import type { Identity } from './types';
import type { LiveDocument } from './document';
import { analyseUpdate, MAX_VISITED } from './changes';
import { TokenBucket, type Allowance } from './limits';
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
	/** The state vector the upgrade carried, answered as the socket opened; the client's first sync step 1 repeats it. */
	answeredStateVector: Uint8Array | null = null;
	/** Accepted updates from this connection not yet durable. */
	unsettled = 0;
	/** Count of the latest of this connection's updates known durable. */
	durableSeq = 0;
	/** Highest count acknowledged with messageSaved. */
	acked = 0;
	/** A read-only client tried to edit: nothing after that may be reported as saved. */
	refusedEdit = false;
	droppedEdits = 0;
	/** Entities this connection added: its own undo may remove them again. */
	readonly added = new Set<string>();
	/** While a change waits for the guard's answer from the database, later frames wait here in order. */
	backlog: { data: RawData; isBinary: boolean; paid: boolean }[] | null = null;
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
		if (count <= this.acked) return;
		this.acked = count;
		this.send(encodeSaved(count));
	}

	notify(notice: Notice): void {
		if (this.admission.acks) this.send(encodeNotice(notice));
	}
}

/** Judges a writer's changes before they are applied (CollabHooks.guard). */
export type ChangeGuard = CollabHooks['guard'];

/** What handling a frame needs from the rest of the server. */
export interface FrameContext {
	queue: WriteQueue;
	answerSync(conn: Connection, stateVector: Uint8Array): void;
	/** Decides what a writer may change; a promise only when it must ask the database. */
	guard: ChangeGuard;
	/** Bounds on what one writer adds per minute and on a document's size. */
	allowance: Allowance;
	/** Records a refused change (log and audit); the connection is closed by the caller. */
	refused(conn: Connection, rule: string, detail?: string): void;
}

function bytesOf(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/** Handles one frame; a bad one closes this socket only, with a logged reason. */
export function handleFrame(ctx: FrameContext, conn: Connection, data: RawData, isBinary: boolean): void {
	if (conn.closing) return;
	if (conn.backlog) {
		if (!conn.bucket.take()) return frameFailed(conn, new FrameError(1008, 'message rate limit exceeded'));
		if (conn.backlog.length >= MAX_BACKLOG) return frameFailed(conn, new FrameError(1013, 'too many messages waiting'));
		// Its token is taken: a waiting frame is not charged again when it is handled.
		conn.backlog.push({ data, isBinary, paid: true });
		return;
	}
	return handleFrameNow(ctx, conn, data, isBinary, false);
}

function handleFrameNow(ctx: FrameContext, conn: Connection, data: RawData, isBinary: boolean, paid: boolean): void {
	try {
		if (!isBinary) throw new FrameError(1003, 'text frame');
		if (!paid && !conn.bucket.take()) throw new FrameError(1008, 'message rate limit exceeded');
		const frame = bytesOf(data);
		const message = parseClientMessage(frame);
		switch (message.type) {
			case 'sync-step-1':
				try {
					Y.decodeStateVector(message.stateVector);
				} catch {
					throw new FrameError(1007, 'state vector does not decode');
				}
				if (conn.answeredStateVector && sameBytes(conn.answeredStateVector, message.stateVector)) {
					// Answered already: only what changed since goes (through the same queue, so it cannot overtake that answer).
					conn.answeredStateVector = null;
					ctx.answerSync(conn, Y.encodeStateVector(conn.live.doc));
				} else ctx.answerSync(conn, message.stateVector);
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
		frameFailed(conn, error);
	}
}

function frameFailed(conn: Connection, error: unknown): void {
	const fields = { doc: conn.live.name, user: conn.identity.id, connection: conn.id };
	if (error instanceof FrameError) {
		log.warn('collab.frame_rejected', { ...fields, code: error.code, reason: error.message });
		conn.close(error.code, error.message);
	} else {
		log.error('collab.frame_failed', { ...fields, error: error instanceof Error ? error : String(error) });
		conn.close(1011, 'internal error');
	}
}

function decode(update: Uint8Array): ReturnType<typeof Y.decodeUpdate> {
	try {
		return Y.decodeUpdate(update);
	} catch {
		throw new FrameError(1007, 'update does not decode');
	}
}

/** What the server charges, in bytes of a writer's allowance, for each struct of the document an update makes it sweep. */
const SWEEP_COST = 16;
/** Frames one connection may have waiting behind a change the database is asked about. */
const MAX_BACKLOG = 512;

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
	// Nothing the document cannot apply at once is taken: it would wait in memory, be stored and served to everyone.
	const analysis = analyseUpdate(live.doc, decoded);
	if (!analysis.complete) return refuseChange(ctx, conn, 'incomplete', analysis.reason);
	// Each update is charged for its bytes and for the part of the document its deletions made the server sweep.
	const cost = update.length + analysis.visited * SWEEP_COST;
	if (analysis.visited > MAX_VISITED || !ctx.allowance.admit(live, conn.identity.id, cost)) return refuseChange(ctx, conn, 'too-much');
	if (ownedByOthers(conn, analysis.clients)) return refuseChange(ctx, conn, 'foreign-client');
	// An update that changes nothing visible (its content lands in collected content) still moves its client's clock.
	if (!analysis.changes.length) return apply(ctx, conn, update, conn.received, analysis.clients);
	const verdict = ctx.guard(conn, analysis.changes);
	if (!(verdict instanceof Promise)) return settle(ctx, conn, update, verdict, conn.received, analysis.clients);
	// The database is asked about a new id: this connection's later frames wait, in order.
	conn.backlog = [];
	const seq = conn.received;
	verdict
		.then((first): void | Promise<void> => {
			if (conn.closing) return;
			if (!first.ok) return refuseChange(ctx, conn, first.rule);
			// The document moved on while the database answered: judge the update again against it.
			const again = analyseUpdate(live.doc, decoded);
			if (!again.complete) return refuseChange(ctx, conn, 'incomplete', again.reason);
			if (ownedByOthers(conn, again.clients)) return refuseChange(ctx, conn, 'foreign-client');
			const second = ctx.guard(conn, again.changes);
			if (second instanceof Promise) return second.then((v) => settle(ctx, conn, update, v, seq, again.clients));
			settle(ctx, conn, update, second, seq, again.clients);
		})
		.catch((error: unknown) => frameFailed(conn, error))
		.finally(() => drain(ctx, conn));
}

/**
 * A Yjs client id belongs to the person who first writes with it in a
 * document. Someone else's update under that id would be taken as already
 * known, while its deletions still apply. (Presence is not a claim here: a
 * client id's presence can outlive its owner's socket.)
 */
function ownedByOthers(conn: Connection, clients: number[]): boolean {
	const owners = conn.live.clientOwners;
	const me = conn.identity.id;
	return clients.some((c) => {
		const owner = owners.get(c);
		return owner !== undefined && owner !== me;
	});
}

function drain(ctx: FrameContext, conn: Connection): void {
	const waiting = conn.backlog ?? [];
	conn.backlog = null;
	for (let i = 0; i < waiting.length; i++) {
		if (conn.closing) return;
		handleFrameNow(ctx, conn, waiting[i]!.data, waiting[i]!.isBinary, waiting[i]!.paid);
		if (conn.backlog) {
			// Another change went to the database: the rest wait behind it.
			(conn.backlog as { data: RawData; isBinary: boolean; paid: boolean }[]).push(...waiting.slice(i + 1));
			return;
		}
	}
}

function settle(ctx: FrameContext, conn: Connection, update: Uint8Array, verdict: GuardVerdict, seq: number, clients: number[]): void {
	if (conn.closing) return;
	if (!verdict.ok) return refuseChange(ctx, conn, verdict.rule);
	apply(ctx, conn, update, seq, clients);
}

/**
 * A refused change is not applied, relayed, stored or acknowledged. The
 * writer's copy now holds something the server never will, so the socket
 * closes with the rule named; the client starts again from the server's state.
 */
function refuseChange(ctx: FrameContext, conn: Connection, rule: string, detail?: string): void {
	ctx.refused(conn, rule, detail);
	conn.close(closeCode.changeRefused, `refused:${rule}`);
}

function apply(ctx: FrameContext, conn: Connection, update: Uint8Array, seq: number, clients: number[]): void {
	const live = conn.live;
	const before = conn.unsettled;
	const received = conn.received;
	// The relay stamps the update with the message count it answers to.
	conn.received = seq;
	try {
		Y.applyUpdate(live.doc, update, conn);
	} catch {
		throw new FrameError(1007, 'update does not apply');
	} finally {
		conn.received = received;
	}
	for (const c of clients) if (!live.clientOwners.has(c)) live.clientOwners.set(c, conn.identity.id);
	// The analysis found every dependency; should Yjs still hold something back, it is dropped, never stored.
	if (live.hasPendingStructs) {
		live.doc.store.pendingStructs = null;
		live.doc.store.pendingDs = null;
		return refuseChange(ctx, conn, 'incomplete', 'pending after apply');
	}
	if (conn.unsettled === before && conn.unsettled === 0) conn.acknowledge(seq);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

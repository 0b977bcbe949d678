import * as decoding from 'lib0/decoding';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { writeSyncStep1 } from 'y-protocols/sync';
import { adoptEarlySocket, takeEarlySocket } from './early-socket';
import { DeviceCopy, canKeep } from './local';
import { wipeDevice } from './wipe';
import {
	MAX_STATE_VECTOR_PARAM,
	ackParam,
	closeCode,
	encodeStateVectorParam,
	isDocumentMessage,
	refusedRule,
	messageNotice,
	messageQueryAwareness,
	messageSaved,
	messageSync,
	notices,
	stateVectorParam,
	syncStep2,
	type Notice
} from './protocol';
import { CollabStatus } from './status.svelte';

type SocketClass = NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill'] &
	(new (url: string | URL, protocols?: string | string[]) => WebSocket);

export interface CollabClientOptions {
	/** Base URL of the collaboration endpoint; `/collab` on the page's own origin by default. */
	serverUrl?: string;
	/** WebSocket implementation; the browser's own by default (Node tests pass one built on `ws`). */
	WebSocket?: SocketClass;
	/** Reconnect back-off: the first delay and the cap, in milliseconds. */
	backoff?: { baseMs: number; maxMs: number };
	/** Keep a copy on this device (IndexedDB) so offline edits survive a reload. Never for case documents. */
	keep?: boolean;
	/** Where the copy is kept: IndexedDB (`DeviceCopy`) by default; tests give one whose timing they control. */
	deviceCopy?: (name: string, doc: Y.Doc) => KeptCopy;
	/**
	 * Ask the server something every `everyMs` and drop a socket silent for `timeoutMs`, so a lost
	 * network shows within seconds; on in the browser by default, `false` turns it off.
	 */
	heartbeat?: { everyMs: number; timeoutMs: number } | false;
}

export interface CollabClient {
	provider: WebsocketProvider;
	status: CollabStatus;
	destroy(): void;
	/** Closes the connection and deletes the device copy, which must not come back (a refused change). */
	discard(): Promise<void>;
}

/** Per socket: document messages sent, how many the server confirmed, and which one covers offline edits. */
interface Ledger {
	sent: number;
	acked: number;
	coverAt: number | null;
	/** A sync step 2 went on this socket: whatever the document held then, the server lacked and is counted in `sent`. */
	answered: boolean;
}

/** The document's copy on this device, as the client uses it (local.ts). */
export type KeptCopy = Pick<DeviceCopy, 'ready' | 'origin' | 'remember' | 'destroy' | 'clear'>;

function bytesOf(data: unknown): Uint8Array | null {
	if (data instanceof Uint8Array) return data;
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return null;
}

/**
 * Sync step 2 whose update holds no structs, only the document's deletions.
 * Sent while nothing local is unconfirmed, every deletion in it is one the
 * server already has (it confirmed this client's own, and sent it the rest).
 */
function isEmptySyncStep2(frame: Uint8Array): boolean {
	if (frame[0] !== messageSync || frame[1] !== syncStep2) return false;
	const decoder = decoding.createDecoder(frame);
	decoding.readVarUint(decoder);
	decoding.readVarUint(decoder);
	return decoding.readVarUint(decoding.createDecoder(decoding.readVarUint8Array(decoder))) === 0;
}

/**
 * How long to wait before reconnect attempt `attempt` (0-based): a random
 * point in the upper half of an exponential back-off, so clients that lost
 * the same server spread out instead of returning in one wave.
 */
export function reconnectDelay(attempt: number, backoff: { baseMs: number; maxMs: number }, random = Math.random): number {
	const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** attempt);
	return ceiling / 2 + random() * (ceiling / 2);
}

/**
 * Opens a document over the stock y-websocket provider, with two additions:
 * reconnects wait a random part of an exponential back-off, so a restarted
 * server is not hit by every client at once; and "saved" means the server
 * confirmed durability (messageSaved, docs/collaboration.md), not merely that
 * the socket is open.
 */
export function connectDocument(name: string, doc: Y.Doc, options: CollabClientOptions = {}): CollabClient {
	const status = new CollabStatus();
	const { baseMs, maxMs } = options.backoff ?? { baseMs: 250, maxMs: 10_000 };
	const ledgers = new WeakMap<object, Ledger>();
	/** Local changes made while no socket could carry them; the next sync step 2 does. */
	let offlineDirty = false;
	let attempt = 0;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const copy = options.keep ? (options.deviceCopy?.(name, doc) ?? (canKeep() ? new DeviceCopy(name, doc) : null)) : null;
	status.kept = copy !== null;

	/** Counts the document messages a socket sends, for the server's confirmations; false for one not worth sending. */
	const record = (socket: object, data: string | ArrayBufferLike | Blob | ArrayBufferView): boolean => {
		const ledger = ledgers.get(socket);
		const bytes = bytesOf(data);
		// Nothing the server lacks, and nothing unconfirmed: sent, this answer would only keep "saved" waiting a round trip.
		if (bytes && !offlineDirty && isEmptySyncStep2(bytes)) return false;
		if (ledger && bytes && isDocumentMessage(bytes)) {
			ledger.sent++;
			if (bytes[1] === syncStep2) ledger.answered = true;
			if (bytes[1] === syncStep2 && offlineDirty && ledger.coverAt === null) ledger.coverAt = ledger.sent;
		}
		return true;
	};

	const Base = options.WebSocket ?? (globalThis.WebSocket as SocketClass);
	class LedgerSocket extends Base {
		constructor(url: string | URL, protocols?: string | string[]) {
			// The page's head may have opened this document's socket already (early-socket.ts): the first connection takes it.
			const early = takeEarlySocket(name);
			if (early) {
				const ws = adoptEarlySocket(early);
				ledgers.set(ws, { sent: 0, acked: 0, coverAt: null, answered: false });
				const send = ws.send.bind(ws);
				ws.send = (data) => void (record(ws, data) && send(data));
				return ws as LedgerSocket;
			}
			// What this device holds goes with the upgrade: the server answers it as the socket opens (one round trip less).
			const sv = encodeStateVectorParam(Y.encodeStateVector(doc));
			if (sv.length <= MAX_STATE_VECTOR_PARAM) {
				const withSv = new URL(url);
				withSv.searchParams.set(stateVectorParam, sv);
				url = withSv.href;
			}
			super(url, protocols);
			ledgers.set(this, { sent: 0, acked: 0, coverAt: null, answered: false });
		}
		override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
			if (record(this, data)) super.send(data);
		}
	}

	const serverUrl = options.serverUrl ?? `${globalThis.location?.protocol === 'https:' ? 'wss:' : 'ws:'}//${globalThis.location?.host}/collab`;
	// Created here rather than by the provider, which would leave its timer running after destroy().
	const awareness = new Awareness(doc);
	const provider = new WebsocketProvider(serverUrl, encodeURIComponent(name), doc, {
		awareness,
		params: { [ackParam]: '1' },
		WebSocketPolyfill: LedgerSocket,
		// The server is the only peer: a tab must not pass edits to another behind its back.
		disableBc: true,
		// Reconnects are scheduled below, with jitter.
		shouldReconnect: () => false
	});

	// y-websocket sends every presence change it sees, other people's removals included; the server
	// would take such a removal as this person claiming their client id, and later refuse that
	// person's offline edits made under it. This client speaks only for itself.
	type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };
	const relay = (provider as unknown as { _awarenessUpdateHandler: (change: AwarenessChange, origin: unknown) => void })._awarenessUpdateHandler;
	const ownPresence = ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
		const own = (ids: number[]) => ids.filter((id) => id === doc.clientID);
		const change = { added: own(added), updated: own(updated), removed: own(removed) };
		if (change.added.length + change.updated.length + change.removed.length > 0) relay(change, origin);
	};
	awareness.off('update', relay);
	awareness.on('update', ownPresence);

	const current = () => (provider.ws ? ledgers.get(provider.ws) : undefined);
	const evaluate = () => {
		const ledger = current();
		if (ledger && offlineDirty && ledger.coverAt !== null && ledger.acked >= ledger.coverAt) offlineDirty = false;
		status.unsaved = offlineDirty || (ledger !== undefined && ledger.acked < ledger.sent);
		if (!status.unsaved && status.pending > 0) {
			status.pending = 0;
			status.stored = 0;
			void copy?.remember(0);
		}
	};
	void copy?.ready.then((pending) => {
		// Changes from an earlier visit that the server never confirmed. Loaded while a socket was open, they went as
		// updates, or in a sync step 2 already counted (`answered`): the ledger waits for them. Otherwise the next sync
		// step 2 carries them, and "saved" waits for its confirmation.
		if (pending <= 0) return;
		const ledger = current();
		if (!(ledger?.answered && provider.wsconnected)) offlineDirty = true;
		status.pending = Math.max(status.pending, pending);
		status.stored = status.pending;
		evaluate();
	});

	provider.messageHandlers[messageSaved] = (_encoder, decoder) => {
		const ledger = current();
		if (ledger) ledger.acked = Math.max(ledger.acked, decoding.readVarUint(decoder));
		evaluate();
	};
	provider.messageHandlers[messageNotice] = (_encoder, decoder) => {
		const notice = decoding.readVarString(decoder) as Notice;
		if (!notices.includes(notice)) return;
		if (notice === 'read-only') status.readOnly = true;
		else status.storageError = notice === 'storage-unavailable';
	};

	const onUpdate = (_update: Uint8Array, origin: unknown) => {
		if (origin === provider) return;
		// The provider sends only on an open socket; anything else waits for the next sync. What the device copy loads
		// is not a new change: the server confirmed all of it unless the copy counts some as unconfirmed (above).
		if ((copy === null || origin !== copy.origin) && (!provider.wsconnected || provider.ws?.readyState !== 1)) offlineDirty = true;
		if (copy === null || origin !== copy.origin) {
			const count = ++status.pending;
			void copy?.remember(count).then((ok) => {
				if (ok && status.pending >= count) status.stored = Math.max(status.stored, count);
			});
		}
		evaluate();
	};
	doc.on('update', onUpdate);

	provider.on('status', ({ status: s }) => {
		if (s === 'connecting') {
			status.readOnly = false;
			status.storageError = false;
		}
		if (s !== 'connected') status.synced = false;
		evaluate();
	});
	provider.on('sync', (synced) => {
		status.synced = synced;
		if (synced) {
			attempt = 0;
			status.reachable = true;
		}
		evaluate();
	});
	provider.on('connection-close', () => {
		// Whatever the closing socket carried without confirmation must go again with the next sync.
		const ledger = current();
		if (ledger && ledger.acked < ledger.sent) offlineDirty = true;
	});
	provider.on('closed', ({ code, reason }) => {
		if (code >= 4400 && code < 4500) {
			if (code === closeCode.changeRefused) {
				status.refused = refusedRule(reason) ?? 'unknown';
				// The device copy holds the refused change: loaded again, it would be refused again.
				void copy?.clear();
			}
			status.closed = { code, reason };
			// The session ended (signed out elsewhere, the account disabled, the session expired): nothing of this
			// person stays on the device, even while the page stays open. The copy is closed first: an open
			// database would hold up its own deletion until the tab closes.
			if (code === closeCode.sessionEnded) void endedSession();
			return;
		}
		clearTimeout(timer);
		timer = setTimeout(() => provider.connect(), reconnectDelay(attempt++, { baseMs, maxMs }));
	});

	let wiped: Promise<void> | null = null;
	const endedSession = () => {
		doc.off('update', onUpdate);
		wiped ??= (copy?.destroy() ?? Promise.resolve()).then(wipeDevice);
		return wiped;
	};

	/** Gives up the current socket at once, as if it had closed, and lets the back-off reconnect. */
	const drop = () => {
		status.reachable = false;
		status.synced = false;
		const ws = provider.ws;
		if (ws?.onclose) ws.onclose.call(ws, { code: 1006, reason: 'unreachable', wasClean: false } as CloseEvent);
		evaluate();
	};
	const beat = options.heartbeat ?? (typeof window === 'undefined' ? false : { everyMs: 2000, timeoutMs: 4500 });
	const heartbeat = beat
		? setInterval(() => {
				const ws = provider.ws;
				if (!ws || !provider.wsconnected || ws.readyState !== 1) return;
				if (Date.now() - provider.wsLastMessageReceived > beat.timeoutMs) return drop();
				// The server answers a query for presence (or a sync step 1) at once; any message counts.
				const encoder = encoding.createEncoder();
				if (awareness.getLocalState() !== null) encoding.writeVarUint(encoder, messageQueryAwareness);
				else {
					encoding.writeVarUint(encoder, messageSync);
					writeSyncStep1(encoder, doc);
				}
				ws.send(encoding.toUint8Array(encoder));
			}, beat.everyMs)
		: undefined;
	const onOffline = () => drop();
	const onOnline = () => {
		status.reachable = true;
		if (status.closed) return;
		clearTimeout(timer);
		attempt = 0;
		provider.connect();
	};
	const events = typeof window === 'undefined' ? null : window;
	events?.addEventListener('offline', onOffline);
	events?.addEventListener('online', onOnline);
	if (events && !navigator.onLine) status.reachable = false;

	const destroy = () => {
		clearTimeout(timer);
		clearInterval(heartbeat);
		events?.removeEventListener('offline', onOffline);
		events?.removeEventListener('online', onOnline);
		doc.off('update', onUpdate);
		awareness.off('update', ownPresence);
		provider.destroy();
		awareness.destroy();
		void copy?.destroy();
	};
	return {
		provider,
		status,
		destroy,
		async discard() {
			destroy();
			await copy?.clear();
		}
	};
}

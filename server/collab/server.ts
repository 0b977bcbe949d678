import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Kysely } from 'kysely';
import { WebSocketServer } from 'ws';
import type * as Y from 'yjs';
import { closeCode } from '../../src/lib/collab/protocol';
import type { Config } from '../config';
import type { DB } from '../db/schema';
import { log } from '../log';
import type { Cluster } from './cluster';
import { compactDocument } from './compact';
import type { Connection } from './connection';
import { Allowance } from './limits';
import type { CollabHooks } from './types';
import { LiveDocument } from './document';
import { loadDocument } from './load';
import { applyClaims } from './owners';
import { WriteQueue } from './persist';
import { ProjectionHooks, type DocumentChangedHook } from './project';
import { Registry } from './registry';
import { Relay } from './relay';
import { applyRemoteAwareness, applyRemoteUpdate, dropPresenceOf, relayRemoteUpdate, resyncDocument } from './replica';
import { watchRevocations } from './revoke';
import { resolveSettings, type CollabSettings } from './settings';
import { Sockets } from './sockets';
import { createUpgradeHandler } from './upgrade';
import { Vacuum } from './vacuum';

export type { DocumentChangedHook } from './project';
export type { CollabSettings } from './settings';

export interface CollabServer {
	/** Takes over an HTTP upgrade request for `/collab/<document>`. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
	/** Closes every socket a user holds (sign-out everywhere, disabling, revocation). */
	closeUserConnections(userId: string, reason: string): void;
	/** Flushes pending writes, closes every socket (1001) and unloads every document. */
	close(): Promise<void>;
	/** Registers a hook run (debounced) after a document's changes are durable; returns its removal. */
	onDocumentChanged(hook: DocumentChangedHook): () => void;
	/** Applies a server-side change, durably, and relays it like any client's update. */
	change(name: string, fn: (doc: Y.Doc) => void, origin?: unknown): Promise<void>;
	/** The loaded document, for reading only; undefined when not in memory. */
	document(name: string): Y.Doc | undefined;
	stats(): CollabStats;
}

export interface CollabStats {
	documents: number;
	connections: number;
	queuedBytes: number;
	storageAvailable: boolean;
}

export interface CollabOptions {
	db: Kysely<DB>;
	config: Config;
	/** The runtime's id, sent on every upgrade answer so operators can tell processes apart. */
	instance: string;
	/** Limits and timings; defaults in ./settings.ts. */
	settings?: Partial<CollabSettings>;
	/** Who someone is, what they may do, and what is recorded: Concord's policy (server/collab-hooks.ts). */
	hooks: CollabHooks;
	/** The link to the other instances on the same database (REDIS_URL); none when this is the only one. */
	cluster?: Cluster | null;
}

/** A pause in a document's updates long enough to compact it unnoticed. */
const COMPACT_PAUSE_MS = 1_000;

/** Origin of server-side changes that name none. */
const serverOrigin = Symbol('concord.collab.server');

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const errorField = (error: unknown) => (error instanceof Error ? error : String(error));

/**
 * The collaboration server: a pipeline of small stages. upgrade.ts admits
 * (authenticate.ts), registry.ts loads (load.ts), connection.ts checks each
 * frame, persist.ts makes updates durable, relay.ts sends them on, project.ts
 * runs the after-durable hooks and compact.ts folds the log and
 * vacuum.ts reclaims the space of the folded rows.
 */
export function createCollabServer(options: CollabOptions): CollabServer {
	const { db, config, instance, hooks } = options;
	const cluster = options.cluster ?? null;
	const settings = resolveSettings(options.settings);
	let closing: Promise<void> | null = null;

	const projections = new ProjectionHooks(settings, untilDurable);
	const relay = new Relay({
		presenceIntervalMs: settings.presenceIntervalMs,
		durable(live) {
			projections.touch(live);
			scheduleCompaction(live);
		},
		connections: () => sockets.all,
		publish: cluster ? (name, kind, payload) => cluster.publish(name, kind, payload) : undefined
	});
	const queue = new WriteQueue(db, settings, relay, hooks.observe);
	relay.use(queue);
	const vacuum = new Vacuum(db, settings.vacuumQuietMs, () => queue.lastCommitAt, cluster !== null);
	const absorb = (live: LiveDocument) => ({ absorb: (stored: Uint8Array) => applyRemoteUpdate(live, stored) });

	async function untilDurable(live: LiveDocument): Promise<void> {
		while (live.lastBatch > queue.committedBatch) await queue.settled(live.lastBatch);
	}

	/**
	 * Past the threshold, compaction waits for a pause in typing (its write
	 * briefly holds the embedded engine), but never beyond four times it.
	 */
	function scheduleCompaction(live: LiveDocument): void {
		if (live.logged.length < settings.compactAfterUpdates || live.compaction) return;
		if (live.compactTimer) clearTimeout(live.compactTimer);
		live.compactTimer = null;
		if (live.logged.length >= 4 * settings.compactAfterUpdates) {
			void compact(live);
			return;
		}
		live.compactTimer = setTimeout(() => {
			live.compactTimer = null;
			void compact(live);
		}, COMPACT_PAUSE_MS);
		live.compactTimer.unref();
	}

	function compact(live: LiveDocument): Promise<boolean> {
		if (live.compaction) return live.compaction;
		live.compaction = compactDocument(db, live, (batch) => queue.settled(batch), cluster ? absorb(live) : undefined)
			.then(
				(result) => {
					if (result.skipped) {
						// Another instance is folding the same document right now.
						log.info('collab.compaction_skipped', { doc: live.name });
						return false;
					}
					log.info('collab.compacted', { doc: live.name, ...result });
					if (result.bytes) live.bytes = result.bytes;
					vacuum.compacted(result.folded);
					return true;
				},
				(error: unknown) => {
					log.error('collab.compaction_failed', { doc: live.name, error: errorField(error) });
					return false;
				}
			)
			.finally(() => (live.compaction = null));
		// A compaction another instance held off is tried again after a pause, or its rows would wait for the next edit.
		void live.compaction.then((done) => {
			if (!done && cluster && !live.doc.isDestroyed) scheduleCompaction(live);
		});
		return live.compaction;
	}

	const registry = new Registry({
		maxDocuments: settings.maxDocuments,
		unloadAfterMs: settings.unloadAfterMs,
		async open(name) {
			// Joined before reading: an update committed elsewhere meanwhile is either read or received.
			if (cluster) {
				inbox.set(name, []);
				await cluster.join(name);
			}
			let loaded;
			try {
				loaded = await loadDocument(db, name);
			} catch (error) {
				inbox.delete(name);
				cluster?.leave(name);
				throw error;
			}
			const { doc, loggedIds, bytes, repaired } = loaded;
			const live = new LiveDocument(name, doc, loggedIds, bytes);
			relay.attach(live);
			for (const received of inbox.get(name) ?? []) received(live);
			inbox.delete(name);
			// Content dropped at load leaves the database with the next snapshot.
			if (repaired) void compact(live);
			else scheduleCompaction(live);
			return live;
		},
		async prepareUnload(live) {
			await untilDurable(live);
			await projections.flush(live);
			while (live.logged.length > 0) {
				// In use again (a user came back): it stays loaded, and typing would keep this loop going.
				// On shutdown the closing sockets still hold it, and it is compacted all the same.
				if (live.holds > 0 && !closing) return false;
				if (!(await compact(live))) return false;
			}
			return true;
		},
		discard(live) {
			cluster?.leave(live.name);
			live.destroy();
			log.debug('collab.unloaded', { doc: live.name });
		}
	});

	/** What other instances sent for documents still loading, applied once they are in memory. */
	const inbox = new Map<string, ((live: LiveDocument) => void)[]>();
	const receive = (name: string, apply: (live: LiveDocument) => void) => {
		const live = registry.get(name);
		if (live) apply(live);
		else inbox.get(name)?.push(apply);
	};
	cluster?.serve({
		update: (name, update, seconds) => {
			const live = registry.get(name);
			if (live) relayRemoteUpdate(relay, live, update);
			// A document still loading has no sockets yet; it takes the update once it is in memory.
			else inbox.get(name)?.push((loaded) => applyRemoteUpdate(loaded, update));
			hooks.observe?.relayed?.(seconds);
		},
		awareness: (name, update, from) => receive(name, (live) => applyRemoteAwareness(live, update, from)),
		owners: (name, claims) =>
			receive(name, (live) => {
				try {
					applyClaims(live, claims);
				} catch {
					log.warn('collab.remote_owners_unreadable', { doc: name });
				}
			}),
		peerGone(peer) {
			for (const live of registry.loaded()) dropPresenceOf(live, peer);
		},
		resync(names, reason) {
			const docs = names === 'all' ? registry.loaded() : names.map((n) => registry.get(n)).filter((l) => l !== undefined);
			log.info('collab.resync', { reason, documents: docs.length });
			for (const live of docs) void resyncDocument(db, live);
		}
	});

	const sockets: Sockets = new Sockets({
		settings,
		registry,
		frames: {
			queue,
			answerSync: (conn: Connection, sv: Uint8Array) => relay.answerSync(conn, sv),
			guard: (conn, changes) => hooks.guard(conn, changes),
			allowance: new Allowance(settings.maxWriterBytesPerMinute, settings.maxDocumentBytes),
			refused(conn, rule, detail) {
				const user = conn.identity.id;
				log.warn('collab.change_refused', { doc: conn.live.name, user, connection: conn.id, rule, detail });
				hooks.record({ kind: 'change_refused', userId: user, doc: conn.live.name, rule });
			}
		},
		storageUnavailable: () => queue.unavailable
	});

	const wss = new WebSocketServer({ noServer: true, maxPayload: settings.maxFrameBytes, perMessageDeflate: false, clientTracking: false });
	wss.on('headers', (headers) => headers.push(`X-Concord-Instance: ${instance}`));
	const upgrades = createUpgradeHandler({ hooks, allowedOrigins: config.allowedOrigins, instance, wss, registry, sockets, closing: () => closing !== null });

	const stopRevocations = watchRevocations({
		hooks,
		settings,
		connectionsOf: (userId) => sockets.ofUser(userId),
		connectionsOn: (name) => registry.get(name)?.connections ?? [],
		all: () => sockets.all
	});

	async function shutdown(): Promise<void> {
		stopRevocations();
		sockets.closeAll(1001, 'server shutting down');
		upgrades.abandonAll();
		const flushed = await queue.flush(settings.closeTimeoutMs);
		if (flushed && (await withTimeout(registry.closeAll(), settings.closeTimeoutMs)) === 'timeout') {
			log.warn('collab.close_timeout', { stage: 'unload' });
		}
		if (!flushed) vacuum.stop();
		else if ((await withTimeout(vacuum.finish(), settings.closeTimeoutMs)) === 'timeout') {
			log.warn('collab.close_timeout', { stage: 'vacuum' });
		}
		const lost = queue.stop();
		if (lost) log.error('collab.updates_lost', { updates: lost });
		registry.discardAll();
		sockets.stop();
		await new Promise<void>((resolve) => wss.close(() => resolve()));
	}

	return {
		handleUpgrade: (req, socket, head) => upgrades.handle(req, socket, head),
		closeUserConnections: (userId, reason) => sockets.closeUser(userId, closeCode.sessionEnded, reason),
		close() {
			closing ??= shutdown();
			return closing;
		},
		onDocumentChanged: (hook) => projections.add(hook),
		async change(name, fn, origin = serverOrigin) {
			if (closing) throw new Error('collaboration server is closing');
			const live = await registry.acquire(name);
			try {
				if (!queue.hasRoom(0)) throw new Error('collaboration write queue is full');
				live.doc.transact(() => fn(live.doc), origin);
				await untilDurable(live);
			} finally {
				registry.release(live);
			}
		},
		document: (name) => registry.get(name)?.doc,
		stats: () => ({
			documents: registry.size,
			connections: sockets.all.size,
			queuedBytes: queue.queuedBytes,
			storageAvailable: !queue.unavailable
		})
	};
}

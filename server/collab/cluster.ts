import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { createClient, type RedisClientType } from 'redis';
import { log } from '../log';

/*
 * The Redis client is node-redis (`redis`), pinned: it is the client Redis
 * itself maintains and recommends for new projects, it re-subscribes every
 * channel after a reconnect on its own, queues what is published while the
 * connection is down, and takes binary messages without a base64 detour.
 */

/** What travels on a document's channel. */
export type ClusterMessageKind = 'update' | 'awareness' | 'owners';
const kinds: ClusterMessageKind[] = ['update', 'awareness', 'owners'];

/** What the collaboration server does with what other instances send. */
export interface ClusterHandlers {
	/** A durable update another instance committed, `seconds` after it sent it (clocks of one deployment agree closely enough). */
	update(name: string, update: Uint8Array, seconds: number): void;
	/** A presence change on another instance (`from`). */
	awareness(name: string, update: Uint8Array, from: string): void;
	/** Which person first wrote with which Yjs client ids on another instance (owners.ts). */
	owners(name: string, claims: Uint8Array): void;
	/** An instance fell silent: the presence of its clients is gone with it. */
	peerGone(peer: string): void;
	/** Messages may have been lost: bring these documents (all loaded ones when 'all') up to date from the database. */
	resync(names: string[] | 'all', reason: string): void;
}

/** Wall-clock milliseconds to a fraction of one: a hop between instances on one network takes well under a millisecond. */
const wallClock = () => performance.timeOrigin + performance.now();

const ignore: ClusterHandlers = { update() {}, awareness() {}, owners() {}, resync() {}, peerGone() {} };

export interface ClusterOptions {
	url: string;
	/** Prepended to every channel, so several deployments (or test runs) can share one Redis. */
	prefix: string;
	instance: string;
	/** How often this instance says it is alive; a peer silent for three times as long counts as gone. */
	heartbeatMs?: number;
	/** How long start-up waits for Redis before giving up. */
	connectTimeoutMs?: number;
}

/**
 * The instances' link through Redis pub/sub: one channel per document, which
 * only the instances holding that document subscribe to, one for domain
 * events and one for heartbeats. Every document message carries its sender's
 * id and the sender's running count of messages on that channel, so a
 * receiver notices a message that went missing. Pub/sub delivers at most
 * once; what it drops is repaired from the database, which holds every
 * update before it is published.
 */
export class Cluster {
	private readonly pub: RedisClientType;
	private readonly sub: RedisClientType;
	private readonly joined = new Set<string>();
	/**
	 * Per document channel, the next sequence number this instance sends; kept
	 * after leaving, so a document loaded again does not look like a gap to the others.
	 */
	private readonly sent = new Map<string, number>();
	/** Per document channel and sender, the sequence number expected next. */
	private readonly expected = new Map<string, Map<string, number>>();
	private readonly peers = new Map<string, number>();
	private heartbeat: NodeJS.Timeout | null = null;
	private connectedOnce = false;
	private closed = false;
	private handlers: ClusterHandlers = ignore;
	private readonly eventListeners = new Set<(name: string, payload: unknown) => void>();
	private readonly options: Required<ClusterOptions>;

	constructor(options: ClusterOptions) {
		this.options = { heartbeatMs: 1_000, connectTimeoutMs: 10_000, ...options };
		const client = (role: string) =>
			createClient({
				url: options.url,
				// Named, so an operator (or a test) can tell an instance's connections apart in CLIENT LIST.
				name: `concord-${options.instance}-${role}`,
				// A reconnect every half second at most: a gap in relaying is repaired on reconnect anyway.
				socket: { reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 500) }
			}) as RedisClientType;
		this.pub = client('pub');
		this.sub = client('sub');
		for (const [role, c] of [
			['publisher', this.pub],
			['subscriber', this.sub]
		] as const) {
			// Once per outage, not once per reconnect attempt.
			let failing = false;
			c.on('error', (error: unknown) => {
				if (!failing) log.warn('collab.cluster_redis_error', { role, error: error instanceof Error ? error.message : String(error) });
				failing = true;
			});
			c.on('ready', () => (failing = false));
		}
		this.sub.on('ready', () => {
			if (!this.connectedOnce) return;
			// node-redis subscribes again by itself; whatever was published meanwhile never reached us.
			log.info('collab.cluster_reconnected', { instance: options.instance });
			this.expected.clear();
			this.handlers.resync('all', 'redis_reconnected');
		});
	}

	/** The collaboration server's side; messages before it is set are dropped (no document is joined yet). */
	serve(handlers: ClusterHandlers): void {
		this.handlers = handlers;
	}

	/** Listens to domain events raised on other instances. */
	onEvent(listener: (name: string, payload: unknown) => void): () => void {
		this.eventListeners.add(listener);
		return () => this.eventListeners.delete(listener);
	}

	get instance(): string {
		return this.options.instance;
	}

	private channel(suffix: string): string {
		return `${this.options.prefix}${suffix}`;
	}

	/** Connects both Redis connections and starts the heartbeat. */
	async connect(): Promise<void> {
		// node-redis keeps retrying a first connection forever; an instance that cannot reach Redis should say so and stop.
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.options.connectTimeoutMs)));
		const connected = Promise.all([this.pub.connect(), this.sub.connect()]);
		const outcome = await Promise.race([connected, timeout]).finally(() => clearTimeout(timer));
		if (outcome === 'timeout') {
			connected.catch(() => {});
			this.closed = true;
			for (const c of [this.pub, this.sub]) if (c.isOpen) c.destroy();
			const { host } = new URL(this.options.url);
			throw new Error(`Redis at ${host} (REDIS_URL) did not answer within ${this.options.connectTimeoutMs / 1000} s.`);
		}
		await this.sub.subscribe(this.channel('events'), (message) => this.receiveEvent(message));
		await this.sub.subscribe(this.channel('instances'), (message) => this.onHeartbeat(message));
		this.connectedOnce = true;
		const { heartbeatMs } = this.options;
		const beat = () => void this.pub.publish(this.channel('instances'), this.options.instance).catch(() => {});
		beat();
		this.heartbeat = setInterval(() => {
			beat();
			this.sweepPeers();
		}, heartbeatMs);
		this.heartbeat.unref();
		log.info('collab.cluster_connected', { instance: this.options.instance });
	}

	/** Starts receiving a document's messages; resolves once Redis confirmed the subscription. */
	async join(name: string): Promise<void> {
		if (this.joined.has(name)) return;
		this.joined.add(name);
		const channel = this.channel(`doc:${name}`);
		await this.sub.subscribe(channel, (message: Buffer) => this.onDocumentMessage(name, message), true);
	}

	leave(name: string): void {
		if (!this.joined.delete(name)) return;
		this.expected.delete(name);
		void this.sub.unsubscribe(this.channel(`doc:${name}`)).catch(() => {});
	}

	publish(name: string, kind: ClusterMessageKind, payload: Uint8Array): void {
		if (this.closed) return;
		const seq = this.sent.get(name) ?? 0;
		this.sent.set(name, seq + 1);
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, kinds.indexOf(kind));
		encoding.writeVarString(e, this.options.instance);
		encoding.writeVarUint(e, seq);
		encoding.writeFloat64(e, wallClock());
		encoding.writeVarUint8Array(e, payload);
		const message = Buffer.from(encoding.toUint8Array(e));
		this.pub.publish(this.channel(`doc:${name}`), message).catch((error: unknown) => {
			// Receivers see the gap in the sequence and read the document from the database.
			log.warn('collab.cluster_publish_failed', { doc: name, error: error instanceof Error ? error.message : String(error) });
		});
	}

	publishEvent(name: string, payload: unknown): void {
		if (this.closed) return;
		const message = JSON.stringify({ from: this.options.instance, name, payload });
		this.pub.publish(this.channel('events'), message).catch((error: unknown) => {
			log.warn('collab.cluster_event_failed', { event: name, error: error instanceof Error ? error.message : String(error) });
		});
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		if (this.heartbeat) clearInterval(this.heartbeat);
		await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
	}

	private onDocumentMessage(name: string, message: Buffer): void {
		let kind: ClusterMessageKind | undefined, from: string, seq: number, sentAt: number, payload: Uint8Array;
		try {
			const d = decoding.createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
			kind = kinds[decoding.readVarUint(d)];
			from = decoding.readVarString(d);
			seq = decoding.readVarUint(d);
			sentAt = decoding.readFloat64(d);
			payload = decoding.readVarUint8Array(d);
		} catch {
			log.warn('collab.cluster_message_unreadable', { doc: name });
			return;
		}
		if (from === this.options.instance || !kind || !this.joined.has(name)) return;
		this.peers.set(from, Date.now());
		let senders = this.expected.get(name);
		if (!senders) this.expected.set(name, (senders = new Map()));
		const expected = senders.get(from);
		senders.set(from, seq + 1);
		if (kind === 'update') this.handlers.update(name, payload, Math.max(0, wallClock() - sentAt) / 1000);
		else if (kind === 'owners') this.handlers.owners(name, payload);
		else this.handlers.awareness(name, payload, from);
		// The first message from a sender sets the count; the database covers what came before (the document was loaded after joining).
		if (expected !== undefined && seq !== expected) {
			log.warn('collab.cluster_gap', { doc: name, from, expected, got: seq });
			this.handlers.resync([name], 'gap');
		}
	}

	private receiveEvent(message: string): void {
		try {
			const { from, name, payload } = JSON.parse(message) as { from: string; name: string; payload: unknown };
			if (from !== this.options.instance) for (const listener of this.eventListeners) listener(name, payload);
		} catch {
			log.warn('collab.cluster_event_unreadable', {});
		}
	}

	private onHeartbeat(from: string): void {
		if (from !== this.options.instance) this.peers.set(from, Date.now());
	}

	/**
	 * An instance that stopped answering (killed, cut off) may have committed
	 * updates it never published: whoever remains reads their documents again.
	 */
	private sweepPeers(): void {
		const limit = Date.now() - 3 * this.options.heartbeatMs;
		let gone = false;
		for (const [peer, seen] of this.peers) {
			if (seen >= limit) continue;
			this.peers.delete(peer);
			for (const senders of this.expected.values()) senders.delete(peer);
			log.info('collab.cluster_peer_gone', { peer });
			this.handlers.peerGone(peer);
			gone = true;
		}
		if (gone) this.handlers.resync('all', 'peer_gone');
	}
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
	InsertQueryNode,
	Kysely,
	KyselyPlugin,
	PluginTransformQueryArgs,
	PluginTransformResultArgs,
	QueryId,
	QueryResult,
	RootOperationNode,
	UnknownRow
} from 'kysely';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { connectDocument, type CollabClient, type CollabClientOptions } from '../../src/lib/collab/client';
import { createSession } from '../../server/auth/session';
import { readConfig, type Config } from '../../server/config';
import type { ChangeGuard } from '../../server/collab/connection';
import { collabHooks } from '../../server/collab-hooks';
import { createCollabServer, type CollabServer, type CollabSettings } from '../../server/collab/server';
import { encodeAwareness } from '../../server/collab/wire';
import type { DB } from '../../server/db/schema';
import { demoId, seedDemo } from '../../server/demo/seed';
import { log } from '../../server/log';

export { upgradeStatus } from '../support/upgrade';

export const PASSWORD_FREE = { clientAddress: null, userAgent: null };

/** The Yjs document name of a demo meeting, e.g. `meetingDoc('dkt-wg:-1')`. */
export const meetingDoc = (key: string) => `meeting:${demoId('meeting', key)}`;

export async function sessionFor(db: Kysely<DB>, userKey: string): Promise<string> {
	return (await createSession(db, demoId('user', userKey), PASSWORD_FREE)).token;
}

/**
 * Seeds the demo network with the working group's meetings in progress: the
 * transport suites write as members, and members write only until a meeting ends.
 */
export async function seedMeetingsInProgress(db: Kysely<DB>): Promise<void> {
	await seedDemo(db);
	await reopenDemoMeetings(db);
}

export async function reopenDemoMeetings(db: Kysely<DB>): Promise<void> {
	const ids = [-3, -2, -1, 1].map((offset) => demoId('meeting', `dkt-wg:${offset}`));
	await db.updateTable('meeting').set({ status: 'in_progress' }).where('id', 'in', ids).execute();
}

/** Seeds (as above) and signs in the two writers most suites use: nantana (cdo) and somchai (police). */
export async function seedWithWriters(db: Kysely<DB>): Promise<{ nantana: string; somchai: string }> {
	await seedMeetingsInProgress(db);
	return { nantana: await sessionFor(db, 'cdo'), somchai: await sessionFor(db, 'police') };
}

export interface TestServer {
	port: number;
	origin: string;
	collab: CollabServer;
	http: Server;
	close(): Promise<void>;
}

/**
 * Accepts every complete update. The transport suites (relay, durability,
 * outages, compaction, bad frames) exercise the protocol on free-form
 * documents; what a person may change in a meeting has suites of its own
 * (meeting-rules.test.ts, role-convergence.test.ts), against the real guard.
 */
export const freeForm: ChangeGuard = () => ({ ok: true });

/** A plain HTTP server on 127.0.0.1:0 whose `/collab/` upgrades go to a fresh collaboration server. */
export async function startCollab(
	db: Kysely<DB>,
	settings: Partial<CollabSettings> = {},
	config: Partial<Config> = {},
	guard?: ChangeGuard
): Promise<TestServer> {
	const merged = { ...readConfig({}), ...config };
	const hooks = collabHooks(db, merged);
	const collab = createCollabServer({
		db,
		config: merged,
		instance: 'test-instance',
		hooks: guard ? { ...hooks, guard } : hooks,
		settings: { unloadAfterMs: 200, hookDebounceMs: 50, closeTimeoutMs: 2_000, ...settings }
	});
	const http = createServer((_req, res) => {
		res.statusCode = 404;
		res.end();
	});
	http.on('upgrade', (req, socket, head) => {
		if (req.url?.startsWith('/collab/')) collab.handleUpgrade(req, socket, head);
		else socket.destroy();
	});
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const port = (http.address() as AddressInfo).port;
	return {
		port,
		origin: `http://127.0.0.1:${port}`,
		collab,
		http,
		async close() {
			await collab.close();
			http.closeAllConnections();
			await new Promise<void>((resolve) => http.close(() => resolve()));
		}
	};
}

/** A `ws` WebSocket class that sends the session cookie and an Origin, as a browser would. */
export function socketClass(token: string | null, origin: string) {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			const headers: Record<string, string> = { Origin: origin };
			if (token) headers.Cookie = `concord_session=${token}`;
			super(url, protocols, { headers });
		}
	};
}

/** Concord's browser client in Node: a real WebsocketProvider over `ws`. */
export function openClient(
	server: TestServer,
	token: string,
	name: string,
	doc = new Y.Doc(),
	options: CollabClientOptions = {}
): CollabClient & { doc: Y.Doc } {
	const client = connectDocument(name, doc, {
		serverUrl: `ws://127.0.0.1:${server.port}/collab`,
		WebSocket: socketClass(token, server.origin) as unknown as NonNullable<CollabClientOptions['WebSocket']>,
		backoff: { baseMs: 20, maxMs: 200 },
		...options
	});
	return { ...client, doc };
}

/** A raw socket on a document, for speaking the protocol (or not) by hand. */
export function rawSocket(server: TestServer, token: string, name: string, query = ''): Promise<WebSocket> {
	const Socket = socketClass(token, server.origin);
	const ws = new Socket(`ws://127.0.0.1:${server.port}/collab/${name}${query}`);
	return new Promise((resolve, reject) => {
		ws.once('open', () => resolve(ws));
		ws.once('error', reject);
	});
}

/** Resolves with the close code, or rejects after `ms`. */
export function closed(ws: WebSocket, ms = 5_000): Promise<number> {
	if (ws.readyState === WebSocket.CLOSED) return Promise.resolve(-1);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms);
		ws.once('close', (code) => {
			clearTimeout(timer);
			resolve(code);
		});
	});
}

/** Polls until `check` holds; fails with `what` after `ms`. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, ms = 5_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

/** Collects the structured log lines written while a test runs. */
export function captureLog(): { events: Record<string, unknown>[]; restore(): void } {
	const events: Record<string, unknown>[] = [];
	log.setLevel('debug');
	const previous = log.setSink((line) => events.push(JSON.parse(line) as Record<string, unknown>));
	return {
		events,
		restore() {
			log.setSink(previous);
			log.setLevel('warn');
		}
	};
}

/** True when a doc has no updates waiting for missing dependencies. */
export const settled = (doc: Y.Doc) => doc.store.pendingStructs === null && doc.store.pendingDs === null;

/** A raw protocol frame: numbers as varUints, byte arrays length-prefixed. */
export function frame(...parts: (number | Uint8Array)[]): Uint8Array {
	const e = encoding.createEncoder();
	for (const p of parts) {
		if (typeof p === 'number') encoding.writeVarUint(e, p);
		else encoding.writeVarUint8Array(e, p);
	}
	return encoding.toUint8Array(e);
}

/** An awareness message setting one clientID's presence, as a raw client would send it. */
export function presenceMessage(clientId: number, clock: number, state: unknown): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 1);
	encoding.writeVarUint(e, clientId);
	encoding.writeVarUint(e, clock);
	encoding.writeVarString(e, JSON.stringify(state));
	return encodeAwareness(encoding.toUint8Array(e));
}

/** Holds back the answer to the next insert into the update log until released; later inserts go through. */
export class HoldNextWrite implements KyselyPlugin {
	armed = false;
	holding = false;
	passed = 0;
	private readonly writes = new WeakSet<QueryId>();
	private release: (() => void) | null = null;

	transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
		const node = args.node as InsertQueryNode;
		if (node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === 'doc_update') this.writes.add(args.queryId);
		return args.node;
	}

	async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
		if (!this.writes.has(args.queryId)) return args.result;
		if (this.armed) {
			this.armed = false;
			this.holding = true;
			await new Promise<void>((resolve) => (this.release = resolve));
		} else this.passed++;
		return args.result;
	}

	let(): void {
		this.holding = false;
		this.release?.();
	}
}

/** mulberry32: small, seedable, good enough to pick edits in the fuzz tests. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

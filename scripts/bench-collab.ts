/**
 * Concord's collaboration server against the stock @y/websocket-server 0.1.1,
 * on 127.0.0.1, each in a child process of its own. Prints, for both and as a
 * ratio: edit propagation latency from one client to all others (p50/p99)
 * while N clients type, updates per second at saturation (durable ones for
 * Concord, merely applied ones for the baseline), and RSS per idle connection.
 *
 *   npm run bench:collab [-- --clients 50 --docs 1 --seconds 10 --rounds 5 --warmup 10 --idle 2000 --writers 50 --database-url URL --instances 1 --slice 0]
 *
 * --docs N spreads the clients over N documents (many-documents mode).
 * --warmup S: each server first types for S seconds unmeasured, as a server that
 * has been running a while has compiled its hot paths (V8's optimising tiers,
 * for Concord also the embedded engine's WebAssembly); its p99 is printed apart.
 * --database-url runs Concord on a PostgreSQL server instead of the embedded
 * engine: a throw-away database is created there and dropped afterwards, and
 * the database's own commit latency is printed beside the figures: every
 * edit waits for one commit before it is relayed, which the stock server,
 * keeping documents in memory only, never pays.
 * --instances 2 runs Concord as two processes on one PostgreSQL database
 * (--database-url, by default the local server's `test` database) linked
 * through Redis (REDIS_URL, by default 127.0.0.1:6379), half the clients and
 * half the saturating writers on each, against the one stock server.
 * --slice MS: instead of whole rounds one after the other, both servers' typists
 * stay connected and take turns every MS milliseconds (the same typing, the same
 * total time per server), so a burst of other work on the machine falls on both
 * alike; each server's samples are cut into --rounds rounds by time.
 * BENCH_NODE_FLAGS adds flags to both servers' node (e.g. --trace-gc), BENCH_CPU_PROF=<dir>
 * writes their CPU profiles there.
 * After the typing rounds it prints, from Concord's own /metrics histograms
 * over those rounds alone, how long a write batch took to commit, how many
 * updates a batch held, and (with --instances 2) the hop from one instance's
 * commit to another's relay; then, for each process, the stock server's
 * too, garbage-collection pauses, event-loop delay and CPU time
 * (scripts/bench-collab-stages.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as encoding from 'lib0/encoding';
import WebSocket, { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { ask, askAll, describeStages, serveProcessFigures, serveStages, type StageCounts } from './bench-collab-stages';

type Kind = 'baseline' | 'concord';
interface Ready {
	port: number;
	tokens: string[];
	docs: string[];
	/** Concord's database, for a second instance to join. */
	url?: string;
}

const opt = (fallback: number) => ({ type: 'string' as const, default: String(fallback) });
const { values: args } = parseArgs({
	options: {
		serve: { type: 'string' },
		'database-url': { type: 'string' },
		clients: opt(50),
		docs: opt(1),
		seconds: opt(10),
		rounds: opt(5),
		warmup: opt(10),
		idle: opt(2000),
		writers: opt(50),
		instances: opt(1),
		slice: opt(0)
	}
});
const instanceCount = Math.max(1, Number(args.instances));
if (instanceCount > 1) args['database-url'] ??= 'postgres://postgres@127.0.0.1:5432/test';
/** Set in the parent for a second Concord instance: the first one's database, sessions and documents. */
const joining = process.env.BENCH_JOIN ? (JSON.parse(process.env.BENCH_JOIN) as Omit<Ready, 'port'> & { url: string }) : null;
const [clients, docCount, seconds, rounds, warmup, idleCount, writerCount, slice] = [
	args.clients,
	args.docs,
	args.seconds,
	args.rounds,
	args.warmup,
	args.idle,
	args.writers,
	args.slice
].map(Number) as [number, number, number, number, number, number, number, number];

/** A database of its own on the given PostgreSQL server, for one run. */
async function throwAwayDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
	const { default: pg } = await import('pg');
	const name = `concord_bench_${process.pid}_${Date.now()}`;
	const admin = async (statement: string) => {
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		try {
			await client.query(statement);
		} finally {
			await client.end();
		}
	};
	await admin(`create database ${name}`);
	const target = new URL(url);
	target.pathname = `/${name}`;
	return { url: target.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/** Child side: one server, answering the parent's questions over IPC. */
async function serve(kind: Kind): Promise<void> {
	const http = createServer((_req, res) => res.writeHead(404).end());
	const names = Array.from({ length: Math.max(docCount, writerCount) }, (_, i) => `bench-${i}`);
	let ready: Omit<Ready, 'port'>;
	let stop: () => Promise<void>;
	if (kind === 'baseline') {
		const { setupWSConnection } = (await import('@y/websocket-server/utils')) as unknown as {
			setupWSConnection(ws: WebSocket, req: IncomingMessage, opts: { docName: string; gc: boolean }): void;
		};
		const wss = new WebSocketServer({ noServer: true });
		http.on('upgrade', (req, socket, head) =>
			wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { docName: req.url!.slice(8).split('?')[0]!, gc: true }))
		);
		ready = { tokens: ['none'], docs: names };
		stop = async () => {};
		serveProcessFigures();
	} else {
		const [
			{ openDatabase },
			{ migrateToLatest },
			{ seedDemo, demoId },
			{ createSession },
			{ createCollabServer },
			{ readConfig },
			{ collabHooks },
			{ joinInstances }
		] = await Promise.all([
			import('../server/db/database'),
			import('../server/db/migrate'),
			import('../server/demo/seed'),
			import('../server/auth/session'),
			import('../server/collab/server'),
			import('../server/config'),
			import('../server/collab-hooks'),
			import('../server/collab/instances')
		]);
		const dir = mkdtempSync(join(tmpdir(), 'concord-bench-'));
		const server = joining ? null : args['database-url'] ? await throwAwayDatabase(args['database-url']) : null;
		const database = await openDatabase(joining ? { url: joining.url } : server ? { url: server.url } : { dataDir: dir });
		let tokens: string[];
		let docs: string[];
		if (joining) ({ tokens, docs } = joining);
		else {
			await migrateToLatest(database.db);
			await seedDemo(database.db);
			const body = demoId('body', 'dkt-wg');
			const rows = await database.db
				.insertInto('meeting')
				.values(names.map((_, i) => ({ body_id: body, title: `bench ${i}`, starts_at: new Date() })))
				.returning('id')
				.execute();
			const writers = ['district-officer', 'cdo', 'police', 'hospital', 'health', 'school1', 'ymca', 'ngo', 'women', 'watchdog'];
			tokens = await Promise.all(
				writers.map(async (w) => (await createSession(database.db, demoId('user', w), { clientAddress: null, userAgent: null })).token)
			);
			docs = rows.map((r) => `meeting:${r.id}`);
		}
		const id = `bench-${process.pid}`;
		const instances = await joinInstances({
			db: database.db,
			engine: database.engine,
			redisUrl: instanceCount > 1 ? (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') : undefined,
			redisPrefix: `concord-bench-${process.env.BENCH_RUN}:`,
			instance: id
		});
		// Load generation exceeds what one person may do; the limits are raised, not removed from the path.
		const config = readConfig({});
		const collab = createCollabServer({
			db: database.db,
			config,
			instance: id,
			hooks: collabHooks(database.db, config),
			cluster: instances.cluster,
			settings: { maxConnectionsPerUser: 1e6, messagesPerSecond: 1e6, messageBurst: 1e6, unloadAfterMs: 600_000 }
		});
		http.on('upgrade', (req, socket, head) => collab.handleUpgrade(req, socket, head));
		serveStages();
		ready = { tokens, docs, url: server?.url };
		stop = async () => {
			await collab.close();
			await instances.close();
			await database.close();
			await server?.drop();
			rmSync(dir, { recursive: true, force: true });
		};
	}
	http.listen(0, '127.0.0.1', () => process.send!({ ready: { ...ready, port: (http.address() as AddressInfo).port } }));
	process.on('message', async (m: { cmd: string }) => {
		if (m.cmd === 'rss') {
			// V8 gives pages back lazily after a collection; several rounds let RSS settle.
			for (let i = 0; i < 5; i++) {
				(globalThis as { gc?: () => void }).gc?.();
				await new Promise((r) => setTimeout(r, 200));
			}
			process.send!({ rss: process.memoryUsage().rss });
		} else if (m.cmd === 'stop') {
			http.closeAllConnections();
			await stop();
			process.exit(0);
		}
	});
}

/** The agenda item whose notes the bench types into: the path every keystroke of a meeting takes through the guard. */
const NOTES_ITEM = '00000000-0000-4000-8000-00000000b001';

/** Parent side. */
function socketClass(token: string, origin: string) {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: { Origin: origin, Cookie: `concord_session=${token}` } });
		}
	};
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
/** `count` lib0 varUints from `at`. */
function varUints(buf: Buffer, at: number, count: number): number[] {
	const out: number[] = [];
	while (out.length < count && at < buf.length) {
		let n = 0;
		for (let mult = 1; at < buf.length; mult *= 128) {
			const b = buf[at++]!;
			n += (b & 0x7f) * mult;
			if (b < 0x80) break;
		}
		out.push(n);
	}
	return out;
}
const frame = (...parts: (number | Uint8Array)[]) => {
	const e = encoding.createEncoder();
	for (const p of parts) {
		if (typeof p === 'number') encoding.writeVarUint(e, p);
		else encoding.writeVarUint8Array(e, p);
	}
	return encoding.toUint8Array(e);
};

/** An awareness message setting one client's presence. */
function presence(clientId: number, clock: number, state: unknown): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 1);
	encoding.writeVarUint(e, clientId);
	encoding.writeVarUint(e, clock);
	encoding.writeVarString(e, JSON.stringify(state));
	return frame(1, encoding.toUint8Array(e));
}

/** Idle sockets that did what a browser tab does on open: sync step 1 and a presence state. */
async function idleRss(child: ChildProcess, ready: Ready): Promise<number> {
	// V8 and the allocator return memory freed earlier (start-up, seeding, the embedded engine's
	// thread) only gradually, in steps seconds apart: each reading waits until RSS has held
	// still for fifteen readings (about fifteen seconds) in a row.
	const settled = async () => {
		let last = await ask<number>(child, 'rss', 'rss');
		for (let i = 0, still = 0; i < 90 && still < 15; i++) {
			const now = await ask<number>(child, 'rss', 'rss');
			still = Math.abs(now - last) <= 256 * 1024 ? still + 1 : 0;
			last = now;
		}
		return last;
	};
	const before = await settled();
	const url = `ws://127.0.0.1:${ready.port}/collab/${ready.docs[0]}`;
	const Socket = socketClass(ready.tokens[0]!, `http://127.0.0.1:${ready.port}`);
	const sockets: WebSocket[] = [];
	for (let i = 0; i < idleCount; i++) {
		const ws = new Socket(url);
		await new Promise((r, reject) => {
			ws.once('message', r);
			ws.once('error', reject);
		});
		const doc = new Y.Doc();
		ws.send(frame(0, 0, Y.encodeStateVector(doc)));
		ws.send(presence(doc.clientID, 1, { cursor: null }));
		sockets.push(ws);
	}
	await sleep(500);
	const during = await settled();
	// A few at a time: the stock server recurses through every closing peer and overflows its stack on mass hang-ups.
	for (let i = 0; i < sockets.length; i += 50) {
		for (const ws of sockets.slice(i, i + 50)) ws.terminate();
		await sleep(20);
	}
	return (during - before) / idleCount;
}

/**
 * N clients typing ~5 characters a second each, with a cursor presence update
 * per keystroke. They speak the protocol directly and do not apply what they
 * receive, so the parent's CPU does not blur what the server costs; latency
 * runs from send until every other client of the document has the edit.
 */
/** Whose turn it is when two servers' typists take turns (--slice). */
interface Turns {
	mine(): boolean;
	/** Resolves when this side's next turn begins. */
	next(): Promise<void>;
}

function takeTurns(sliceMs: number, sides: number): Turns[] {
	const t0 = performance.now();
	const slice = () => Math.floor((performance.now() - t0) / sliceMs);
	return Array.from({ length: sides }, (_, side) => ({
		mine: () => slice() % sides === side,
		next: async () => {
			const now = slice();
			const ahead = (side - (now % sides) + sides) % sides || sides;
			await sleep(Math.max(0, t0 + (now + ahead) * sliceMs - performance.now()));
		}
	}));
}

async function typingLatency(ready: Ready, seconds: number, ports = [ready.port], turns?: Turns, sentAt?: number[]): Promise<number[]> {
	const pending = new Map<string, { t0: number; missing: number }>();
	const latencies: number[] = [];
	let measuring = false;
	const peers = await Promise.all(
		Array.from({ length: clients }, async (_, i) => {
			// Consecutive clients land on different instances, so every document has typists on each.
			const port = ports[i % ports.length]!;
			const Socket = socketClass(ready.tokens[i % ready.tokens.length]!, `http://127.0.0.1:${port}`);
			const ws = new Socket(`ws://127.0.0.1:${port}/collab/${ready.docs[i % docCount]}?ack=1`);
			await new Promise((r, reject) => {
				ws.once('open', r);
				ws.once('error', reject);
			});
			ws.on('message', (m: Buffer) => {
				if (m[0] !== 0 || m[1] !== 2) return;
				// A relayed edit: [sync, update, length, #clients, #structs, client, clock, ...].
				const [, , , client, clock] = varUints(m, 2, 5);
				const key = `${client}:${clock}`;
				const edit = pending.get(key);
				if (edit && --edit.missing === 0) {
					if (edit.t0 >= 0) {
						latencies.push(performance.now() - edit.t0);
						sentAt?.push(edit.t0);
					}
					pending.delete(key);
				}
			});
			return { ws, doc: new Y.Doc(), group: i % docCount };
		})
	);
	const perGroup = (g: number) => peers.filter((p) => p.group === g).length;
	const end = performance.now() + (seconds + 1) * 1000;
	setTimeout(() => (measuring = true), 1000);
	await Promise.all(
		peers.map(async (p) => {
			// Each typist writes their own paragraph of an agenda item's notes, as the workspace's editor does.
			let update: Uint8Array | null = null;
			p.doc.on('update', (u: Uint8Array) => (update = u));
			const text = new Y.XmlText();
			p.doc.getXmlFragment(`notes:${NOTES_ITEM}`).insert(0, [text]);
			p.ws.send(frame(0, 2, update!));
			let moves = 0;
			await sleep(Math.random() * 200);
			while (performance.now() < end) {
				if (turns && !turns.mine()) {
					await turns.next();
					// Typists resume at their own pace, not all in the same millisecond.
					await sleep(Math.random() * 200);
					continue;
				}
				const clock = Y.getState(p.doc.store, p.doc.clientID);
				// Each typist writes at the end of their own passage, as people taking turns on the minutes do.
				text.insert(text.length, 'ก');
				pending.set(`${p.doc.clientID}:${clock}`, { t0: measuring ? performance.now() : -1, missing: perGroup(p.group) - 1 });
				p.ws.send(frame(0, 2, update!));
				p.ws.send(presence(p.doc.clientID, ++moves, { cursor: { index: text.length } }));
				await sleep(100 + Math.random() * 200);
			}
		})
	);
	await sleep(1000);
	for (const p of peers) p.ws.terminate();
	return latencies;
}

/** Writers, each on a document of its own, keep 64 updates in flight; counts confirmed (Concord) or echoed (baseline) updates. */
async function saturation(ready: Ready, kind: Kind, ports = [ready.port]): Promise<number> {
	let done = 0;
	const writers = await Promise.all(
		Array.from({ length: writerCount }, async (_, i) => {
			const port = ports[i % ports.length]!;
			const Socket = socketClass(ready.tokens[i % ready.tokens.length]!, `http://127.0.0.1:${port}`);
			const ws = new Socket(`ws://127.0.0.1:${port}/collab/${ready.docs[i]}?ack=1`);
			await new Promise((r) => ws.once('open', r));
			const doc = new Y.Doc();
			let sent = 0;
			let confirmed = 0;
			let running = true;
			const text = new Y.XmlText();
			const pump = () => {
				while (running && sent - confirmed < 64) {
					text.insert(0, 'x');
					sent++;
				}
			};
			doc.on('update', (u: Uint8Array) => ws.send(frame(0, 2, u)));
			doc.getXmlFragment(`notes:${NOTES_ITEM}`).insert(0, [text]);
			sent++;
			ws.on('message', (m: Buffer) => {
				if (kind === 'concord' && m[0] === 100) {
					const [n = 0] = varUints(m, 1, 1);
					done += n - confirmed;
					confirmed = n;
				} else if (kind === 'baseline' && m[0] === 0 && m[1] === 2) {
					done++;
					confirmed++;
				} else return;
				pump();
			});
			return { ws, start: pump, stop: () => (running = false) };
		})
	);
	for (const w of writers) w.start();
	await sleep(1000);
	const from = done;
	const t0 = performance.now();
	await sleep(Math.max(2, seconds / 2) * 1000);
	const rate = ((done - from) / (performance.now() - t0)) * 1000;
	for (const w of writers) {
		w.stop();
		w.ws.terminate();
	}
	return rate;
}

async function start(kind: Kind, join?: Ready): Promise<{ child: ChildProcess; ready: Ready }> {
	const child = fork(
		fileURLToPath(import.meta.url),
		[
			'--serve',
			kind,
			'--docs',
			String(docCount),
			'--writers',
			String(writerCount),
			'--instances',
			String(instanceCount),
			...(args['database-url'] ? ['--database-url', args['database-url']] : [])
		],
		{
			execArgv: [
				'--expose-gc',
				'--import',
				'tsx',
				...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
				...(process.env.BENCH_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? [])
			],
			env: { ...process.env, LOG_LEVEL: 'error', BENCH_RUN: String(process.pid), ...(join ? { BENCH_JOIN: JSON.stringify(join) } : {}) }
		}
	);
	const ready = await new Promise<Ready>((resolve, reject) => {
		child.on('message', (m: { ready?: Ready }) => m.ready && resolve(m.ready));
		child.once('exit', (code) => reject(new Error(`bench: ${kind} server exited (${code})`)));
	});
	return { child, ready };
}

async function stop(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return;
	child.send({ cmd: 'stop' });
	await new Promise((r) => {
		child.once('exit', r);
		setTimeout(() => {
			child.kill('SIGKILL');
			r(null);
		}, 10_000).unref();
	});
}

const median = (xs: number[]) => percentile(xs, 50);

/**
 * The database's own commit of one small row, paced like typing, on a
 * connection of its own: nothing of a document is relayed before its commit,
 * so this is the floor under Concord's propagation on PostgreSQL, which the
 * stock server (memory only) does not pay. The row goes into an ordinary
 * table, as the update log's do, so each commit waits for its WAL flush; the
 * same row in a temporary table (never flushed) shows what the flush costs.
 */
async function commitLatency(url: string, samples = 1000): Promise<{ logged: number[]; unflushed: number[] }> {
	const { default: pg } = await import('pg');
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	const table = `bench_commit_${process.pid}`;
	try {
		await client.query(`create table ${table} (id bigserial primary key, data bytea not null)`);
		await client.query('create temporary table bench_unflushed (id bigserial primary key, data bytea not null)');
		const row = Buffer.alloc(48);
		const times = async (statement: string) => {
			const out: number[] = [];
			for (let i = 0; i < samples; i++) {
				const t0 = performance.now();
				await client.query(statement, [row]);
				out.push(performance.now() - t0);
				await sleep(4);
			}
			return out;
		};
		return { logged: await times(`insert into ${table} (data) values ($1)`), unflushed: await times('insert into bench_unflushed (data) values ($1)') };
	} finally {
		await client.query(`drop table if exists ${table}`).catch(() => {});
		await client.end();
	}
}

async function main() {
	console.log(
		`bench:collab — ${clients} clients on ${docCount} doc(s), ${warmup} s of warm-up and ${rounds} × ${seconds} s of typing per server (${slice > 0 ? `taking turns every ${slice} ms` : 'alternating'}), ` +
			`${writerCount} saturating writers, ${idleCount} idle sockets; load average ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores; ` +
			`Concord on ${args['database-url'] ? 'PostgreSQL' : 'the embedded engine'}` +
			(instanceCount > 1 ? ` as ${instanceCount} instances linked through Redis, half the clients on each` : '')
	);
	const started = await Promise.allSettled([start('baseline'), start('concord')]);
	const failed = started.find((s) => s.status === 'rejected');
	if (failed) {
		// Leave no server behind when the other one could not start.
		await Promise.all(started.map((s) => (s.status === 'fulfilled' ? stop(s.value.child) : null)));
		throw failed.reason;
	}
	type Started = Awaited<ReturnType<typeof start>>;
	const [baseline, concord] = started.map((s) => (s as PromiseFulfilledResult<Started>).value) as [Started, Started];
	const servers = { baseline, concord };
	const more: Started[] = [];
	try {
		for (let i = 1; i < instanceCount; i++) more.push(await start('concord', concord.ready));
		const ports = { baseline: [baseline.ready.port], concord: [concord.ready.port, ...more.map((m) => m.ready.port)] };
		const kinds: Kind[] = ['baseline', 'concord'];
		const rss = { baseline: 0, concord: 0 };
		for (const kind of kinds) rss[kind] = await idleRss(servers[kind].child, servers[kind].ready);
		const cold = { baseline: NaN, concord: NaN };
		for (const kind of kinds) if (warmup > 0) cold[kind] = percentile(await typingLatency(servers[kind].ready, warmup, ports[kind]), 99);
		const p50 = { baseline: [] as number[], concord: [] as number[] };
		const p99 = { baseline: [] as number[], concord: [] as number[] };
		const concordChildren = [concord.child, ...more.map((m) => m.child)];
		await askAll([...concordChildren, baseline.child], 'stages-reset', 'stagesReset');
		if (slice > 0) {
			// Both take turns for as long as the rounds would have lasted, one after the other.
			const turns = takeTurns(slice, kinds.length);
			const samples = await Promise.all(
				kinds.map(async (kind, i) => {
					const sentAt: number[] = [];
					const latencies = await typingLatency(servers[kind].ready, rounds * seconds * kinds.length, ports[kind], turns[i], sentAt);
					return { latencies, sentAt };
				})
			);
			const from = Math.min(...samples.flatMap((s) => s.sentAt));
			const length = (Math.max(...samples.flatMap((s) => s.sentAt)) - from) / rounds;
			kinds.forEach((kind, i) => {
				const { latencies, sentAt } = samples[i]!;
				for (let round = 0; round < rounds; round++) {
					const these = latencies.filter((_, j) => Math.min(rounds - 1, Math.floor((sentAt[j]! - from) / length)) === round);
					p50[kind].push(percentile(these, 50));
					p99[kind].push(percentile(these, 99));
				}
			});
		}
		for (let round = 0; slice <= 0 && round < rounds; round++) {
			// Alternating the order spreads drift in machine load over both servers.
			for (const kind of round % 2 ? [...kinds].reverse() : kinds) {
				const latencies = await typingLatency(servers[kind].ready, seconds, ports[kind]);
				p50[kind].push(percentile(latencies, 50));
				p99[kind].push(percentile(latencies, 99));
			}
		}
		const stages = await askAll<StageCounts>(concordChildren, 'stages', 'stages');
		const baselineFigures = await ask<StageCounts>(baseline.child, 'stages', 'stages');
		const rate = { baseline: 0, concord: 0 };
		for (const kind of kinds) rate[kind] = await saturation(servers[kind].ready, kind, ports[kind]);
		const row = (label: string, b: number, c: number, digits: number) =>
			console.log(`${label.padEnd(34)}${b.toFixed(digits).padStart(12)}${c.toFixed(digits).padStart(12)}${(c / b).toFixed(2).padStart(9)}`);
		console.log(`${''.padEnd(34)}${'baseline'.padStart(12)}${'concord'.padStart(12)}${'ratio'.padStart(9)}`);
		row('propagation p50, median (ms)', median(p50.baseline), median(p50.concord), 2);
		row('propagation p99, median (ms)', median(p99.baseline), median(p99.concord), 2);
		row('updates/s at saturation', rate.baseline, rate.concord, 0);
		row('RSS per idle connection (KB)', rss.baseline / 1024, rss.concord / 1024, 1);
		const rounded = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
		console.log(`p99 per round (ms): baseline ${rounded(p99.baseline)}; concord ${rounded(p99.concord)}`);
		// Each round of one server runs next to the other's: the pair saw about the same load from the rest of the machine.
		const pairs = p99.concord.map((c, i) => c / p99.baseline[i]!);
		console.log(`p99 ratio per pair of neighbouring rounds: ${pairs.map((r) => r.toFixed(2)).join(', ')} (median ${median(pairs).toFixed(2)})`);
		if (warmup > 0) console.log(`p99 during the warm-up, not counted (ms): baseline ${cold.baseline.toFixed(1)}; concord ${cold.concord.toFixed(1)}`);
		if (args['database-url']) {
			const commits = await commitLatency(concord.ready.url ?? args['database-url']);
			const figures = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(2)}, p99 ${percentile(xs, 99).toFixed(2)}`;
			console.log(`PostgreSQL's own commit of one row, which every relayed edit waits for (ms): ${figures(commits.logged)}`);
			console.log(`  the same row unflushed (a temporary table, whose commit skips the WAL flush): ${figures(commits.unflushed)}`);
		}
		for (const line of describeStages(stages, baselineFigures)) console.log(line);
		console.log("concord's updates/s are durable (acknowledged after their commit); the baseline's are applied in memory only");
		console.log(`load average ${loadavg()[0]!.toFixed(2)} at the end`);
		if (instanceCount > 1) {
			console.log(`concord's updates/s are summed over its ${instanceCount} instances; its RSS is the first instance's`);
			const p99ok = median(p99.concord) <= 1.5 * median(p99.baseline);
			console.log(
				`targets: p99 ≤ 1.5× the stock single server ${p99ok ? 'met' : 'MISSED'}; ≥ 10,000 durable updates/s across the instances ${rate.concord >= 10_000 ? 'met' : 'MISSED'}`
			);
		} else {
			const p99ok = median(p99.concord) <= 1.3 * median(p99.baseline);
			console.log(
				`targets: p99 ≤ 1.3× baseline ${p99ok ? 'met' : 'MISSED'}; ≥ 5,000 durable updates/s ${rate.concord >= 5000 ? 'met' : 'MISSED'}; ` +
					`≤ 100 KB per idle connection ${rss.concord <= 100 * 1024 ? 'met' : 'MISSED'}`
			);
		}
	} finally {
		// The first Concord instance drops the database: the others leave it first.
		await Promise.all(more.map((m) => stop(m.child)));
		await Promise.all([stop(servers.baseline.child), stop(servers.concord.child)]);
	}
}

if (args.serve) await serve(args.serve as Kind);
else
	await main().then(
		() => process.exit(0),
		(error: unknown) => {
			console.error(error);
			process.exit(1);
		}
	);

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { closeCode } from '../../src/lib/collab/protocol';
import { addAgendaItem, addDecision, decisionsOf, removeDecision } from '../../src/lib/meeting-doc/schema';
import { rebuild } from '../../server/collab/load';
import { readDocument } from '../../server/collab/storage';
import { demoId } from '../../server/demo/seed';
import { createTestDatabase, engines } from '../support/database';
import { frame, meetingDoc, openClient, rawSocket, seededRandom, seedMeetingsInProgress, sessionFor, waitFor, type TestServer } from './support';
import type { Database } from '../../server/db/database';

/*
 * Several Concord instances on one database, each a process of its own
 * (fixtures/instance-server.ts), linked through the Redis at REDIS_URL
 * (127.0.0.1:6379 unless set), under a channel prefix of this run's own.
 */

const script = join(import.meta.dirname, 'fixtures', 'instance-server.ts');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Instance {
	process: ChildProcess;
	server: TestServer;
	id: string;
	/** `action.changed` events this instance heard. */
	heard: unknown[];
	/** The events of its log lines (info and above). */
	logged: { event: string; doc?: string }[];
}

type Started = { ok: true; instance: Instance } | { ok: false; message: string; code: number | null };

function launch(env: Record<string, string>): Promise<Started> {
	const child = spawn(process.execPath, ['--import', 'tsx', script], {
		env: { ...process.env, LOG_LEVEL: 'info', ...env },
		stdio: ['ignore', 'pipe', 'pipe', 'ipc']
	});
	let output = '';
	const heard: unknown[] = [];
	const logged: Instance['logged'] = [];
	let pending = '';
	child.stdout!.on('data', (d) => {
		pending += d;
		const lines = pending.split('\n');
		pending = lines.pop()!;
		for (const line of lines) {
			try {
				logged.push(JSON.parse(line) as Instance['logged'][number]);
			} catch {
				// not a log line
			}
		}
	});
	child.on('message', (m: { event?: string; payload?: unknown }) => {
		if (m.event === 'action.changed') heard.push(m.payload);
	});
	return new Promise((resolve, reject) => {
		let refusal: string | null = null;
		child.stderr!.on('data', (d) => (output += d));
		child.stdout!.on('data', (d) => {
			output += d;
			for (const line of output.split('\n')) {
				if (line.includes('"instance.refused"')) refusal = (JSON.parse(line) as { message: string }).message;
				if (!line.includes('"instance.listening"')) continue;
				const { port, id } = JSON.parse(line) as { port: number; id: string };
				const server = { port, origin: `http://127.0.0.1:${port}` } as TestServer;
				resolve({ ok: true, instance: { process: child, server, id, heard, logged } });
			}
		});
		child.on('exit', (code) => {
			if (refusal) resolve({ ok: false, message: refusal, code });
			else reject(new Error(`instance exited (${code}): ${output}`));
		});
	});
}

async function start(env: Record<string, string>): Promise<Instance> {
	const started = await launch(env);
	if (!started.ok) throw new Error(`instance refused: ${started.message}`);
	return started.instance;
}

function kill(instance: Instance): Promise<void> {
	const child = instance.process;
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) return resolve();
		child.once('exit', () => resolve());
		child.kill('SIGKILL');
	});
}

/** What a client's document holds, for comparing replicas. */
const contents = (doc: Y.Doc) => ({ tokens: doc.getArray<string>('tokens').toJSON(), text: doc.getText('text').toString() });

/** The document as any instance would load it from the database now. */
async function stored(database: Database, name: string) {
	const doc = await rebuild(name, await readDocument(database.db, name));
	return contents(doc);
}

describe('a second embedded instance', () => {
	for (const engine of engines.filter((e) => e === 'pglite')) {
		it(`is refused on a data directory in use, with one sentence [${engine}]`, { timeout: 60_000 }, async () => {
			const dir = mkdtempSync(join(tmpdir(), 'concord-instances-'));
			const first = await start({ INSTANCE_DATA_DIR: dir });
			try {
				const second = await launch({ INSTANCE_DATA_DIR: dir });
				expect(second.ok).toBe(false);
				if (second.ok) return kill(second.instance);
				expect(second.code).toBe(3);
				expect(second.message).toMatch(/^Another Concord process \(pid \d+\) already uses the data directory .+\.$/);
			} finally {
				await kill(first);
				rmSync(dir, { recursive: true, force: true });
			}
		});
	}
});

for (const engine of engines.filter((e) => e === 'postgres')) {
	describe(`instances on one database [${engine}]`, () => {
		let database: Database;
		let url: string;
		const tokens: Record<string, string> = {};
		const name = meetingDoc('dkt-wg:-1');
		const prefix = `concord-test-${randomBytes(6).toString('hex')}:`;
		const linked = { REDIS_URL, REDIS_PREFIX: prefix };

		beforeAll(async () => {
			database = await createTestDatabase('postgres');
			await seedMeetingsInProgress(database.db);
			for (const user of ['cdo', 'police', 'health', 'hospital', 'school1', 'ymca']) tokens[user] = await sessionFor(database.db, user);
			// The database createTestDatabase made: its name is the pool's; rebuild the URL the same way.
			const { rows } = await (await import('kysely')).sql<{ db: string }>`select current_database() as db`.execute(database.db);
			const target = new URL(process.env.TEST_DATABASE_URL!);
			target.pathname = `/${rows[0]!.db}`;
			url = target.toString();
		});
		afterAll(async () => {
			await database?.close();
		});

		it('refuses a second instance without REDIS_URL, and one without it beside linked instances', { timeout: 60_000 }, async () => {
			const alone = await start({ INSTANCE_DATABASE_URL: url });
			try {
				const second = await launch({ INSTANCE_DATABASE_URL: url });
				expect(second.ok).toBe(false);
				if (second.ok) return kill(second.instance);
				expect(second.message).toBe('Another Concord instance already runs on this database; set REDIS_URL on every instance to run more than one.');
				const linkedToo = await launch({ INSTANCE_DATABASE_URL: url, ...linked });
				expect(linkedToo.ok).toBe(false);
			} finally {
				await kill(alone);
			}
			const a = await start({ INSTANCE_DATABASE_URL: url, ...linked });
			const b = await start({ INSTANCE_DATABASE_URL: url, ...linked });
			try {
				const unlinked = await launch({ INSTANCE_DATABASE_URL: url });
				expect(unlinked.ok).toBe(false);
				if (!unlinked.ok) expect(unlinked.message).toMatch(/REDIS_URL/);
			} finally {
				await Promise.all([kill(a), kill(b)]);
			}
		});

		describe('linked through Redis', () => {
			let a: Instance;
			let b: Instance;
			const open: { destroy(): void }[] = [];
			const client = (instance: Instance, user: string, doc = new Y.Doc()) => {
				const c = openClient(instance.server, tokens[user]!, name, doc);
				open.push(c);
				return c;
			};

			beforeAll(async () => {
				// A low threshold, so both instances compact the same document while it is edited on both.
				const env = { INSTANCE_DATABASE_URL: url, INSTANCE_COMPACT_AFTER: '10', ...linked };
				[a, b] = await Promise.all([start(env), start(env)]);
			});
			afterAll(async () => {
				for (const c of open) c.destroy();
				await Promise.all([a && kill(a), b && kill(b)]);
			});

			it('converges with clients spread over both instances, and the database holds the same document', { timeout: 60_000 }, async () => {
				const random = seededRandom(21);
				const users = ['cdo', 'police', 'health', 'hospital', 'school1', 'ymca'];
				const clients = users.map((user, i) => client(i % 2 ? b : a, user));
				await waitFor(() => clients.every((c) => c.status.synced), 'clients synced', 15_000);
				for (let round = 0; round < 40; round++) {
					for (const [i, c] of clients.entries()) {
						const tokensOf = c.doc.getArray<string>('tokens');
						const text = c.doc.getText('text');
						const pick = random();
						if (pick < 0.5) tokensOf.push([`r${round}c${i}`]);
						else if (pick < 0.8) text.insert(Math.floor(random() * (text.length + 1)), String.fromCharCode(0x0e01 + i));
						else if (text.length) text.delete(Math.floor(random() * text.length), 1);
						else if (tokensOf.length) tokensOf.delete(Math.floor(random() * tokensOf.length), 1);
					}
					await new Promise((r) => setTimeout(r, 5 + random() * 20));
				}
				const same = () => {
					const first = JSON.stringify(contents(clients[0]!.doc));
					return clients.every((c) => JSON.stringify(contents(c.doc)) === first && !c.status.unsaved);
				};
				await waitFor(same, 'clients on both instances converged', 15_000);
				const expected = contents(clients[0]!.doc);
				expect(expected.tokens.length).toBeGreaterThan(0);
				await waitFor(async () => JSON.stringify(await stored(database, name)) === JSON.stringify(expected), 'stored document equal', 15_000);
				// Both instances folded it (the threshold is 10 rows), each from its own copy; a fresh client of either reads the same.
				const compacted = (instance: Instance) => instance.logged.some((l) => l.event === 'collab.compacted' && l.doc === name);
				await waitFor(() => compacted(a) && compacted(b), 'both instances compacted', 15_000);
				expect(JSON.stringify(await stored(database, name))).toBe(JSON.stringify(expected));
				for (const instance of [a, b]) {
					const reader = client(instance, 'cdo');
					await waitFor(() => reader.status.synced, 'reader synced', 10_000);
					expect(contents(reader.doc)).toEqual(expected);
				}
			});

			it("shows each person's presence on the other instance", { timeout: 30_000 }, async () => {
				const here = client(a, 'health');
				const there = client(b, 'hospital');
				await waitFor(() => here.status.synced && there.status.synced, 'both synced', 10_000);
				here.provider.awareness.setLocalStateField('cursor', { index: 7 });
				const seen = () =>
					[...there.provider.awareness.getStates().values()].some(
						(s) => (s as { user?: { id: string }; cursor?: { index: number } }).user?.id === demoId('user', 'health') && s.cursor?.index === 7
					);
				await waitFor(seen, 'presence from the other instance', 10_000);
				here.destroy();
				await waitFor(() => !seen(), 'presence gone once its socket closed', 10_000);
			});

			it("keeps a person's client id theirs on the other instance too", { timeout: 30_000 }, async () => {
				const writer = client(a, 'health');
				await waitFor(() => writer.status.synced, 'writer synced', 10_000);
				writer.doc.getText('text').insert(0, 'บันทึกของสาธารณสุข ');
				const reader = client(b, 'cdo');
				await waitFor(() => reader.doc.getText('text').toString().includes('บันทึกของสาธารณสุข'), 'the edit on the other instance', 10_000);
				// Someone on the other instance writes under the id the health office writes with.
				const forged = new Y.Doc();
				Y.applyUpdate(forged, Y.encodeStateAsUpdate(reader.doc));
				forged.clientID = writer.doc.clientID;
				const sv = Y.encodeStateVector(forged);
				forged.getText('text').insert(0, 'ปลอม ');
				const ws = await rawSocket(b.server, tokens.police!, name, '?ack=1');
				const outcome = new Promise<string>((resolve) =>
					ws.once('close', (code, r) => resolve(code === closeCode.changeRefused ? r.toString() : `closed ${code}`))
				);
				ws.send(frame(0, 2, Y.encodeStateAsUpdate(forged, sv)));
				expect(await Promise.race([outcome, new Promise<string>((r) => setTimeout(() => r('kept'), 3_000))])).toBe('refused:foreign-client');
				ws.terminate();
				expect(reader.doc.getText('text').toString()).not.toContain('ปลอม');
			});

			it('closes a signed-out person’s socket on the other instance, and carries events', { timeout: 30_000 }, async () => {
				const victim = client(b, 'school1');
				await waitFor(() => victim.status.synced, 'synced', 10_000);
				a.process.send({ cmd: 'sign-out', userId: demoId('user', 'school1') });
				await waitFor(() => victim.status.closed !== null, 'socket closed by the other instance', 5_000);
				expect(victim.status.closed!.code).toBe(closeCode.sessionEnded);

				const payload = { actionItemId: 'a-1', bodyId: demoId('body', 'dkt-wg') };
				a.process.send({ cmd: 'action-changed', ...payload });
				await waitFor(() => b.heard.some((p) => JSON.stringify(p) === JSON.stringify(payload)), 'event on the other instance', 5_000);
			});

			it('repairs what a dropped Redis connection lost: nothing is missing once it is back', { timeout: 60_000 }, async () => {
				const writer = client(a, 'cdo');
				const reader = client(b, 'police');
				await waitFor(() => writer.status.synced && reader.status.synced, 'synced', 10_000);
				const redis = createClient({ url: REDIS_URL });
				await redis.connect();
				try {
					const list = await redis.clientList();
					const subscriber = list.find((c) => c.name === `concord-${b.id}-sub`);
					expect(subscriber).toBeDefined();
					let n = 0;
					const typing = setInterval(() => writer.doc.getArray<string>('tokens').push([`drop-${n++}`]), 2);
					await new Promise((r) => setTimeout(r, 100));
					await redis.clientKill({ filter: 'ID', id: subscriber!.id } as never);
					await new Promise((r) => setTimeout(r, 300));
					clearInterval(typing);
					await waitFor(() => !writer.status.unsaved, 'writer saved', 10_000);
					const written = writer.doc
						.getArray<string>('tokens')
						.toJSON()
						.filter((t) => t.startsWith('drop-'));
					expect(written).toHaveLength(n);
					await waitFor(
						() => {
							const got = new Set(reader.doc.getArray<string>('tokens').toJSON());
							return written.every((t) => got.has(t));
						},
						'every update on the reader of the other instance',
						15_000
					);
					// The subscriber came back under a new connection.
					const again = (await redis.clientList()).find((c) => c.name === `concord-${b.id}-sub`);
					expect(again?.id).not.toBe(subscriber!.id);
				} finally {
					await redis.quit();
				}
			});

			it('loses no acknowledged edit when an instance is killed during typing', { timeout: 60_000 }, async () => {
				const users = ['cdo', 'police', 'health', 'hospital'];
				const writers = users.map((user, i) => {
					const c = client(i % 2 ? b : a, user);
					return { c, user, i, pushed: [] as string[], acked: 0 };
				});
				await waitFor(() => writers.every((w) => w.c.status.synced), 'writers synced', 10_000);
				for (const w of writers) w.c.provider.awareness.setLocalStateField('cursor', { index: 0 });
				const typing = setInterval(() => {
					for (const w of writers) {
						const t = `kill-${w.i}-${w.pushed.length}`;
						w.c.doc.getArray<string>('tokens').push([t]);
						w.pushed.push(t);
					}
				}, 3);
				const watching = setInterval(() => {
					for (const w of writers) if (!w.c.status.unsaved) w.acked = w.pushed.length;
				}, 1);
				// Typing goes on past the first acknowledgements, so the kill lands mid-stream.
				await waitFor(() => writers.every((w) => w.acked > 0), 'first edits acknowledged', 10_000);
				const onB = writers.filter((w) => w.i % 2).map((w) => w.c.doc.clientID);
				const present = () => [...writers[0]!.c.provider.awareness.getStates().keys()].filter((id) => onB.includes(id));
				await waitFor(() => present().length === onB.length, 'presence of the killed instance’s clients', 10_000);
				await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
				await kill(b);
				clearInterval(watching);
				clearInterval(typing);
				const acknowledged = writers.flatMap((w) => w.pushed.slice(0, w.acked));
				// Before anyone reconnects: the surviving instance has every edit the killed one acknowledged.
				const reader = client(a, 'ymca');
				await waitFor(
					() => {
						const got = new Set(reader.doc.getArray<string>('tokens').toJSON());
						return reader.status.synced && acknowledged.every((t) => got.has(t));
					},
					'acknowledged edits on the surviving instance',
					15_000
				);
				// Their cursors leave with the instance, not half a minute later with the awareness timeout.
				await waitFor(() => present().length === 0, 'presence of the killed instance’s clients gone', 10_000);
				// The killed instance's clients come back through the survivor, with what they still hold.
				for (const w of writers) if (w.i % 2) w.c.destroy();
				const moved = writers.map((w) => (w.i % 2 ? client(a, w.user, w.c.doc) : w.c));
				await waitFor(
					() => {
						const first = JSON.stringify(contents(moved[0]!.doc));
						return moved.every((c) => c.status.synced && !c.status.unsaved && JSON.stringify(contents(c.doc)) === first);
					},
					'clients converged on the survivor',
					15_000
				);
				const final = new Set(moved[0]!.doc.getArray<string>('tokens').toJSON());
				expect(acknowledged.filter((t) => !final.has(t))).toEqual([]);
				await waitFor(
					async () => {
						const got = new Set((await stored(database, name)).tokens);
						return writers.every((w) => w.pushed.every((t) => got.has(t)));
					},
					'every edit stored',
					15_000
				);
			});
		});

		describe('the meeting rules, whichever instance a change reaches', () => {
			let a: Instance;
			let b: Instance;
			const meeting = meetingDoc('dkt-wg:1');
			const opened: { destroy(): void }[] = [];
			const open = async (instance: Instance, user: string) => {
				const c = openClient(instance.server, tokens[user]!, meeting);
				opened.push(c);
				await waitFor(() => c.status.synced, `${user} synced`, 10_000);
				return c;
			};
			const saved = (c: Awaited<ReturnType<typeof open>>, what: string) => waitFor(() => c.status.state === 'saved', what, 10_000);

			beforeAll(async () => {
				const env = { INSTANCE_DATABASE_URL: url, INSTANCE_GUARD: 'meeting', ...linked };
				[a, b] = await Promise.all([start(env), start(env)]);
			});
			afterAll(async () => {
				for (const c of opened) c.destroy();
				await Promise.all([a && kill(a), b && kill(b)]);
			});

			/*
			 * Each instance judges a change against its own copy. A writer's update can only build on what
			 * their own instance relayed to them, so that copy holds everything the update touches: what was
			 * added on the other instance is judged by who added it there, as on one instance.
			 */
			it('refuses on one instance what the rules refuse of content added on the other, and takes what they allow', { timeout: 60_000 }, async () => {
				const item = crypto.randomUUID();
				const decision = crypto.randomUUID();
				const org = (key: string) => demoId('org', key);
				const secretary = await open(a, 'cdo');
				addAgendaItem(secretary.doc, { id: item, title: 'การส่งต่อผู้เสียหายข้ามอำเภอ', minutes: 15, presenterOrgId: null, standing: null });
				addDecision(secretary.doc, { id: decision, agendaItemId: item, text: 'ให้ พมจ. ประสานบ้านพักเด็ก', leadOrgId: org('dkt-cdo'), supportingOrgIds: [] });
				await saved(secretary, "the secretary's decision saved");

				// A member on the other instance may not remove the secretary's decision: refused there, kept everywhere.
				const member = await open(b, 'police');
				await waitFor(() => decisionsOf(member.doc).has(decision), 'the decision on the other instance', 10_000);
				removeDecision(member.doc, decision);
				await waitFor(() => member.status.refused !== null, "the member's removal answered", 10_000);
				expect(member.status.refused).toBe('remove');
				const reader = await open(a, 'hospital');
				expect(decisionsOf(reader.doc).has(decision)).toBe(true);
				const storedDoc = await rebuild(meeting, await readDocument(database.db, meeting));
				expect(decisionsOf(storedDoc).has(decision)).toBe(true);

				// What a member adds there, they may take back on the same connection; the secretary, on the first instance, may remove it too.
				const writer = await open(b, 'police');
				const slip = crypto.randomUUID();
				addDecision(writer.doc, { id: slip, agendaItemId: item, text: 'พิมพ์ผิด', leadOrgId: org('dkt-police'), supportingOrgIds: [] });
				await saved(writer, "the member's decision saved");
				removeDecision(writer.doc, slip);
				await saved(writer, "the member's own removal saved");
				const theirs = crypto.randomUUID();
				addDecision(writer.doc, { id: theirs, agendaItemId: item, text: 'ตำรวจตรวจสถานบริการ 9 แห่ง', leadOrgId: org('dkt-police'), supportingOrgIds: [] });
				await waitFor(() => decisionsOf(secretary.doc).has(theirs), "the member's decision on the first instance", 10_000);
				removeDecision(secretary.doc, theirs);
				await waitFor(() => !decisionsOf(writer.doc).has(theirs), "the secretary's removal back on the second instance", 10_000);
				await saved(secretary, "the secretary's removal saved");
				expect([secretary.status.refused, writer.status.refused]).toEqual([null, null]);
				// The reader's copy is relayed on its own socket: it may arrive just after the secretary's acknowledgement.
				await waitFor(() => !decisionsOf(reader.doc).has(slip) && !decisionsOf(reader.doc).has(theirs), 'both removals reach the reader', 10_000);
				const storedAfter = await rebuild(meeting, await readDocument(database.db, meeting));
				expect([decisionsOf(storedAfter).has(slip), decisionsOf(storedAfter).has(theirs), decisionsOf(storedAfter).has(decision)]).toEqual([
					false,
					false,
					true
				]);
			});
		});
	});
}

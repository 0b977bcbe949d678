import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import * as Y from 'yjs';
import { randomUUID } from 'node:crypto';
import { loadDocument, rebuild } from '../../server/collab/load';
import { appendUpdates, foldIntoSnapshot, readDocument } from '../../server/collab/storage';
import { describeEachEngine } from '../support/database';
import type { CollabSettings } from '../../server/collab/settings';
import {
	captureLog,
	HoldNextWrite,
	meetingDoc,
	openClient,
	seedWithWriters,
	sessionFor,
	settled,
	startCollab,
	type TestServer,
	waitFor,
	freeForm,
	seedMeetingsInProgress
} from './support';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const doc1 = meetingDoc('dkt-wg:-1');
const doc2 = meetingDoc('dkt-wg:-2');
const doc3 = meetingDoc('dkt-wg:-3');

describeEachEngine('collaboration persistence', (use) => {
	let server: TestServer;
	let nantana: string;
	let somchai: string;

	beforeAll(async () => {
		const { db } = use();
		({ nantana, somchai } = await seedWithWriters(db));
		server = await startCollab(db, { compactAfterUpdates: 1_000 }, {}, freeForm);
	});
	afterAll(() => server?.close());

	const reload = async (name: string) => (await loadDocument(use().db, name)).doc;

	it('relays an edit only once it is durable, and confirms it to its author as saved', async () => {
		const a = openClient(server, nantana, doc1);
		const b = openClient(server, somchai, doc1);
		try {
			await waitFor(() => a.status.state === 'saved' && b.status.state === 'saved', 'both clients saved');
			a.doc.getText('notes').insert(0, 'วาระที่ 1: รับรองรายงานการประชุม');
			expect(a.status.unsaved).toBe(true);
			await waitFor(() => b.doc.getText('notes').toString().includes('วาระที่ 1'), 'relay to b');
			// What b received is already in the database.
			expect((await reload(doc1)).getText('notes').toString()).toContain('วาระที่ 1');
			await waitFor(() => a.status.state === 'saved', 'a saved');
		} finally {
			a.destroy();
			b.destroy();
		}
	});

	it('reports edits made offline as unsaved until the server confirms them durable', async () => {
		const a = openClient(server, nantana, doc1);
		try {
			await waitFor(() => a.status.state === 'saved', 'saved');
			a.provider.disconnect();
			await waitFor(() => !a.status.synced, 'disconnected');
			a.doc.getMap('attendance').set('somchai', 'present');
			expect(a.status.state).toBe('offline-unsaved');
			a.provider.connect();
			await waitFor(() => a.status.state === 'saved', 'saved after reconnecting');
			expect((await reload(doc1)).getMap('attendance').get('somchai')).toBe('present');
		} finally {
			a.destroy();
		}
	});

	it('loads stored state before answering the first sync, once for concurrent first connections', async () => {
		const { db } = use();
		const seedDoc = new Y.Doc();
		seedDoc.getMap('agenda').set('item-1', 'ติดตามผลการส่งต่อเด็ก');
		await db
			.insertInto('doc_update')
			.values({ doc_name: doc2, data: Y.encodeStateAsUpdate(seedDoc) })
			.execute();
		const logs = captureLog();
		const clients = [0, 1, 2].map(() => openClient(server, nantana, doc2));
		try {
			await Promise.all(
				clients.map((c) => waitFor(() => c.status.synced, 'synced').then(() => expect(c.doc.getMap('agenda').get('item-1')).toBe('ติดตามผลการส่งต่อเด็ก')))
			);
			expect(logs.events.filter((e) => e.event === 'collab.loaded' && e.doc === doc2)).toHaveLength(1);
		} finally {
			logs.restore();
			for (const c of clients) c.destroy();
		}
	});

	it('applies server-side changes durably, relays them and runs the debounced hooks', async () => {
		const seen: string[] = [];
		const offBroken = server.collab.onDocumentChanged(() => {
			throw new Error('projection bug');
		});
		const off = server.collab.onDocumentChanged((name, doc) => {
			if (name === doc1) seen.push(doc.getArray<string>('updates').toArray().join(','));
		});
		const logs = captureLog();
		const a = openClient(server, nantana, doc1);
		try {
			await waitFor(() => a.status.synced, 'synced');
			await server.collab.change(doc1, (doc) => doc.getArray<string>('updates').push(['progress-1', 'progress-2']));
			expect((await reload(doc1)).getArray('updates').toArray()).toEqual(['progress-1', 'progress-2']);
			await waitFor(() => a.doc.getArray('updates').length === 2, 'server change relayed');
			await waitFor(() => seen.includes('progress-1,progress-2'), 'hook saw the durable doc');
			expect(seen).toHaveLength(1);
			expect(logs.events.some((e) => e.event === 'collab.hook_failed')).toBe(true);
		} finally {
			logs.restore();
			off();
			offBroken();
			a.destroy();
		}
	});

	it('unloads an idle document by compacting it, and deleted text leaves the database', async () => {
		const { db } = use();
		const secret = 'ชื่อเด็กที่ต้องลบ-7731';
		const a = openClient(server, nantana, doc3);
		const countSecret = async () => {
			const needle = new TextEncoder().encode(secret);
			const rows = await sql<{ n: number }>`
				select (select count(*) from doc_update where position(${needle}::bytea in data) > 0)
				     + (select count(*) from doc_snapshot where position(${needle}::bytea in state) > 0) as n`.execute(db);
			return Number(rows.rows[0]!.n);
		};
		try {
			await waitFor(() => a.status.synced, 'synced');
			const text = a.doc.getText('notes');
			text.insert(0, `ผู้เข้าร่วม: ${secret} ภาคต่อ`);
			await waitFor(() => a.status.state === 'saved', 'insert saved');
			expect(await countSecret()).toBeGreaterThan(0);
			const at = text.toString().indexOf(secret);
			text.delete(at, secret.length);
			await waitFor(() => a.status.state === 'saved', 'delete saved');
		} finally {
			a.destroy();
		}
		await waitFor(() => server.collab.document(doc3) === undefined, 'document unloaded');
		expect(await countSecret()).toBe(0);
		const rows = await db.selectFrom('doc_update').select('id').where('doc_name', '=', doc3).execute();
		expect(rows).toHaveLength(0);
		const restored = await reload(doc3);
		expect(restored.getText('notes').toString()).toBe('ผู้เข้าร่วม:  ภาคต่อ');
		expect(settled(restored)).toBe(true);
	});

	it('reads a long log in slices, and a fold deletes exactly the rows it names', async () => {
		const { db } = use();
		const name = `meeting:${randomUUID()}`;
		const source = new Y.Doc();
		const updates: Uint8Array[] = [];
		source.on('update', (u: Uint8Array) => updates.push(u));
		for (let i = 0; i < 600; i++) source.getArray('items').push([i]);
		await appendUpdates(
			db,
			updates.map((data) => ({ doc_name: name, data }))
		);

		const stored = await readDocument(db, name);
		expect(stored.updates).toHaveLength(600);
		const ids = stored.updates.map((u) => u.id);
		expect(ids).toEqual([...ids].sort((x, y) => x - y));
		expect((await reload(name)).getArray('items').toArray()).toEqual(Array.from({ length: 600 }, (_, i) => i));

		// A name outside the plain alphabet goes as a parameter, whatever it holds.
		const odd = `odd:${randomUUID()}'\\x`;
		await appendUpdates(db, [{ doc_name: odd, data: updates[0]! }]);
		expect((await readDocument(db, odd)).updates).toHaveLength(1);

		// A row committed after the read is neither folded nor deleted.
		updates.length = 0;
		source.getArray('items').push(['ภายหลัง']);
		await appendUpdates(db, [{ doc_name: name, data: updates[0]! }]);
		const state = Y.encodeStateAsUpdate(await rebuild(name, stored));
		await foldIntoSnapshot(db, name, state, ids);
		const left = await readDocument(db, name);
		expect(left.updates).toHaveLength(1);
		expect(left.snapshot).not.toBeNull();
		const restored = await reload(name);
		expect(restored.getArray('items').length).toBe(601);
		expect(restored.getArray('items').get(600)).toBe('ภายหลัง');
	});

	it('compacts while loaded once a document logs many updates', async () => {
		const { db } = use();
		const busy = await startCollab(db, { compactAfterUpdates: 20 }, {}, freeForm);
		const name = meetingDoc('dkt-wg:1');
		const a = openClient(busy, nantana, name);
		try {
			await waitFor(() => a.status.synced, 'synced');
			for (let i = 0; i < 60; i++) {
				a.doc.getArray('items').push([i]);
				await waitFor(() => a.status.state === 'saved', 'saved');
			}
			await waitFor(async () => (await db.selectFrom('doc_snapshot').select('doc_name').where('doc_name', '=', name).execute()).length === 1, 'snapshot');
			const logged = await db.selectFrom('doc_update').select('id').where('doc_name', '=', name).execute();
			expect(logged.length).toBeLessThan(40);
			expect((await reload(name)).getArray('items').length).toBe(60);
		} finally {
			a.destroy();
			await busy.close();
		}
	});
	interface CompactionScene {
		hold: HoldNextWrite;
		server: TestServer;
		name: string;
		list: Y.Array<string>;
		/** Items `prefix0`, `prefix1`, ... up to `count`. */
		items(count: number): string[];
		compacted(): Record<string, unknown>[];
		logged(): Promise<number>;
	}

	/**
	 * A server whose next log write can be held back, compacting after five rows, and a
	 * client on the working group's next meeting that has made five items of an array durable.
	 */
	async function compactionScene(settings: Partial<CollabSettings>, prefix: string, run: (scene: CompactionScene) => Promise<void>) {
		const { db } = use();
		const hold = new HoldNextWrite();
		const server = await startCollab(db.withPlugin(hold), { compactAfterUpdates: 5, ...settings }, {}, freeForm);
		const name = meetingDoc('dkt-wg:1');
		const logs = captureLog();
		const client = openClient(server, nantana, name);
		const list = client.doc.getArray<string>(prefix);
		const items = (count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
		try {
			await waitFor(() => client.status.synced, 'synced');
			for (const item of items(5)) {
				list.push([item]);
				await waitFor(() => client.status.state === 'saved', 'saved');
			}
			await run({
				hold,
				server,
				name,
				list,
				items,
				compacted: () => logs.events.filter((e) => e.event === 'collab.compacted' && e.doc === name),
				logged: async () => (await db.selectFrom('doc_update').select('id').where('doc_name', '=', name).execute()).length
			});
			await waitFor(() => client.status.state === 'saved', 'saved');
		} finally {
			logs.restore();
			hold.let();
			client.destroy();
			await server.close();
		}
	}

	it('covers what joins the open batch after a compaction starts', () =>
		// One commit at a time: while one is held, updates gather in the open batch.
		compactionScene({ commitsInFlight: 1 }, 'ข', async ({ hold, server, name, list, items, compacted, logged }) => {
			hold.armed = true;
			list.push(['ข5']);
			await waitFor(() => hold.holding, 'commit held');
			list.push(['ข6']);
			// The compaction timer fires a second after the last commit; the document's latest batch is the open one.
			await sleep(1_300);
			list.push(['ข7']);
			await waitFor(() => server.collab.document(name)?.getArray('ข').length === 8, 'accepted');
			hold.let();
			await waitFor(() => compacted().length === 1, 'compacted');
			expect(await logged()).toBe(0);
			expect((await reload(name)).getArray('ข').toArray()).toEqual(items(8));
		}));

	it('compacts from memory while a later commit is in flight, and folds only the rows of the batches it covers', () =>
		compactionScene({}, 'ก', async ({ hold, name, list, items, compacted, logged }) => {
			// Past the threshold, compaction waits a second for a pause; the next commit is held meanwhile.
			hold.armed = true;
			list.push(['ก5']);
			await waitFor(() => hold.holding, 'commit held');
			await sleep(1_300);
			expect(compacted()).toHaveLength(0);

			// A later edit commits in a later batch: its row is not among those folded.
			const passed = hold.passed;
			list.push(['ก6']);
			await waitFor(() => hold.passed > passed, 'later commit done');
			hold.let();
			await waitFor(() => compacted().length === 1, 'compacted');
			expect(await logged()).toBe(1);
			const snapshot = await use().db.selectFrom('doc_snapshot').select('doc_name').where('doc_name', '=', name).execute();
			expect(snapshot).toHaveLength(1);
			expect((await reload(name)).getArray('ก').toArray()).toEqual(items(7));
		}));
});

describe('collaboration shutdown', () => {
	it('flushes queued updates and closes sockets with 1001', async () => {
		const { createTestDatabase } = await import('../support/database');
		const database = await createTestDatabase('pglite');
		try {
			await seedMeetingsInProgress(database.db);
			const token = await sessionFor(database.db, 'cdo');
			const server = await startCollab(database.db, {}, {}, freeForm);
			const a = openClient(server, token, doc1);
			await waitFor(() => a.status.synced, 'synced');
			const codes: number[] = [];
			a.provider.on('connection-close', (event) => codes.push(event?.code ?? 0));
			a.doc.getText('notes').insert(0, 'บันทึกก่อนปิดระบบ');
			// Accepted (in the server's memory) is what must survive; not yet durable is allowed.
			await waitFor(() => server.collab.document(doc1)?.getText('notes').length === 17, 'update accepted');
			await server.close();
			await waitFor(() => codes.includes(1001), 'close code 1001 at the client');
			const stored = (await loadDocument(database.db, doc1)).doc;
			expect(stored.getText('notes').toString()).toBe('บันทึกก่อนปิดระบบ');
			a.destroy();
		} finally {
			await database.close();
		}
	});
});

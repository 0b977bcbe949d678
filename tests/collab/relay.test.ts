import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { describeEachEngine } from '../support/database';
import {
	HoldNextWrite,
	meetingDoc,
	openClient,
	presenceMessage,
	rawSocket,
	seedWithWriters,
	sessionFor,
	startCollab,
	type TestServer,
	waitFor,
	freeForm
} from './support';

/** The client IDs named in a server's awareness message. */
function presenceIds(message: Uint8Array): number[] {
	const outer = decoding.createDecoder(message);
	decoding.readVarUint(outer);
	const update = decoding.createDecoder(decoding.readVarUint8Array(outer));
	return Array.from({ length: decoding.readVarUint(update) }, () => {
		const id = decoding.readVarUint(update);
		decoding.readVarUint(update);
		decoding.readVarString(update);
		return id;
	});
}

/** Every awareness message a raw socket receives from now on. */
function presenceInbox(ws: WebSocket): Uint8Array[] {
	const inbox: Uint8Array[] = [];
	ws.on('message', (data: Buffer) => {
		if (data[0] === 1) inbox.push(new Uint8Array(data));
	});
	return inbox;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachEngine('collaboration relay', (use) => {
	const hold = new HoldNextWrite();
	let server: TestServer;
	let nantana: string;
	let somchai: string;

	beforeAll(async () => {
		const { db } = use();
		({ nantana, somchai } = await seedWithWriters(db));
		server = await startCollab(db.withPlugin(hold), { presenceIntervalMs: 150 }, {}, freeForm);
	});
	afterAll(() => {
		hold.let();
		return server?.close();
	});

	it('relays and confirms edits in order even when a later commit finishes first', async () => {
		const name = meetingDoc('dkt-wg:-1');
		const a = openClient(server, nantana, name);
		const b = openClient(server, somchai, name);
		try {
			await waitFor(() => a.status.state === 'saved' && b.status.state === 'saved', 'both saved');
			hold.armed = true;
			a.doc.getText('notes').insert(0, 'ก');
			await waitFor(() => hold.holding, 'first commit held');
			const before = hold.passed;
			// Independent of the first, so b could show it alone if it were let out early.
			a.doc.getMap('attendance').set('police', 'present');
			await waitFor(() => hold.passed > before, 'second commit done');
			await sleep(100);
			// The second edit is durable, but the first is not known to be: neither leaves yet.
			expect(b.doc.getText('notes').toString()).toBe('');
			expect(b.doc.getMap('attendance').get('police')).toBeUndefined();
			expect(a.status.unsaved).toBe(true);
			hold.let();
			await waitFor(() => b.doc.getMap('attendance').get('police') === 'present' && a.status.state === 'saved', 'both relayed and saved');
			expect(b.doc.getText('notes').toString()).toBe('ก');
		} finally {
			a.destroy();
			b.destroy();
		}
	});

	it('sends presence on in one message per document per interval, not back to a lone sender', async () => {
		const { db } = use();
		const name = meetingDoc('dkt-wg:-2');
		const observer = await rawSocket(server, nantana, name);
		const writers = await Promise.all(['police', 'hospital', 'school1'].map(async (user) => rawSocket(server, await sessionFor(db, user), name)));
		try {
			const seen = presenceInbox(observer);
			const own = presenceInbox(writers[0]!);
			writers.forEach((ws, i) => ws.send(presenceMessage(9_100 + i, 1, { cursor: i })));
			await waitFor(() => seen.length > 0, 'presence relayed');
			await sleep(300);
			expect(seen).toHaveLength(1);
			expect(presenceIds(seen[0]!).sort()).toEqual([9_100, 9_101, 9_102]);

			own.length = 0;
			writers[0]!.send(presenceMessage(9_100, 2, { cursor: 42 }));
			await waitFor(() => seen.length === 2, 'second change relayed');
			await sleep(300);
			expect(presenceIds(seen[1]!)).toEqual([9_100]);
			expect(own).toHaveLength(0);
		} finally {
			for (const ws of [observer, ...writers]) ws.close();
		}
	});
});

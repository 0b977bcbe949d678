import fc from 'fast-check';
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_STATE_VECTOR_PARAM, decodeStateVectorParam, encodeStateVectorParam } from '../../src/lib/collab/protocol';
import type { Database } from '../../server/db/database';
import { createTestDatabase } from '../support/database';
import {
	closed,
	freeForm,
	frame,
	meetingDoc,
	openClient,
	seedMeetingsInProgress,
	sessionFor,
	socketClass,
	startCollab,
	upgradeStatus,
	waitFor,
	type TestServer
} from './support';

const name = meetingDoc('dkt-wg:-1');

/** A raw socket on the document with `sv` in its URL, and the sync messages (type, payload) it receives, from the first on. */
async function openWithSv(server: TestServer, token: string, stateVector: Uint8Array) {
	const Socket = socketClass(token, server.origin);
	const ws = new Socket(`ws://127.0.0.1:${server.port}/collab/${name}?sv=${encodeStateVectorParam(stateVector)}`);
	const seen: { type: number; payload: Uint8Array }[] = [];
	ws.on('message', (data: Buffer) => {
		const decoder = decoding.createDecoder(new Uint8Array(data));
		if (decoding.readVarUint(decoder) !== 0) return;
		seen.push({ type: decoding.readVarUint(decoder), payload: decoding.readVarUint8Array(decoder) });
	});
	await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
	return { ws, seen };
}

describe('the state vector sent with the upgrade (sv)', () => {
	it('round-trips any bytes through its base64url form, which stays within the URL-safe alphabet', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
				const param = encodeStateVectorParam(bytes);
				expect(param).toMatch(/^[A-Za-z0-9_-]*$/);
				expect(decodeStateVectorParam(param)).toEqual(bytes);
			})
		);
		for (const bad of ['a+b', 'a/b', 'ab==', 'a b', 'A', 'ß']) expect(decodeStateVectorParam(bad), bad).toBeNull();
	});

	let database: Database;
	let server: TestServer;
	let token: string;
	let writer: ReturnType<typeof openClient>;

	beforeAll(async () => {
		database = await createTestDatabase('pglite');
		await seedMeetingsInProgress(database.db);
		server = await startCollab(database.db, {}, {}, freeForm);
		token = await sessionFor(database.db, 'police');
		writer = openClient(server, token, name);
		await waitFor(() => writer.status.synced, 'writer synced');
		writer.doc.getText('scratch').insert(0, 'สรุปผลการประชุมครั้งที่แล้ว '.repeat(40));
		await waitFor(() => writer.status.state === 'saved', 'writer saved');
	});
	afterAll(async () => {
		writer?.destroy();
		await server?.close();
		await database?.close();
	});

	it('is answered as the socket opens: the document arrives before the client has sent anything', async () => {
		const { ws, seen } = await openWithSv(server, token, Y.encodeStateVector(new Y.Doc()));
		await waitFor(() => seen.some((m) => m.type === 1), 'sync step 2 without asking');
		const copy = new Y.Doc();
		Y.applyUpdate(copy, seen.find((m) => m.type === 1)!.payload);
		expect(copy.getText('scratch').toString()).toBe(writer.doc.getText('scratch').toString());
		// The client's own first sync step 1, with the same state vector, gets only what changed since: nothing here.
		const full = Y.encodeStateAsUpdate(writer.doc).length;
		ws.send(frame(0, 0, Y.encodeStateVector(new Y.Doc())));
		await waitFor(() => seen.filter((m) => m.type === 1).length === 2, 'second answer');
		const second = seen.filter((m) => m.type === 1)[1]!.payload;
		expect(second.length).toBeLessThan(full / 10);
		Y.applyUpdate(copy, second);
		expect(copy.getText('scratch').toString()).toBe(writer.doc.getText('scratch').toString());
		// A later sync step 1 is answered in full again, as any client's is.
		ws.send(frame(0, 0, Y.encodeStateVector(new Y.Doc())));
		await waitFor(() => seen.filter((m) => m.type === 1).length === 3, 'third answer');
		expect(seen.filter((m) => m.type === 1)[2]!.payload.length).toBeGreaterThan(full / 2);
		ws.close();
		await closed(ws);
	});

	it('sends a device that holds part of the document only what it lacks', async () => {
		const device = new Y.Doc();
		Y.applyUpdate(device, Y.encodeStateAsUpdate(writer.doc));
		writer.doc.getText('scratch').insert(0, 'เพิ่มเติม ');
		await waitFor(() => writer.status.state === 'saved', 'writer saved again');
		const { ws, seen } = await openWithSv(server, token, Y.encodeStateVector(device));
		await waitFor(() => seen.some((m) => m.type === 1), 'sync step 2 without asking');
		const answer = seen.find((m) => m.type === 1)!.payload;
		expect(answer.length).toBeLessThan(200);
		Y.applyUpdate(device, answer);
		expect(device.getText('scratch').toString()).toBe(writer.doc.getText('scratch').toString());
		ws.close();
		await closed(ws);
	});

	it('refuses an upgrade whose sv is not a state vector, with 400 and nothing opened', async () => {
		const headers = { Origin: server.origin, Cookie: `concord_session=${token}` };
		const path = (sv: string) => `/collab/${encodeURIComponent(name)}?ack=1&sv=${sv}`;
		const cases = {
			'not base64url': 'a+b/c',
			'too long for a URL': 'A'.repeat(MAX_STATE_VECTOR_PARAM + 1),
			'bytes that are not a state vector': encodeStateVectorParam(new Uint8Array([0x05, 0x80])),
			'a single character': 'A'
		};
		for (const [what, sv] of Object.entries(cases)) expect((await upgradeStatus(server.port, path(sv), headers)).status, what).toBe(400);
		expect((await upgradeStatus(server.port, path(encodeStateVectorParam(Y.encodeStateVector(new Y.Doc()))), headers)).status).toBe(101);
	});

	it("Concord's client sends it and syncs, and a device copy's edits still reach the server", async () => {
		const device = new Y.Doc();
		Y.applyUpdate(device, Y.encodeStateAsUpdate(writer.doc));
		device.getText('scratch').insert(0, 'จากเครื่อง ');
		const client = openClient(server, await sessionFor(database.db, 'health'), name, device);
		try {
			await waitFor(() => client.status.state === 'saved', 'device copy saved');
			await waitFor(() => writer.doc.getText('scratch').toString().startsWith('จากเครื่อง '), 'edit reached the other client');
			expect(client.provider.ws?.url).toMatch(/[?&]sv=[A-Za-z0-9_-]+/);
		} finally {
			client.destroy();
		}
	});
});

import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTestDatabase } from '../support/database';
import type { Database } from '../../server/db/database';
import {
	captureLog,
	closed,
	meetingDoc,
	openClient,
	rawSocket,
	sessionFor,
	startCollab,
	upgradeStatus,
	waitFor,
	type TestServer,
	freeForm,
	seedMeetingsInProgress,
	frame
} from './support';

const name = meetingDoc('dkt-wg:-1');

const bytes = (...b: number[]) => new Uint8Array(b);
const validUpdate = (() => {
	const d = new Y.Doc();
	d.getText('t').insert(0, 'ok');
	return Y.encodeStateAsUpdate(d);
})();
const awarenessOf = (json: string, count = 1) => {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, count);
	encoding.writeVarUint(e, 77);
	encoding.writeVarUint(e, 1);
	encoding.writeVarString(e, json);
	return encoding.toUint8Array(e);
};

/** Frames that must each close the socket that sent them, with the expected code. */
const corpus: { what: string; data: Uint8Array | string; code: number; as?: string }[] = [
	{ what: 'a text frame', data: 'hello', code: 1003 },
	{ what: 'an empty frame', data: bytes(), code: 1007 },
	{ what: 'a truncated varint', data: bytes(0x80), code: 1007 },
	{ what: 'an absurdly long varint', data: bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01), code: 1007 },
	{ what: 'a varint beyond 2^53', data: bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f), code: 1007 },
	{ what: 'an unknown message type', data: bytes(9), code: 1003 },
	{ what: 'an auth message from a client', data: bytes(2, 0), code: 1003 },
	{ what: 'an unknown sync message type', data: bytes(0, 7, 0), code: 1003 },
	{ what: 'a sync message without its step', data: bytes(0), code: 1007 },
	{ what: 'a length beyond the end of the frame', data: bytes(0, 2, 0xe8, 0x07, 1, 2, 3), code: 1007 },
	{ what: 'an update that does not decode', data: frame(0, 2, bytes(0xff, 0xff, 0x01, 0x02, 0x09)), code: 1007 },
	{ what: 'a state vector that does not decode', data: frame(0, 0, bytes(0x05, 0x80)), code: 1007 },
	{ what: 'trailing bytes after an update', data: new Uint8Array([...frame(0, 2, validUpdate), 0]), code: 1007 },
	{ what: 'awareness that is not JSON', data: frame(1, awarenessOf('{nope')), code: 1007 },
	{ what: 'awareness that is an array', data: frame(1, awarenessOf('[1,2]')), code: 1007 },
	{ what: 'awareness claiming a million entries', data: frame(1, awarenessOf('null', 1_000_000)), code: 1007 },
	{ what: 'an oversized awareness state', data: frame(1, awarenessOf(JSON.stringify({ pad: 'x'.repeat(20_000) }))), code: 1008 },
	{ what: 'a read-only socket sending an update that does not decode', data: frame(0, 2, bytes(0xff, 0xff, 0x01)), code: 1007, as: 'ilo' },
	{ what: 'a frame over 1 MiB', data: new Uint8Array(1024 * 1024 + 1), code: 1009 }
];

describe('collaboration bad input', () => {
	let database: Database;
	let server: TestServer;
	let token: string;
	let writer: ReturnType<typeof openClient>;
	let reader: ReturnType<typeof openClient>;
	let round = 0;

	beforeAll(async () => {
		database = await createTestDatabase('pglite');
		await seedMeetingsInProgress(database.db);
		token = await sessionFor(database.db, 'cdo');
		server = await startCollab(database.db, { messagesPerSecond: 50, messageBurst: 60 }, {}, freeForm);
		writer = openClient(server, await sessionFor(database.db, 'police'), name);
		reader = openClient(server, await sessionFor(database.db, 'health'), name);
		await waitFor(() => writer.status.synced && reader.status.synced, 'healthy clients synced');
	});
	afterAll(async () => {
		writer?.destroy();
		reader?.destroy();
		await server?.close();
		await database?.close();
	});

	/** The healthy pair still syncs through the same server. */
	async function stillHealthy() {
		const marker = `round-${round++};`;
		writer.doc.getText('log').insert(0, marker);
		await waitFor(() => reader.doc.getText('log').toString().startsWith(marker), `healthy relay of ${marker}`);
	}

	for (const { what, data, code, as } of corpus) {
		it(`closes only the sender of ${what} (${code}), with a logged reason`, async () => {
			const logs = captureLog();
			try {
				const ws = await rawSocket(server, as ? await sessionFor(database.db, as) : token, name);
				ws.on('error', () => {});
				ws.send(data, { binary: typeof data !== 'string' });
				expect(await closed(ws, 5_000)).toBe(code);
				await stillHealthy();
				expect(logs.events.some((e) => e.event === 'collab.frame_rejected' || e.event === 'collab.socket_error')).toBe(true);
			} finally {
				logs.restore();
			}
		});
	}

	it('closes a socket that floods messages with 1008', async () => {
		const ws = await rawSocket(server, token, name);
		for (let i = 0; i < 200; i++) ws.send(bytes(3));
		expect(await closed(ws, 5_000)).toBe(1008);
		await stillHealthy();
	});

	it('survives random frames: each is handled or closes only its socket', async () => {
		const sv = frame(0, 0, Y.encodeStateVector(new Y.Doc()));
		const anyFrame = fc.oneof(
			fc.uint8Array({ maxLength: 48 }),
			fc.uint8Array({ maxLength: 48 }).map((b) => frame(0, 2, b)),
			fc.uint8Array({ maxLength: 48 }).map((b) => frame(0, 1, b)),
			fc.uint8Array({ maxLength: 48 }).map((b) => frame(1, b)),
			fc.uint8Array({ maxLength: 24 }).map((b) => frame(0, 0, b))
		);
		const logs = captureLog();
		let rejected = 0;
		await fc
			.assert(
				fc.asyncProperty(anyFrame, async (data) => {
					const ws = await rawSocket(server, token, name);
					ws.on('error', () => {});
					const answered = new Promise<'answered'>((resolve) =>
						ws.on('message', (m: Buffer) => {
							if (m[0] === 0 && m[1] === 1) resolve('answered');
						})
					);
					ws.send(data);
					ws.send(sv);
					const outcome = await Promise.race([answered, closed(ws, 5_000)]);
					if (outcome !== 'answered') {
						expect([1003, 1007]).toContain(outcome);
						rejected++;
					}
					ws.terminate();
				}),
				{ numRuns: 300, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) }
			)
			.finally(() => logs.restore());
		expect(logs.events.filter((e) => e.event === 'collab.frame_rejected').length).toBeGreaterThanOrEqual(rejected);
		await stillHealthy();
		expect(server.collab.document(name)?.getText('log').toString()).toBe(writer.doc.getText('log').toString());
	});
});

describe('collaboration memory bound', () => {
	it('refuses a new document with 503 while every loaded one is in use, and evicts an idle one', async () => {
		const database = await createTestDatabase('pglite');
		try {
			await seedMeetingsInProgress(database.db);
			const token = await sessionFor(database.db, 'cdo');
			const server = await startCollab(database.db, { maxDocuments: 1, unloadAfterMs: 60_000 }, {}, freeForm);
			const held = await rawSocket(server, token, name);
			const other = `/collab/${meetingDoc('dkt-wg:-2')}`;
			const headers = { Origin: server.origin, Cookie: `concord_session=${token}` };
			expect((await upgradeStatus(server.port, other, headers)).status).toBe(503);
			held.close();
			await closed(held);
			// The first document is now idle, waiting for its grace period: it can make room.
			await waitFor(async () => (await upgradeStatus(server.port, other, headers)).status === 101, 'idle document evicted');
			expect(server.collab.document(name)).toBeUndefined();
			await server.close();
		} finally {
			await database.close();
		}
	});
});

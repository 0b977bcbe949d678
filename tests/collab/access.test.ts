import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSession } from '../../server/auth/session';
import { colourFor } from '../../server/collab/awareness';
import { loadDocument } from '../../server/collab/load';
import { demoId } from '../../server/demo/seed';
import { events } from '../../server/events';
import { describeEachEngine } from '../support/database';
import {
	captureLog,
	meetingDoc,
	openClient,
	PASSWORD_FREE,
	presenceMessage,
	rawSocket,
	seedWithWriters,
	sessionFor,
	startCollab,
	type TestServer,
	upgradeStatus,
	waitFor,
	freeForm
} from './support';

const name = meetingDoc('dkt-wg:-1');
const path = `/collab/${name}`;

describeEachEngine('collaboration access', (use) => {
	let server: TestServer;
	let nantana: string;

	beforeAll(async () => {
		const { db } = use();
		({ nantana } = await seedWithWriters(db));
		server = await startCollab(db, { maxConnectionsPerUser: 6 }, { allowedOrigins: ['https://concord.example.org'] }, freeForm);
	});
	afterAll(() => server?.close());

	const upgrade = (p: string, headers: Record<string, string>) => upgradeStatus(server.port, p, { Origin: server.origin, ...headers });

	it('refuses an upgrade without a session cookie with 401, naming the instance', async () => {
		const answer = await upgrade(path, {});
		expect(answer.status).toBe(401);
		expect(answer.headers['x-concord-instance']).toBe('test-instance');
	});

	it('refuses an expired session with 401', async () => {
		const policy = { idleMs: 3_600_000, absoluteMs: 7_200_000 };
		const { token } = await createSession(use().db, demoId('user', 'cdo'), PASSWORD_FREE, policy, new Date(Date.now() - 3 * 3_600_000));
		expect((await upgrade(path, { Cookie: `concord_session=${token}` })).status).toBe(401);
	});

	it('refuses a foreign or missing Origin with 403, and accepts a configured one', async () => {
		const cookie = `concord_session=${nantana}`;
		expect((await upgrade(path, { Cookie: cookie, Origin: 'https://evil.example' })).status).toBe(403);
		expect((await upgradeStatus(server.port, path, { Cookie: cookie })).status).toBe(403);
		// Over https the browser holds the cookie under its __Host- name.
		const configured = await upgrade(path, { Cookie: `__Host-concord_session=${nantana}`, Origin: 'https://concord.example.org' });
		expect(configured.status).toBe(101);
		expect(configured.headers['x-concord-instance']).toBe('test-instance');
	});

	it('refuses a non-member with 403 and an unknown or malformed document with 404', async () => {
		const ratchanee = await sessionFor(use().db, 'school2');
		expect((await upgrade(path, { Cookie: `concord_session=${ratchanee}` })).status).toBe(403);
		const cookie = `concord_session=${nantana}`;
		expect((await upgrade('/collab/meeting:00000000-0000-4000-8000-000000000000', { Cookie: cookie })).status).toBe(404);
		expect((await upgrade('/collab/case:secret', { Cookie: cookie })).status).toBe(404);
		expect((await upgrade('/collab/', { Cookie: cookie })).status).toBe(404);
	});

	it('refuses more sockets per user than allowed with 429', async () => {
		const sockets = await Promise.all([0, 1, 2, 3, 4, 5].map(() => rawSocket(server, nantana, name)));
		try {
			expect((await upgrade(path, { Cookie: `concord_session=${nantana}` })).status).toBe(429);
		} finally {
			for (const ws of sockets) ws.terminate();
		}
		await waitFor(async () => (await upgrade(path, { Cookie: `concord_session=${nantana}` })).status === 101, 'slots freed');
	});

	it('gives back the slot of an upgrade its client abandoned', async () => {
		for (let i = 0; i < 12; i++) {
			const socket = connect(server.port, '127.0.0.1');
			socket.write(
				`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${server.origin}\r\n` +
					`Cookie: concord_session=${nantana}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
					`Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`
			);
			socket.on('error', () => {});
			// Hang up at a different moment of the server's decision each time.
			await new Promise((resolve) => setTimeout(resolve, i % 4));
			socket.destroy();
		}
		await waitFor(async () => (await upgrade(path, { Cookie: `concord_session=${nantana}` })).status === 101, 'a slot is free');
		// Every abandoned upgrade gave its slot back: the user's whole allowance (6) opens again.
		const held = await Promise.all([0, 1, 2, 3, 4, 5].map(() => rawSocket(server, nantana, name)));
		expect(held.filter((ws) => ws.readyState === ws.OPEN)).toHaveLength(6);
		for (const ws of held) ws.terminate();
	});

	it("drops an observer's edits while sending them live updates", async () => {
		const logs = captureLog();
		const emma = openClient(server, await sessionFor(use().db, 'ilo'), name);
		const writer = openClient(server, nantana, name);
		try {
			await waitFor(() => emma.status.synced && emma.status.readOnly && writer.status.state === 'saved', 'both synced');
			emma.doc.getText('notes').insert(0, 'observer was here;');
			writer.doc.getText('notes').insert(0, 'secretary writes;');
			await waitFor(() => emma.doc.getText('notes').toString().includes('secretary writes;'), 'live update reaches observer');
			await waitFor(() => writer.status.state === 'saved', 'writer saved');
			expect(writer.doc.getText('notes').toString()).not.toContain('observer');
			expect(server.collab.document(name)?.getText('notes').toString()).not.toContain('observer');
			expect((await loadDocument(use().db, name)).doc.getText('notes').toString()).not.toContain('observer');
			expect(emma.status.unsaved).toBe(true);
			expect(logs.events.some((e) => e.event === 'collab.read_only_dropped')).toBe(true);
		} finally {
			logs.restore();
			emma.destroy();
			writer.destroy();
		}
	});

	it('stamps presence with the session identity and drops claims on clientIDs of others', async () => {
		const db = use().db;
		const somchai = openClient(server, await sessionFor(db, 'police'), name);
		const watcher = openClient(server, nantana, name);
		const logs = captureLog();
		try {
			somchai.provider.awareness.setLocalState({ user: { id: 'someone-else', name: 'ประธาน (ปลอม)' }, cursor: 3 });
			const somchaiId = somchai.doc.clientID;
			await waitFor(() => watcher.provider.awareness.getStates().get(somchaiId)?.cursor === 3, 'presence relayed');
			expect(watcher.provider.awareness.getStates().get(somchaiId)?.user).toEqual({
				id: demoId('user', 'police'),
				name: 'ร.ต.อ.สมชาย บุญมา',
				colour: colourFor(demoId('user', 'police'))
			});

			// A raw socket of another user claims somchai's clientID, then its own.
			const forger = await rawSocket(server, await sessionFor(db, 'hospital'), name);
			forger.send(presenceMessage(somchaiId, 1_000, { user: { name: 'forged' }, cursor: 99 }));
			forger.send(presenceMessage(424242, 1, { cursor: 7 }));
			await waitFor(() => watcher.provider.awareness.getStates().get(424242)?.cursor === 7, 'own claim relayed');
			expect(watcher.provider.awareness.getStates().get(424242)?.user.id).toBe(demoId('user', 'hospital'));
			expect(watcher.provider.awareness.getStates().get(somchaiId)?.cursor).toBe(3);
			expect(logs.events.some((e) => e.event === 'collab.awareness_refused')).toBe(true);

			// Closing removes the connection's presence for everyone.
			forger.close();
			await waitFor(() => !watcher.provider.awareness.getStates().has(424242), 'presence removed on close');
		} finally {
			logs.restore();
			somchai.destroy();
			watcher.destroy();
		}
	});

	it('closes sockets within 5 s when sessions end or membership is revoked', async () => {
		const db = use().db;
		const ended = openClient(server, await sessionFor(db, 'health'), name);
		const revoked = openClient(server, await sessionFor(db, 'ngo'), name);
		const unaffected = openClient(server, await sessionFor(db, 'women'), name);
		try {
			await waitFor(() => [ended, revoked, unaffected].every((c) => c.status.synced), 'all synced');
			events.emit('sessions.ended', { userId: demoId('user', 'health'), reason: 'sign_out_everywhere' });
			await waitFor(() => ended.status.closed?.code === 4401, 'session end closes the socket', 5_000);

			await db
				.updateTable('membership')
				.set((eb) => ({ ends_on: eb.ref('starts_on') }))
				.where('user_id', '=', demoId('user', 'ngo'))
				.execute();
			events.emit('access.changed', { userId: demoId('user', 'ngo'), reason: 'membership_ended' });
			await waitFor(() => revoked.status.closed?.code === 4403, 'revocation closes the socket', 5_000);
			expect(unaffected.status.synced).toBe(true);
		} finally {
			ended.destroy();
			revoked.destroy();
			unaffected.destroy();
		}
	});

	it('reconnects a writer as read-only when the meeting is locked', async () => {
		const db = use().db;
		const meeting = demoId('meeting', 'dkt-wg:-2');
		const writer = openClient(server, await sessionFor(db, 'school1'), meetingDoc('dkt-wg:-2'));
		try {
			await waitFor(() => writer.status.state === 'saved', 'writer saved');
			expect(writer.status.readOnly).toBe(false);
			await db.updateTable('meeting').set({ locked: true }).where('id', '=', meeting).execute();
			events.emit('document.access_changed', { name: meetingDoc('dkt-wg:-2'), reason: 'locked' });
			await waitFor(() => writer.status.synced && writer.status.readOnly, 'reconnected read-only', 5_000);
		} finally {
			writer.destroy();
			await db.updateTable('meeting').set({ locked: false }).where('id', '=', meeting).execute();
		}
	});

	it('never sends document content to a refused client', async () => {
		await server.collab.change(name, (doc) => doc.getText('minutes').insert(0, 'เนื้อหาลับของที่ประชุม'));
		const stranger = await sessionFor(use().db, 'school2');
		const doc = new Y.Doc();
		const client = openClient(server, stranger, name, doc);
		try {
			await waitFor(() => client.provider.wsUnsuccessfulReconnects >= 2, 'refused twice');
			expect(doc.getText('minutes').toString()).toBe('');
			expect(client.status.synced).toBe(false);
		} finally {
			client.destroy();
		}
	});
});

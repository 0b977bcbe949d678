import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { connectDocument, reconnectDelay } from './client';
import * as encoding from 'lib0/encoding';
import { decodeStateVectorParam, messageAwareness, messageSaved, messageSync, syncStep1, syncStep2 } from './protocol';
import { CollabStatus } from './status.svelte';

/** A socket that opens at once and keeps what the client sends. */
class RecordingSocket {
	static last: RecordingSocket | null = null;
	readonly OPEN = 1;
	readonly url: string;
	readyState = 0;
	binaryType = 'arraybuffer';
	sent: Uint8Array[] = [];
	onopen: (() => void) | null = null;
	onmessage: ((event: unknown) => void) | null = null;
	onclose: ((event: unknown) => void) | null = null;
	onerror: ((event: unknown) => void) | null = null;
	constructor(url: string) {
		this.url = url;
		RecordingSocket.last = this;
		setTimeout(() => {
			this.readyState = 1;
			this.onopen?.();
		});
	}
	send(data: Uint8Array) {
		this.sent.push(new Uint8Array(data));
	}
	close() {
		this.readyState = 3;
	}
}

/** The client ids of every presence frame sent. */
function presenceClients(frames: Uint8Array[]): number[] {
	const ids: number[] = [];
	for (const frame of frames) {
		const d = decoding.createDecoder(frame);
		if (decoding.readVarUint(d) !== messageAwareness) continue;
		const update = decoding.createDecoder(decoding.readVarUint8Array(d));
		const count = decoding.readVarUint(update);
		for (let i = 0; i < count; i++) {
			ids.push(decoding.readVarUint(update));
			decoding.readVarUint(update);
			decoding.readVarString(update);
		}
	}
	return ids;
}

describe('collaboration client', () => {
	it('spreads reconnects over the upper half of an exponential back-off, up to the cap', () => {
		const backoff = { baseMs: 250, maxMs: 10_000 };
		expect(reconnectDelay(0, backoff, () => 0)).toBe(125);
		expect(reconnectDelay(0, backoff, () => 1)).toBe(250);
		expect(reconnectDelay(3, backoff, () => 0.5)).toBe(1_500);
		expect(reconnectDelay(20, backoff, () => 1)).toBe(10_000);
		expect(reconnectDelay(20, backoff, () => 0)).toBe(5_000);
	});

	it('sums up the connection for the UI', () => {
		const status = new CollabStatus();
		expect(status.state).toBe('connecting');
		status.unsaved = true;
		expect(status.state).toBe('offline-unsaved');
		status.synced = true;
		expect(status.state).toBe('connected');
		status.unsaved = false;
		expect(status.state).toBe('saved');
		status.storageError = true;
		expect(status.state).toBe('storage-error');
		status.closed = { code: 4403, reason: 'access revoked' };
		expect(status.state).toBe('closed');
	});

	it('tells offline from connecting, and counts changes kept on the device', () => {
		const status = new CollabStatus();
		status.reachable = false;
		expect(status.state).toBe('offline');
		status.unsaved = true;
		expect(status.state).toBe('offline-unsaved');
		status.kept = true;
		expect(status.state).toBe('offline-kept');
		status.reachable = true;
		expect(status.state).toBe('offline-kept');
	});

	it("speaks only for its own presence, never relaying another person's removal", async () => {
		const doc = new Y.Doc();
		const client = connectDocument('meeting:test', doc, { serverUrl: 'ws://test', WebSocket: RecordingSocket as never, heartbeat: false });
		await new Promise((resolve) => setTimeout(resolve, 10));
		const socket = RecordingSocket.last!;
		expect(client.provider.wsconnected).toBe(true);

		const other = new Awareness(new Y.Doc());
		other.setLocalState({ cursor: 1 });
		const awareness = client.provider.awareness;
		applyAwarenessUpdate(awareness, encodeAwarenessUpdate(other, [other.clientID]), 'server');
		removeAwarenessStates(awareness, [other.clientID], 'server');
		awareness.setLocalState({ cursor: 2 });

		const sentFor = presenceClients(socket.sent);
		expect(sentFor).toContain(doc.clientID);
		expect(sentFor).not.toContain(other.clientID);
		other.destroy();
		client.destroy();
	});

	it('puts what it holds in the URL, and keeps back a sync step 2 that gives the server nothing', async () => {
		const doc = new Y.Doc();
		doc.getText('notes').insert(0, 'วาระที่ 1 รับรองรายงานการประชุม');
		doc.getText('notes').delete(0, 5);
		const client = connectDocument('meeting:test', doc, { serverUrl: 'ws://test', WebSocket: RecordingSocket as never, heartbeat: false });
		await new Promise((resolve) => setTimeout(resolve, 10));
		const socket = RecordingSocket.last!;
		expect(decodeStateVectorParam(new URL(socket.url).searchParams.get('sv')!)).toEqual(Y.encodeStateVector(doc));

		const step2s = () => socket.sent.filter((f) => f[0] === messageSync && f[1] === syncStep2);
		const serverStep1 = (stateVector: Uint8Array) => {
			const e = encoding.createEncoder();
			encoding.writeVarUint(e, messageSync);
			encoding.writeVarUint(e, syncStep1);
			encoding.writeVarUint8Array(e, stateVector);
			socket.onmessage?.({ data: encoding.toUint8Array(e).buffer });
		};
		// The server has all of it (deletions included): the answer would carry only deletions it knows.
		serverStep1(Y.encodeStateVector(doc));
		expect(step2s()).toHaveLength(0);
		expect(client.status.unsaved).toBe(false);
		// The server lacks it: the answer goes.
		serverStep1(Y.encodeStateVector(new Y.Doc()));
		expect(step2s()).toHaveLength(1);
		const copy = new Y.Doc();
		const d = decoding.createDecoder(step2s()[0]!);
		decoding.readVarUint(d);
		decoding.readVarUint(d);
		Y.applyUpdate(copy, decoding.readVarUint8Array(d));
		expect(copy.getText('notes').toString()).toBe(doc.getText('notes').toString());
		client.destroy();
	});

	describe('with a copy kept on the device', () => {
		/** A device copy whose loading the test drives: it reports its count of unconfirmed changes when told. */
		function fakeCopy() {
			let report!: (pending: number) => void;
			const ready = new Promise<number>((resolve) => (report = resolve));
			const copy = { ready, origin: Symbol('device copy'), remember: async () => true, destroy: async () => {}, clear: async () => {} };
			return { copy, report };
		}
		const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
		const frameOf = (...parts: (number | Uint8Array)[]) => {
			const e = encoding.createEncoder();
			for (const p of parts) {
				if (typeof p === 'number') encoding.writeVarUint(e, p);
				else encoding.writeVarUint8Array(e, p);
			}
			return { data: encoding.toUint8Array(e).buffer };
		};
		/** A client on a socket the test answers, keeping its copy in `copy`. */
		function keptClient() {
			const { copy, report } = fakeCopy();
			const doc = new Y.Doc();
			const options = { serverUrl: 'ws://test', WebSocket: RecordingSocket as never, heartbeat: false as const, keep: true, deviceCopy: () => copy };
			return { copy, report, doc, client: connectDocument('meeting:test', doc, options) };
		}
		const earlierVisit = () => {
			const d = new Y.Doc();
			d.getText('notes').insert(0, 'บันทึกที่พิมพ์ไว้ตอนไม่มีสัญญาณ');
			return Y.encodeStateAsUpdate(d);
		};

		it('waits for the confirmation of changes from an earlier visit, even when the copy counts them after they went', async () => {
			const { copy, report, doc, client } = keptClient();
			await tick();
			const socket = RecordingSocket.last!;
			// The copy loads while the socket is open: what the server lacks goes as an update, then in the answer to its step 1.
			Y.applyUpdate(doc, earlierVisit(), copy.origin);
			socket.onmessage?.(frameOf(messageSync, syncStep1, Y.encodeStateVector(new Y.Doc())));
			socket.onmessage?.(frameOf(messageSync, syncStep2, Y.encodeStateAsUpdate(new Y.Doc())));
			const sentDocumentMessages = socket.sent.filter((f) => f[0] === messageSync && f[1] !== syncStep1).length;
			expect(sentDocumentMessages).toBe(2);
			// Only then does the copy say one change was never confirmed.
			report(1);
			await tick();
			expect(client.status.state).toBe('connected');
			socket.onmessage?.(frameOf(messageSaved, sentDocumentMessages));
			expect(client.status.state).toBe('saved');
			expect(client.status.pending).toBe(0);
			client.destroy();
		});

		it('shows a repeat visit saved as soon as it synced when the copy holds nothing unconfirmed', async () => {
			const { copy, report, doc, client } = keptClient();
			const stored = earlierVisit();
			// The copy loads before the socket opens, and counts nothing unconfirmed: the server has all of it.
			Y.applyUpdate(doc, stored, copy.origin);
			report(0);
			await tick();
			const socket = RecordingSocket.last!;
			const server = new Y.Doc();
			Y.applyUpdate(server, stored);
			socket.onmessage?.(frameOf(messageSync, syncStep1, Y.encodeStateVector(server)));
			socket.onmessage?.(frameOf(messageSync, syncStep2, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc))));
			expect(socket.sent.filter((f) => f[0] === messageSync && f[1] === syncStep2)).toHaveLength(0);
			expect(client.status.state).toBe('saved');
			client.destroy();
		});

		it('still sends and waits for changes the copy counts as unconfirmed when it loaded them before the socket opened', async () => {
			const { copy, report, doc, client } = keptClient();
			Y.applyUpdate(doc, earlierVisit(), copy.origin);
			report(1);
			await tick();
			const socket = RecordingSocket.last!;
			// A server that already has the text (it took it before the tab closed) answers with nothing new: the step 2 still goes.
			const server = new Y.Doc();
			Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
			socket.onmessage?.(frameOf(messageSync, syncStep1, Y.encodeStateVector(server)));
			socket.onmessage?.(frameOf(messageSync, syncStep2, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc))));
			expect(socket.sent.filter((f) => f[0] === messageSync && f[1] === syncStep2)).toHaveLength(1);
			expect(client.status.state).toBe('connected');
			socket.onmessage?.(frameOf(messageSaved, 1));
			expect(client.status.state).toBe('saved');
			client.destroy();
		});
	});
});

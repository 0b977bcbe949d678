import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { connectDocument, reconnectDelay } from './client';
import * as encoding from 'lib0/encoding';
import { decodeStateVectorParam, messageAwareness, messageSync, syncStep1, syncStep2 } from './protocol';
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
});

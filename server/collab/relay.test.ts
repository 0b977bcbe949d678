import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LiveDocument } from './document';
import type { PendingUpdate, WriteQueue } from './persist';
import { Relay, relayedOrigin } from './relay';
import { relayRemoteUpdate } from './replica';

/** A relay attached to one document, recording what it would write and what it reports durable. */
function attached() {
	const written: PendingUpdate[] = [];
	let durable = 0;
	const relay = new Relay({ presenceIntervalMs: 30, durable: () => durable++, connections: () => [] });
	relay.use({ push: (entry: PendingUpdate) => written.push(entry) } as unknown as WriteQueue);
	const live = new LiveDocument('meeting:x', new Y.Doc(), []);
	relay.attach(live);
	return { relay, live, written, durable: () => durable };
}

const typed = (text: string) => {
	const doc = new Y.Doc();
	doc.getText('notes').insert(0, text);
	return Y.encodeStateAsUpdate(doc);
};

describe("another instance's update, relayed here", () => {
	it('is applied to the copy without being written again, and reported durable', () => {
		const { relay, live, written, durable } = attached();
		let events = 0;
		relayRemoteUpdate(relay, live, typed('บันทึกจากอีกเครื่อง'));
		live.doc.on('update', () => events++);
		expect(live.doc.getText('notes').toString()).toBe('บันทึกจากอีกเครื่อง');
		expect(written).toEqual([]);
		expect(durable()).toBe(1);
		// The relay listens again: a change made here afterwards goes to the write queue.
		live.doc.getText('notes').insert(0, 'ต่อ ');
		expect(written).toHaveLength(1);
		expect(events).toBe(1);
	});

	it('is applied with no update listener on the document, so Yjs does not encode it again', () => {
		const { relay, live } = attached();
		// Yjs encodes a transaction's change only while the document has an 'update' observer.
		const listening = () => (live.doc as unknown as { _observers: Map<string, unknown> })._observers.has('update');
		let during: boolean | null = null;
		expect(listening()).toBe(true);
		relay.applyRelayed(live, () => {
			during = listening();
			Y.applyUpdate(live.doc, typed('ก'), relayedOrigin);
		});
		expect(during).toBe(false);
		expect(listening()).toBe(true);
	});

	it('leaves the relay listening when the update does not decode', () => {
		const { relay, live, written, durable } = attached();
		relayRemoteUpdate(relay, live, Uint8Array.of(0xff, 0xff, 0xff));
		expect(durable()).toBe(1);
		live.doc.getText('notes').insert(0, 'ก');
		expect(written).toHaveLength(1);
	});
});

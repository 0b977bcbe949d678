import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Cluster, type ClusterHandlers } from './cluster';

/**
 * The link between instances, on the Redis every machine of this project has
 * (127.0.0.1:6379, as in CI): an update crosses whole, with the time it took
 * measured finely enough to tell a sub-millisecond hop from a slow one, and a
 * message lost on the way asks for the document to be read again.
 */

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const open: Cluster[] = [];

afterEach(async () => {
	await Promise.all(open.splice(0).map((c) => c.close()));
});

async function pair() {
	const prefix = `concord-test-${randomUUID()}:`;
	const received: { name: string; update: Uint8Array; seconds: number }[] = [];
	const claims: Uint8Array[] = [];
	const resyncs: string[][] = [];
	const handlers: ClusterHandlers = {
		update: (name, update, seconds) => received.push({ name, update, seconds }),
		awareness: () => {},
		owners: (_, payload) => claims.push(payload),
		peerGone: () => {},
		resync: (names) => resyncs.push(names === 'all' ? ['all'] : names)
	};
	const a = new Cluster({ url, prefix, instance: 'a' });
	const b = new Cluster({ url, prefix, instance: 'b' });
	open.push(a, b);
	b.serve(handlers);
	await Promise.all([a.connect(), b.connect()]);
	await Promise.all([a.join('meeting:x'), b.join('meeting:x')]);
	return { a, b, received, claims, resyncs };
}

const until = async (done: () => boolean) => {
	for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('the link between instances', () => {
	it('carries an update whole, timed to a fraction of a millisecond', async () => {
		const { a, received } = await pair();
		const updates = Array.from({ length: 20 }, (_, i) => new Uint8Array([i, 0, 255, 7]));
		for (const u of updates) a.publish('meeting:x', 'update', u);
		await until(() => received.length === updates.length);
		expect(received.map((r) => [r.name, [...r.update]])).toEqual(updates.map((u) => ['meeting:x', [...u]]));
		for (const r of received) expect(r.seconds).toBeGreaterThanOrEqual(0);
		expect(Math.max(...received.map((r) => r.seconds))).toBeLessThan(1);
		// Whole milliseconds would round every hop on one machine to 0 or 1 ms.
		expect(received.some((r) => !Number.isInteger(Math.round(r.seconds * 1e6) / 1e3))).toBe(true);
	});

	it('carries who writes under which client id ahead of the update, on the same channel', async () => {
		const { a, received, claims } = await pair();
		a.publish('meeting:x', 'owners', new Uint8Array([1, 42, 3, 97, 98, 99]));
		a.publish('meeting:x', 'update', new Uint8Array([9]));
		await until(() => received.length === 1);
		expect(claims.map((c) => [...c])).toEqual([[1, 42, 3, 97, 98, 99]]);
	});

	it('asks for the document to be read again when a message went missing on the way', async () => {
		const { a, received, resyncs } = await pair();
		a.publish('meeting:x', 'update', new Uint8Array([1]));
		await until(() => received.length === 1);
		// A message the other instance never hears of: the sender's count moves on without it.
		(a as unknown as { sent: Map<string, number> }).sent.set('meeting:x', 5);
		a.publish('meeting:x', 'update', new Uint8Array([2]));
		await until(() => received.length === 2 && resyncs.length > 0);
		expect(resyncs).toContainEqual(['meeting:x']);
	});
});

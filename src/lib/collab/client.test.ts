import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './client';
import { CollabStatus } from './status.svelte';

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
});

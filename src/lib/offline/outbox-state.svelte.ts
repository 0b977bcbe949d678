import { deserialize } from '$app/forms';
import { invalidateAll } from '$app/navigation';
import { add, entries, flush, remove, type OutboxEntry, type SendResult } from './outbox';

/** What the outbox holds, for the pages that show it; refreshed after every change. */
export const outbox = $state({ entries: [] as OutboxEntry[], sending: false });

export async function refresh() {
	outbox.entries = await entries();
}

export async function queue(entry: Omit<OutboxEntry, 'createdAt'>) {
	await add({ ...entry, createdAt: Date.now() });
	await refresh();
}

export async function dismiss(id: number) {
	await remove(id);
	await refresh();
}

/** Posts one entry to the action page's form action, as the form would have. */
async function send(entry: OutboxEntry): Promise<SendResult> {
	const body = new FormData();
	for (const [key, value] of Object.entries(entry.fields)) body.set(key, value);
	let response: Response;
	try {
		response = await fetch(`/actions/${entry.actionId}?/${entry.verb}`, {
			method: 'POST',
			body,
			headers: { 'x-sveltekit-action': 'true', accept: 'application/json' }
		});
	} catch {
		return { kind: 'unreachable' };
	}
	if (response.status >= 500) return { kind: 'unreachable' };
	const result = deserialize(await response.text());
	if (result.type === 'success') return { kind: 'sent' };
	if (result.type === 'failure') {
		const errors = ((result.data as { errors?: Record<string, string> } | undefined)?.errors ?? {}) as Record<string, string>;
		return { kind: 'refused', code: Object.values(errors)[0] ?? 'refused' };
	}
	// A redirect (to sign in) or an error page: the change was not made; it waits for the next try.
	return { kind: 'unreachable' };
}

/** Sends what waits, once at a time; returns how many went. */
export async function sync(): Promise<number> {
	if (outbox.sending || (typeof navigator !== 'undefined' && !navigator.onLine)) return 0;
	outbox.sending = true;
	try {
		const { sent } = await flush(send);
		return sent;
	} finally {
		outbox.sending = false;
		await refresh();
	}
}

let started = false;

/** Loads the outbox and sends what waits now and whenever the network returns; the page then shows what the server has. */
export function startOutbox() {
	if (started || typeof window === 'undefined') return;
	started = true;
	const go = () =>
		void sync().then(async (n) => {
			if (n > 0) await invalidateAll();
		});
	window.addEventListener('online', go);
	void refresh().then(go);
}

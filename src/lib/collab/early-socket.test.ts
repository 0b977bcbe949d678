import { afterEach, describe, expect, it } from 'vitest';
import { adoptEarlySocket, takeEarlySocket, type EarlySocket } from './early-socket';

/** Enough of a browser WebSocket: events, `on…` handler properties, readyState. */
class FakeSocket extends EventTarget {
	readyState: number = WebSocket.CONNECTING;
	onopen: ((event: Event) => void) | null = null;
	#onmessage: ((event: MessageEvent) => void) | null = null;
	#listener = (event: Event) => this.#onmessage?.(event as MessageEvent);
	get onmessage() {
		return this.#onmessage;
	}
	set onmessage(fn: ((event: MessageEvent) => void) | null) {
		this.removeEventListener('message', this.#listener);
		this.#onmessage = fn;
		if (fn) this.addEventListener('message', this.#listener);
	}
	open() {
		this.readyState = WebSocket.OPEN;
		const event = new Event('open');
		this.onopen?.(event);
		this.dispatchEvent(event);
	}
	receive(data: string) {
		this.dispatchEvent(new MessageEvent('message', { data }));
	}
}

/** What src/app.html's script leaves for the page's code. */
function leaveEarly(name: string): { early: EarlySocket; socket: FakeSocket } {
	const socket = new FakeSocket();
	const early: EarlySocket = { name, ws: socket as unknown as WebSocket, messages: [] };
	socket.onmessage = (event) => early.messages.push(event);
	(globalThis as Record<string, unknown>).__concordEarlySocket = early;
	return { early, socket };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the socket opened by the page head', () => {
	afterEach(() => delete (globalThis as Record<string, unknown>).__concordEarlySocket);

	it('is given out once, only for its own document, and not once it has closed', () => {
		leaveEarly('meeting:a');
		expect(takeEarlySocket('meeting:b')).toBeNull();
		expect(takeEarlySocket('meeting:a')).not.toBeNull();
		expect(takeEarlySocket('meeting:a')).toBeNull();
		const { socket } = leaveEarly('meeting:a');
		socket.readyState = WebSocket.CLOSED;
		expect(takeEarlySocket('meeting:a')).toBeNull();
	});

	it('tells its new owner of the open, then of what came before, in order, then of what comes after', async () => {
		const { early, socket } = leaveEarly('meeting:a');
		socket.open();
		socket.receive('one');
		socket.receive('two');
		const ws = adoptEarlySocket(takeEarlySocket('meeting:a')!);
		const heard: string[] = [];
		ws.onopen = () => heard.push('open');
		ws.onmessage = (event) => heard.push(String(event.data));
		socket.receive('three');
		expect(heard).toEqual([]);
		await tick();
		socket.receive('four');
		expect(heard).toEqual(['open', 'one', 'two', 'three', 'four']);
		expect(early.messages).toHaveLength(0);
	});

	it('lets a socket still opening open as any other', async () => {
		const { socket } = leaveEarly('meeting:a');
		const ws = adoptEarlySocket(takeEarlySocket('meeting:a')!);
		const heard: string[] = [];
		ws.onopen = () => heard.push('open');
		ws.onmessage = (event) => heard.push(String(event.data));
		await tick();
		expect(heard).toEqual([]);
		socket.open();
		socket.receive('one');
		expect(heard).toEqual(['open', 'one']);
	});
});

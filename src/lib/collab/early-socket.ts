/**
 * The meeting workspace's socket is opened by a few lines in the page's head
 * (src/app.html), before the page's code has crossed the network: on a weak
 * link the socket's handshake and the document's first sync then overlap the
 * download of the code instead of following it. The client takes that socket
 * over here, once, for the document it was opened for.
 */

/** What the page's head leaves for the client: the socket, for `name`, and what it received meanwhile. */
export interface EarlySocket {
	name: string;
	ws: WebSocket;
	messages: MessageEvent[];
}

const SLOT = '__concordEarlySocket';

/** Takes the socket opened early for document `name`, if it is still open or opening; it is given out once. */
export function takeEarlySocket(name: string): EarlySocket | null {
	const slot = globalThis as { [SLOT]?: EarlySocket };
	const early = slot[SLOT];
	if (!early || early.name !== name) return null;
	delete slot[SLOT];
	if (early.ws.readyState > WebSocket.OPEN) return null;
	return early;
}

/**
 * The early socket as y-websocket expects a new one: the provider sets its
 * handlers as it would on any socket, then hears the open (if that happened
 * already) and every message received so far, in order, before newer ones.
 */
export function adoptEarlySocket({ ws, messages }: EarlySocket): WebSocket {
	const waiting = [...messages];
	messages.length = 0;
	let handler: ((event: MessageEvent) => void) | null = null;
	let handing = true;
	ws.onmessage = null;
	ws.addEventListener('message', (event) => (handing || !handler ? waiting.push(event) : handler(event)));
	Object.defineProperty(ws, 'onmessage', {
		configurable: true,
		get: () => handler,
		set: (fn: ((event: MessageEvent) => void) | null) => (handler = fn)
	});
	const wasOpen = ws.readyState === WebSocket.OPEN;
	// After the provider has set up the socket (it does so right after creating it).
	setTimeout(() => {
		if (wasOpen) ws.onopen?.call(ws, new Event('open'));
		while (waiting.length) handler?.(waiting.shift()!);
		handing = false;
	});
	return ws;
}

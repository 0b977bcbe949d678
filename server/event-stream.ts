/**
 * A Server-Sent Events stream for one signed-in session: what every live
 * stream (boards, the bell) needs around its own events — sending that stops
 * quietly once the client has gone, a heartbeat through proxies, and one
 * clean-up whether the request aborts, the client cancels or the stream
 * closes itself (a session ended).
 */

const HEARTBEAT_MS = 25_000;

export interface StreamSession {
	send(chunk: string): void;
	/** Ends the stream from the server's side. */
	close(): void;
}

/**
 * `open` subscribes to whatever the stream reports and returns how to
 * unsubscribe; `greeting` is sent once it has, so a client that sees it
 * misses nothing that happens afterwards.
 */
export function eventStream(
	signal: AbortSignal | undefined,
	greeting: string,
	open: (stream: StreamSession) => (() => void) | Promise<() => void>
): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	let live = true;
	let unsubscribe: (() => void) | null = null;
	let beat: ReturnType<typeof setInterval> | undefined;
	const stop = () => {
		if (!live) return;
		live = false;
		clearInterval(beat);
		unsubscribe?.();
		signal?.removeEventListener('abort', stop);
	};
	return new ReadableStream<Uint8Array>({
		async start(controller) {
			const send = (chunk: string) => {
				if (!live) return;
				try {
					controller.enqueue(encoder.encode(chunk));
				} catch {
					stop();
				}
			};
			const close = () => {
				stop();
				try {
					controller.close();
				} catch {
					// already closed by the client
				}
			};
			if (signal?.aborted) return stop();
			signal?.addEventListener('abort', stop);
			const off = await open({ send, close });
			if (!live) return off();
			unsubscribe = off;
			beat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
			send(greeting);
		},
		cancel() {
			stop();
		}
	});
}

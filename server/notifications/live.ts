import type { Kysely } from 'kysely';
import type { Actor } from '../access';
import type { DB } from '../db/schema';
import { events } from '../events';
import { bell } from './bus';
import { unreadCount } from './repository';

/**
 * The bell's live count as Server-Sent Events: the count on connecting, then
 * again whenever the person's notifications change. It carries a number,
 * nothing else, and ends with the session or the request.
 */

const HEARTBEAT_MS = 25_000;

// One listener on the shared bus however many bells are open: the bus caps its listeners.
type Open = { userId: string; sessionId: string | null; end(): void };
const open = new Set<Open>();
let detach: (() => void) | null = null;

function watchSessions(o: Open): () => void {
	open.add(o);
	detach ??= events.on('sessions.ended', (p) => {
		for (const x of open) if (x.userId === p.userId && !(p.sessionIds && x.sessionId && !p.sessionIds.includes(x.sessionId))) x.end();
	});
	return () => {
		open.delete(o);
		if (!open.size && detach) {
			detach();
			detach = null;
		}
	};
}

export function bellStream(db: Kysely<DB>, actor: Actor, sessionId: string | null, signal?: AbortSignal): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	let stop = () => {};
	return new ReadableStream<Uint8Array>({
		start(controller) {
			let live = true;
			const send = (chunk: string) => {
				if (!live) return;
				try {
					controller.enqueue(encoder.encode(chunk));
				} catch {
					stop();
				}
			};
			const count = () => unreadCount(db, actor.userId).then((n) => send(`event: count\ndata: ${n}\n\n`), () => {});
			const offBell = bell.on((userId) => {
				if (userId === actor.userId) void count();
			});
			const offEnded = watchSessions({
				userId: actor.userId,
				sessionId,
				end() {
					stop();
					try {
						controller.close();
					} catch {
						// already closed by the client
					}
				}
			});
			const beat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
			stop = () => {
				if (!live) return;
				live = false;
				clearInterval(beat);
				offBell();
				offEnded();
				signal?.removeEventListener('abort', stop);
			};
			signal?.addEventListener('abort', stop);
			send('retry: 5000\n\n');
			void count();
		},
		cancel() {
			stop();
		}
	});
}

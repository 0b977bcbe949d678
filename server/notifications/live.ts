import type { Kysely } from 'kysely';
import type { Actor } from '../access';
import type { DB } from '../db/schema';
import { eventStream } from '../event-stream';
import { events } from '../events';
import { bell } from './bus';
import { unreadCount } from './repository/notifications';

/**
 * The bell's live count as Server-Sent Events: the count on connecting, then
 * again whenever the person's notifications change. It carries a number,
 * nothing else, and ends with the session or the request.
 */

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
	return eventStream(signal, 'retry: 5000\n\n', ({ send, close }) => {
		const count = () =>
			unreadCount(db, actor.userId).then(
				(n) => send(`event: count\ndata: ${n}\n\n`),
				() => {}
			);
		const offBell = bell.on((userId) => {
			if (userId === actor.userId) void count();
		});
		const offEnded = watchSessions({ userId: actor.userId, sessionId, end: close });
		void count();
		return () => {
			offBell();
			offEnded();
		};
	});
}

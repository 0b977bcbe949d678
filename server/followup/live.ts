import type { Kysely } from 'kysely';
import type { Actor } from '../access';
import type { DB } from '../db/schema';
import { eventStream } from '../event-stream';
import { events } from '../events';
import { readableBodyIds } from '../access/roles';

/**
 * Live board updates as Server-Sent Events. Each connection hears only the ids
 * of changed actions on bodies its user may read, never their content; the
 * page then reloads its own data through the usual access checks.
 */

type Listener = {
	action(actionItemId: string, bodyId: string): void;
	access(userId: string): void;
	ended(userId: string, sessionIds?: string[]): void;
};

// One set of bus listeners however many boards are open: the bus caps its listeners.
const listeners = new Set<Listener>();
let detach: (() => void) | null = null;

function subscribe(l: Listener): () => void {
	listeners.add(l);
	if (!detach) {
		const offs = [
			events.on('action.changed', (p) => listeners.forEach((x) => x.action(p.actionItemId, p.bodyId))),
			events.on('access.changed', (p) => listeners.forEach((x) => x.access(p.userId))),
			events.on('sessions.ended', (p) => listeners.forEach((x) => x.ended(p.userId, p.sessionIds)))
		];
		detach = () => offs.forEach((off) => off());
	}
	return () => {
		listeners.delete(l);
		if (!listeners.size && detach) {
			detach();
			detach = null;
		}
	};
}

/** How many live connections are open in this process. */
export const liveConnections = () => listeners.size;

/** An event stream of changed action ids for one signed-in session; it ends with the session or the request. */
export function actionStream(db: Kysely<DB>, actor: Actor, sessionId: string | null, signal?: AbortSignal): ReadableStream<Uint8Array> {
	return eventStream(signal, 'retry: 5000\n: connected\n\n', async ({ send, close }) => {
		let visible: Set<string> | 'all' = actor.isAdmin ? 'all' : await readableBodyIds(db, actor.userId);
		return subscribe({
			action(id, bodyId) {
				if (visible === 'all' || visible.has(bodyId)) send(`event: action\ndata: ${JSON.stringify({ id })}\n\n`);
			},
			access(userId) {
				if (userId !== actor.userId || actor.isAdmin) return;
				readableBodyIds(db, actor.userId).then(
					(ids) => (visible = ids),
					() => (visible = new Set())
				);
			},
			ended(userId, sessionIds) {
				if (userId !== actor.userId || (sessionIds && sessionId && !sessionIds.includes(sessionId))) return;
				close();
			}
		});
	});
}

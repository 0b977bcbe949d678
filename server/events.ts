import { EventEmitter } from 'node:events';

/** Facts other parts of the process react to; the collaboration server listens. */
export interface DomainEvents {
	/** Sessions ended; without `sessionIds`, every session of the user. */
	'sessions.ended': { userId: string; sessionIds?: string[]; reason: string };
	/** A user's memberships or flags changed, so what they may open may have changed. */
	'access.changed': { userId: string; reason: string };
	/** Who may write a document changed for everyone (a chair's lock, approved minutes). */
	'document.access_changed': { name: string; reason: string };
	/** An action item or its history changed (after commit); boards reload what they show. */
	'action.changed': { actionItemId: string; bodyId: string };
}

type Name = keyof DomainEvents;

// One bus per process, however many copies of this module are loaded.
const KEY = Symbol.for('concord.events');
const emitter: EventEmitter = ((globalThis as Record<symbol, EventEmitter>)[KEY] ??= new EventEmitter().setMaxListeners(50));

export const events = {
	emit<N extends Name>(name: N, payload: DomainEvents[N]): void {
		emitter.emit(name, payload);
	},
	on<N extends Name>(name: N, listener: (payload: DomainEvents[N]) => void): () => void {
		emitter.on(name, listener);
		return () => emitter.off(name, listener);
	}
};

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
	/** A person's notifications changed; their bell counts again. */
	'notifications.changed': { userId: string };
}

type Name = keyof DomainEvents;

export const eventNames: readonly Name[] = ['sessions.ended', 'access.changed', 'document.access_changed', 'action.changed', 'notifications.changed'];

// One bus per process, however many copies of this module are loaded.
const KEY = Symbol.for('concord.events');
const emitter: EventEmitter = ((globalThis as Record<symbol, EventEmitter>)[KEY] ??= new EventEmitter().setMaxListeners(50));
type Forward = (name: Name, payload: unknown) => void;
const FORWARD = Symbol.for('concord.events.forward');
const slot = globalThis as Record<symbol, Forward | undefined>;

export const events = {
	/** Tells this process's listeners, and the other instances' when the bus is forwarded (REDIS_URL). */
	emit<N extends Name>(name: N, payload: DomainEvents[N]): void {
		emitter.emit(name, payload);
		slot[FORWARD]?.(name, payload);
	},
	/** An event raised on another instance: for this process's listeners only. */
	deliver<N extends Name>(name: N, payload: DomainEvents[N]): void {
		emitter.emit(name, payload);
	},
	/** Sends every event emitted here on to `forward` as well; returns how to stop. */
	forward(forward: Forward): () => void {
		slot[FORWARD] = forward;
		return () => {
			if (slot[FORWARD] === forward) slot[FORWARD] = undefined;
		};
	},
	on<N extends Name>(name: N, listener: (payload: DomainEvents[N]) => void): () => void {
		emitter.on(name, listener);
		return () => emitter.off(name, listener);
	}
};

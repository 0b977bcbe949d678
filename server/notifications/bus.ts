import { EventEmitter } from 'node:events';
import { events } from '../events';

/**
 * Tells open bells that a person's unread count may have changed. A ring
 * travels as a domain event, so it reaches bells open on other instances;
 * here one listener on the bus fans it out to every open bell.
 */
const KEY = Symbol.for('concord.notifications.bus');
const emitter: EventEmitter = ((globalThis as Record<symbol, EventEmitter>)[KEY] ??= new EventEmitter().setMaxListeners(0));
const LISTENING = Symbol.for('concord.notifications.bus.listening');
const state = globalThis as Record<symbol, boolean | undefined>;
if (!state[LISTENING]) {
	state[LISTENING] = true;
	events.on('notifications.changed', ({ userId }) => emitter.emit('ring', userId));
}

export const bell = {
	ring(userId: string): void {
		events.emit('notifications.changed', { userId });
	},
	on(listener: (userId: string) => void): () => void {
		emitter.on('ring', listener);
		return () => emitter.off('ring', listener);
	}
};

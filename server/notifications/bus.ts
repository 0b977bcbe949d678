import { EventEmitter } from 'node:events';

/** Tells open bells in this process that a person's unread count may have changed. */
const KEY = Symbol.for('concord.notifications.bus');
const emitter: EventEmitter = ((globalThis as Record<symbol, EventEmitter>)[KEY] ??= new EventEmitter().setMaxListeners(0));

export const bell = {
	ring(userId: string): void {
		emitter.emit('ring', userId);
	},
	on(listener: (userId: string) => void): () => void {
		emitter.on('ring', listener);
		return () => emitter.off('ring', listener);
	}
};

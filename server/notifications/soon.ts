/**
 * Asks the running scheduler to look now rather than at its next tick. The
 * scheduler finds what happened in the database either way; this only makes
 * it sooner, so a caller need not wait for anything and nothing is lost if
 * no scheduler runs in this process.
 */
const KEY = Symbol.for('concord.notifications.soon');
const pokes: Set<() => void> = ((globalThis as Record<symbol, Set<() => void>>)[KEY] ??= new Set());

export function notifySoon(): void {
	for (const poke of pokes) poke();
}

/** For the scheduler: be told when someone asks. */
export function onNotifySoon(poke: () => void): () => void {
	pokes.add(poke);
	return () => pokes.delete(poke);
}

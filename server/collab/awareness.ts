import * as encoding from 'lib0/encoding';
import { log } from '../log';
import type { Connection } from './connection';
import type { LiveDocument } from './document';
import { FrameError, Reader } from './wire';

export type { Identity } from './types';

/** A browser tab has one clientID per document; a few allow for reloads within one socket. */
const MAX_CLIENT_IDS_PER_CONNECTION = 4;
/** Presence is a name, a cursor and a selection; a larger state would be copied to every peer. */
const MAX_STATE_BYTES = 16 * 1024;

/** A stable, readable colour per user, so a person keeps their colour across devices. */
export function colourFor(userId: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < userId.length; i++) hash = Math.imul(hash ^ userId.charCodeAt(i), 0x01000193) >>> 0;
	const hue = hash % 360;
	const s = 0.65;
	const l = 0.42;
	const f = (n: number) => {
		const k = (n + hue / 30) % 12;
		const c = l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
		return Math.round(c * 255)
			.toString(16)
			.padStart(2, '0');
	};
	return `#${f(0)}${f(8)}${f(4)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rewrites a client's awareness update so that every state it sets carries the
 * session's identity as `user`, and keeps only the clientIDs this connection
 * introduced. Returns null when nothing is left to apply.
 */
export function stampAwareness(live: LiveDocument, conn: Connection, update: Uint8Array): Uint8Array | null {
	const reader = new Reader(update);
	const count = reader.uint();
	// Each entry takes at least three bytes; a larger count is a lie about the frame.
	if (count * 3 > reader.remaining) throw new FrameError(1007, 'awareness entry count beyond end of frame');
	const kept: { clientId: number; clock: number; json: string }[] = [];
	let refused = 0;
	for (let i = 0; i < count; i++) {
		const clientId = reader.uint();
		const clock = reader.uint();
		const json = reader.string();
		if (json.length > MAX_STATE_BYTES) throw new FrameError(1008, 'awareness state too large');
		let state: unknown;
		try {
			state = JSON.parse(json);
		} catch {
			throw new FrameError(1007, 'awareness state is not JSON');
		}
		if (state !== null && !isPlainObject(state)) throw new FrameError(1007, 'awareness state is not an object');
		const owner = live.awarenessOwners.get(clientId);
		// Stock clients pass on every presence change they see, other people's departures included:
		// a removal claims nothing (the server removes a closed connection's states itself).
		if (owner !== conn && state === null) continue;
		if (owner !== conn) {
			// The same user may take over from a socket that died without closing (a
			// reconnect on a flaky network); anyone else's clientID stays theirs.
			const claimable =
				clientId !== live.doc.clientID && conn.clientIds.size < MAX_CLIENT_IDS_PER_CONNECTION && (!owner || owner.identity.id === conn.identity.id);
			if (!claimable) {
				refused++;
				continue;
			}
			owner?.clientIds.delete(clientId);
			live.awarenessOwners.set(clientId, conn);
			conn.clientIds.add(clientId);
		}
		const stamped = state === null ? null : { ...state, user: conn.identity };
		kept.push({ clientId, clock, json: JSON.stringify(stamped) });
	}
	reader.end();
	if (refused) log.warn('collab.awareness_refused', { doc: live.name, user: conn.identity.id, connection: conn.id, entries: refused });
	if (!kept.length) return null;
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, kept.length);
	for (const k of kept) {
		encoding.writeVarUint(encoder, k.clientId);
		encoding.writeVarUint(encoder, k.clock);
		encoding.writeVarString(encoder, k.json);
	}
	return encoding.toUint8Array(encoder);
}

/** Forgets the clientIDs a closing connection owns; returns them so their states can be removed. */
export function releaseClientIds(live: LiveDocument, conn: Connection): number[] {
	const ids = [...conn.clientIds].filter((id) => live.awarenessOwners.get(id) === conn);
	for (const id of ids) live.awarenessOwners.delete(id);
	conn.clientIds.clear();
	return ids;
}

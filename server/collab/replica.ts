import type { Kysely } from 'kysely';
import * as decoding from 'lib0/decoding';
import { applyAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DB } from '../db/schema';
import { log } from '../log';
import type { LiveDocument } from './document';
import { relayedOrigin, remoteOrigin, type Relay } from './relay';
import { readDocument } from './storage';
import { encodeUpdate } from './wire';

const errorField = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Applies another instance's durable update; relay.ts sends it to this instance's sockets and writes nothing. */
export function applyRemoteUpdate(live: LiveDocument, update: Uint8Array): void {
	try {
		Y.applyUpdate(live.doc, update, remoteOrigin);
	} catch (error) {
		log.warn('collab.remote_update_unreadable', { doc: live.name, error: errorField(error) });
	}
}

/**
 * Relays an update another instance published (durable there) to this
 * instance's sockets as it came, then applies it to the copy here through the
 * relay (`Relay.applyRelayed`, which asks Yjs for no encoding of it): the
 * readers do not wait for Yjs to integrate it and encode it again. Should the
 * copy lack something it depends on (a lost message), Yjs keeps it pending
 * until the reread brings the rest, and so do the clients.
 */
export function relayRemoteUpdate(relay: Pick<Relay, 'applyRelayed'>, live: LiveDocument, update: Uint8Array): void {
	if (live.connections.size) {
		const message = encodeUpdate(update);
		for (const c of live.connections) c.send(message);
	}
	relay.applyRelayed(live, () => {
		try {
			Y.applyUpdate(live.doc, update, relayedOrigin);
		} catch (error) {
			log.warn('collab.remote_update_unreadable', { doc: live.name, error: errorField(error) });
		}
	});
}

/** Applies another instance's presence change, remembering which instance each client is on. */
export function applyRemoteAwareness(live: LiveDocument, update: Uint8Array, from: string): void {
	try {
		const d = decoding.createDecoder(update);
		for (let n = decoding.readVarUint(d); n > 0; n--) {
			const clientId = decoding.readVarUint(d);
			decoding.readVarUint(d);
			if (decoding.readVarString(d) === 'null') live.remotePresence.delete(clientId);
			else live.remotePresence.set(clientId, from);
		}
		applyAwarenessUpdate(live.awareness, update, remoteOrigin);
	} catch (error) {
		log.warn('collab.remote_awareness_unreadable', { doc: live.name, error: errorField(error) });
	}
}

/**
 * Drops the presence of clients that were on an instance that fell silent,
 * rather than leaving their cursors until the awareness timeout (30 s); a
 * client that has meanwhile reconnected here keeps its own.
 */
export function dropPresenceOf(live: LiveDocument, peer: string): void {
	const ids: number[] = [];
	for (const [clientId, instance] of live.remotePresence) {
		if (instance !== peer) continue;
		live.remotePresence.delete(clientId);
		if (!live.awarenessOwners.has(clientId)) ids.push(clientId);
	}
	if (ids.length) removeAwarenessStates(live.awareness, ids, remoteOrigin);
}

/**
 * Reads a loaded document from the database again and applies what is there:
 * whatever another instance committed but this one never heard of arrives,
 * and Yjs ignores what it already has. The rows read join the ones this
 * instance will fold at its next compaction (their content is now in memory).
 * Rereads of one document never overlap; one asked for meanwhile runs after.
 */
export function resyncDocument(db: Kysely<DB>, live: LiveDocument): Promise<void> {
	if (live.resync) {
		live.resyncAgain = true;
		return live.resync;
	}
	live.resync = (async () => {
		do {
			live.resyncAgain = false;
			const stored = await readDocument(db, live.name);
			if (live.doc.isDestroyed) return;
			if (stored.snapshot) applyRemoteUpdate(live, stored.snapshot);
			for (const row of stored.updates) applyRemoteUpdate(live, row.data);
			const known = new Set(live.logged.map((row) => row.id));
			for (const row of stored.updates) if (!known.has(row.id)) live.logged.push({ id: row.id, batch: 0 });
			log.debug('collab.resynced', { doc: live.name, updates: stored.updates.length });
		} while (live.resyncAgain);
	})()
		.catch((error: unknown) => log.warn('collab.resync_failed', { doc: live.name, error: errorField(error) }))
		.finally(() => (live.resync = null));
	return live.resync;
}

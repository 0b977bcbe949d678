import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { LiveDocument } from './document';

/*
 * A Yjs client id belongs to the person who first writes with it in a
 * document (connection.ts). Each instance learns that from its own sockets;
 * linked instances pass on the claims their commits carried, ahead of the
 * updates themselves, so someone on another instance cannot write under an id
 * that is already someone else's. Two first claims at the same moment on two
 * instances each stand where they were made.
 */

/** Claims this instance made since it last told the others, marked as told. */
export function newClaims(live: LiveDocument): [number, string][] {
	// Every id told or heard is an owned one: as many of each means nothing new, without a walk over every writer on each commit.
	if (live.announcedOwners.size === live.clientOwners.size) return [];
	const claims: [number, string][] = [];
	for (const [client, owner] of live.clientOwners) {
		if (live.announcedOwners.has(client)) continue;
		live.announcedOwners.add(client);
		claims.push([client, owner]);
	}
	return claims;
}

export function encodeClaims(claims: [number, string][]): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, claims.length);
	for (const [client, owner] of claims) {
		encoding.writeVarUint(e, client);
		encoding.writeVarString(e, owner);
	}
	return encoding.toUint8Array(e);
}

/** Takes another instance's claims; an id already claimed here stays with its owner. */
export function applyClaims(live: LiveDocument, payload: Uint8Array): void {
	const d = decoding.createDecoder(payload);
	for (let n = decoding.readVarUint(d); n > 0; n--) {
		const client = decoding.readVarUint(d);
		const owner = decoding.readVarString(d);
		if (!live.clientOwners.has(client)) live.clientOwners.set(client, owner);
		live.announcedOwners.add(client);
	}
}

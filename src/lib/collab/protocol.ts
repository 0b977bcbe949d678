/**
 * The wire vocabulary Concord's collaboration server and client share, on top
 * of the y-websocket protocol (docs/collaboration.md). No imports: the server
 * and the browser bundle both load this file.
 */

/** y-websocket's outer message types. */
export const messageSync = 0;
export const messageAwareness = 1;
export const messageAuth = 2;
export const messageQueryAwareness = 3;

/** y-protocols' sync message types. */
export const syncStep1 = 0;
export const syncStep2 = 1;
export const syncUpdate = 2;

/**
 * Server → client, followed by a varUint n: the first n document messages
 * (sync step 2 or update) this client sent on this socket are durable, or
 * carried nothing the server lacked. Cumulative, never decreasing.
 */
export const messageSaved = 100;

/** Server → client, followed by a varString `Notice`. */
export const messageNotice = 101;

export type Notice =
	/** This connection may read only: its document messages are dropped and never acknowledged. */
	| 'read-only'
	/** The database refused a write; updates wait in memory and are not relayed until it returns. */
	| 'storage-unavailable'
	/** The queued updates are durable again. */
	| 'storage-restored';

export const notices: readonly Notice[] = ['read-only', 'storage-unavailable', 'storage-restored'];

/**
 * Query parameter by which a client asks for `messageSaved` and
 * `messageNotice`; stock y-websocket clients, which would log them as unknown,
 * never receive them.
 */
export const ackParam = 'ack';

/**
 * Query parameter carrying the client's state vector (base64url), so the
 * server sends what the client lacks as soon as the socket opens, without
 * waiting for the client's sync step 1: one round trip less before the
 * document is synced, which on a weak link is most of the wait. Optional: a
 * client still sends its sync step 1 (a server that does not know the
 * parameter answers that), which the server, having answered the same state
 * vector already, answers with what changed since.
 */
export const stateVectorParam = 'sv';

/** Longest state vector a client puts in the URL (base64url characters); a longer one goes by sync step 1. */
export const MAX_STATE_VECTOR_PARAM = 2048;

export function encodeStateVectorParam(stateVector: Uint8Array): string {
	let binary = '';
	for (const byte of stateVector) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of a `sv` parameter; null when it is not base64url. */
export function decodeStateVectorParam(param: string): Uint8Array | null {
	if (!/^[A-Za-z0-9_-]*$/.test(param) || param.length % 4 === 1) return null;
	const binary = atob(param.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (param.length % 4)) % 4));
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Close codes of the server's own decisions. 4400–4499 stop y-websocket's reconnect loop. */
export const closeCode = {
	/** Rights changed (e.g. write became read); reconnecting picks up the new ones. */
	accessChanged: 4000,
	sessionEnded: 4401,
	forbidden: 4403,
	notFound: 4404,
	/**
	 * The server refused a change this client made (its reason is `refused:<rule>`);
	 * nothing of it was kept. The client must start again from the server's state.
	 */
	changeRefused: 4409
} as const;

/** The rule named in a refusal's close reason, or null. */
export function refusedRule(reason: string): string | null {
	return reason.startsWith('refused:') ? reason.slice('refused:'.length) : null;
}

/** True for a sync step 2 or update message, the ones `messageSaved` counts. */
export function isDocumentMessage(frame: Uint8Array): boolean {
	return frame.length >= 2 && frame[0] === messageSync && (frame[1] === syncStep2 || frame[1] === syncUpdate);
}

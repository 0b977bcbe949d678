import type { IncomingMessage } from 'node:http';
import * as Y from 'yjs';
import { MAX_STATE_VECTOR_PARAM, ackParam, decodeStateVectorParam, stateVectorParam } from '../../src/lib/collab/protocol';
import { isAllowedOrigin, normaliseOrigin, type RefusalStatus } from './http';
import type { Admitted, CollabHooks } from './types';

export type { Admitted } from './types';

export interface Refused {
	ok: false;
	status: RefusalStatus;
	reason: string;
	/** Who was refused a case's document, for the audit log. */
	audit?: { userId: string; caseId: string };
}

const PREFIX = '/collab/';

/**
 * Decides an upgrade from its HTTP request alone, before any socket exists.
 * Order: document name, Origin, then the hooks: who signed in, and what they
 * may do with the document.
 */
export async function admit(
	req: IncomingMessage,
	hooks: Pick<CollabHooks, 'authenticate' | 'authorise'>,
	allowedOrigins: readonly string[]
): Promise<Admitted | Refused> {
	const url = new URL(req.url ?? '/', 'http://collab.invalid');
	let name: string;
	try {
		name = decodeURIComponent(url.pathname.slice(PREFIX.length));
	} catch {
		return { ok: false, status: 404, reason: 'bad document name' };
	}
	if (!url.pathname.startsWith(PREFIX) || !name || name.includes('/')) {
		return { ok: false, status: 404, reason: 'bad document name' };
	}
	if (!isAllowedOrigin(req, allowedOrigins)) return { ok: false, status: 403, reason: 'origin not allowed' };
	const sv = url.searchParams.get(stateVectorParam);
	const stateVector = sv === null ? undefined : readStateVector(sv);
	if (stateVector === null) return { ok: false, status: 400, reason: 'state vector does not decode' };

	const person = await hooks.authenticate(req, new URL(normaliseOrigin(String(req.headers.origin))!));
	if (!person) return { ok: false, status: 401, reason: 'no valid session' };
	const access = await hooks.authorise(person.actor, name);
	if (!access.allowed) {
		const audit = access.caseId ? { userId: person.actor.userId, caseId: access.caseId } : undefined;
		return { ok: false, status: access.status, reason: 'document access denied', audit };
	}
	return {
		...person,
		ok: true,
		name,
		mode: access.mode,
		authority: access.authority,
		caseId: access.caseId,
		acks: url.searchParams.get(ackParam) === '1',
		...(stateVector ? { stateVector } : {})
	};
}

/** A state vector sent in the URL (`sv`): null when it is too long, not base64url or not a state vector. */
function readStateVector(param: string): Uint8Array | null {
	if (param.length > MAX_STATE_VECTOR_PARAM) return null;
	const bytes = decodeStateVectorParam(param);
	if (!bytes) return null;
	try {
		Y.decodeStateVector(bytes);
		return bytes;
	} catch {
		return null;
	}
}

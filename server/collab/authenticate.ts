import type { IncomingMessage } from 'node:http';
import type { Kysely } from 'kysely';
import { sessionCookieName } from '../../src/lib/server/session-cookie';
import { ackParam } from '../../src/lib/collab/protocol';
import type { Actor } from '../access';
import { documentAccess } from '../access/documents';
import type { MeetingAuthority } from '../access/meeting-changes';
import { validateSessionToken } from '../auth/session';
import type { Config } from '../config';
import type { DB } from '../db/schema';
import { colourFor, type Identity } from './awareness';
import { isAllowedOrigin, normaliseOrigin, readCookie, type RefusalStatus } from './http';

/** An upgrade the server will accept: who asks, for which document, with which rights. */
export interface Admitted {
	ok: true;
	name: string;
	actor: Actor;
	identity: Identity;
	sessionId: string;
	/** Kept in memory only, to validate the session again while the socket is open. */
	token: string;
	mode: 'read' | 'write';
	/** For a meeting's document: what this person may change in it (kept current by revoke.ts). */
	authority?: MeetingAuthority;
	/** The client asked for messageSaved and messageNotice. */
	acks: boolean;
	/** The document is a case conference's: its opening is audited. */
	caseId?: string;
}

export interface Refused {
	ok: false;
	status: RefusalStatus;
	reason: string;
	/** Who was refused a case conference's document, for the audit log. */
	audit?: { actorId: string; caseId: string };
}

const PREFIX = '/collab/';

/**
 * The first hook: decides an upgrade from its HTTP request alone, before any
 * socket exists. Order: document name, Origin, session, then the access
 * module's verdict on the document.
 */
export async function authenticate(req: IncomingMessage, db: Kysely<DB>, config: Config): Promise<Admitted | Refused> {
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
	if (!isAllowedOrigin(req, config.allowedOrigins)) return { ok: false, status: 403, reason: 'origin not allowed' };

	// The page set the cookie under the name its own scheme calls for; the Origin tells us that scheme.
	const origin = new URL(normaliseOrigin(String(req.headers.origin))!);
	const token = readCookie(req.headers.cookie, sessionCookieName(origin));
	if (!token) return { ok: false, status: 401, reason: 'no session' };
	const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
	const valid = await validateSessionToken(db, token, policy);
	if (!valid) return { ok: false, status: 401, reason: 'invalid or expired session' };

	const actor: Actor = { userId: valid.user.id, isAdmin: valid.user.is_admin };
	const access = await documentAccess(db, actor, name);
	if (!access.allowed) {
		const audit = access.caseId ? { actorId: actor.userId, caseId: access.caseId } : undefined;
		return { ok: false, status: access.status, reason: 'document access denied', audit };
	}
	return {
		ok: true,
		name,
		actor,
		identity: { id: valid.user.id, name: valid.user.display_name, colour: colourFor(valid.user.id) },
		sessionId: valid.session.id,
		token,
		mode: access.mode,
		authority: access.authority,
		caseId: access.caseId,
		acks: url.searchParams.get(ackParam) === '1'
	};
}

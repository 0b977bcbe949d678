import type { Kysely } from 'kysely';
import { documentAccess, parseDocumentName } from './access/documents';
import type { MeetingAuthority } from './access/meeting-changes';
import { meetingGuard } from './access/meeting-guard';
import { audit } from './audit';
import { sessionCookieName } from './auth/cookie';
import { validateSessionToken } from './auth/session';
import { colourFor } from './collab/awareness';
import { readCookie } from './collab/http';
import type { CollabHooks, CollabRecord } from './collab/types';
import type { Config } from './config';
import type { DB } from './db/schema';
import { log } from './log';
import { observeCommit, observeRelayLatency } from './metrics';

/**
 * Concord's policy for the collaboration core: sessions from the cookie the
 * pages set, document access and the meeting-change rules from the access
 * module, refusals and case documents into the audit log.
 */
export function collabHooks(db: Kysely<DB>, config: Config): CollabHooks {
	const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
	const meeting = meetingGuard(db);
	return {
		observe: { committed: observeCommit, relayed: observeRelayLatency },
		async authenticate(req, origin) {
			// The page set the cookie under the name its own scheme calls for; the Origin tells us that scheme.
			const token = readCookie(req.headers.cookie, sessionCookieName(origin));
			if (!token) return null;
			const valid = await validateSessionToken(db, token, policy);
			if (!valid) return null;
			return {
				actor: { userId: valid.user.id, isAdmin: valid.user.is_admin },
				identity: { id: valid.user.id, name: valid.user.display_name, colour: colourFor(valid.user.id) },
				sessionId: valid.session.id,
				token
			};
		},
		authorise: (actor, name) => documentAccess(db, actor, name),
		sessionValid: async (token) => (await validateSessionToken(db, token, policy)) !== null,
		guard(conn, changes) {
			const doc = parseDocumentName(conn.live.name);
			// A draft of minutes is written only by those its access admits as writers, whose authority covers all of it.
			if (doc?.kind === 'minutes') return { ok: true };
			const authority = conn.admission.authority as MeetingAuthority | undefined;
			if (doc?.kind !== 'meeting' || !authority) return { ok: false, rule: 'unknown-part' };
			return meeting(doc.id, conn.live.doc, changes, { userId: conn.identity.id, authority, added: conn.added });
		},
		record(event) {
			write(db, event).catch((error: unknown) => log.error('collab.audit_failed', { doc: event.doc, error: error instanceof Error ? error : String(error) }));
		}
	};
}

function write(db: Kysely<DB>, event: CollabRecord): Promise<void> {
	if (event.kind === 'change_refused') {
		return audit(db, {
			actorId: event.userId,
			action: 'collab.change_refused',
			outcome: 'denied',
			targetType: 'document',
			targetId: event.doc,
			detail: { rule: event.rule }
		});
	}
	return audit(db, {
		actorId: event.userId,
		action: 'case.conference_document',
		outcome: event.outcome,
		targetType: 'document',
		targetId: event.doc,
		detail: { case: event.caseId }
	});
}

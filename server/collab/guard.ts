import type { Kysely } from 'kysely';
import { parseDocumentName } from '../access/documents';
import { meetingGuard } from '../access/meeting-guard';
import type { DB } from '../db/schema';
import type { ChangeGuard } from './connection';

/**
 * The guard every writer's update passes before it is applied: a meeting's
 * document answers to the meeting-change rules of the access module. A draft
 * of minutes is written only by those its access admits as writers (the
 * body's officers), whose authority covers all of it.
 */
export function defaultGuard(db: Kysely<DB>): ChangeGuard {
	const meeting = meetingGuard(db);
	return (conn, changes) => {
		const doc = parseDocumentName(conn.live.name);
		if (doc?.kind === 'minutes') return { ok: true };
		const authority = conn.admission.authority;
		if (doc?.kind !== 'meeting' || !authority) return { ok: false, rule: 'unknown-part' };
		return meeting(doc.id, conn.live.doc, changes, { userId: conn.identity.id, authority, added: conn.added });
	};
}

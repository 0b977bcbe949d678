import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema';
import type { Actor } from './index';
import { overseesBody, rolesOnBody } from './roles';

/**
 * What an actor may do with a live document. Yjs syncs whole documents, so a
 * permission boundary is a document boundary: the verdict covers all of it.
 */
export type DocumentAccess =
	| { allowed: true; mode: 'write' | 'read' }
	/** 403 when the document's existence is no secret, 404 when it is (or it does not exist). */
	| { allowed: false; status: 403 | 404 };

const writers: Role[] = ['chair', 'vice_chair', 'secretary', 'member', 'volunteer'];

/** Parses `meeting:<uuid>`; other kinds join as their features arrive. */
export function parseDocumentName(name: string): { kind: 'meeting'; id: string } | null {
	const m = /^meeting:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(name);
	return m ? { kind: 'meeting', id: m[1]! } : null;
}

export async function documentAccess(db: Kysely<DB>, actor: Actor | null, name: string, now = new Date()): Promise<DocumentAccess> {
	const doc = parseDocumentName(name);
	if (!doc || !actor) return { allowed: false, status: 404 };
	const meeting = await db
		.selectFrom('meeting')
		.select(['body_id', 'status', 'locked', 'kind'])
		.where('id', '=', doc.id)
		.executeTakeFirst();
	if (!meeting) return { allowed: false, status: 404 };
	const roles = await rolesOnBody(db, actor.userId, meeting.body_id, now);
	const frozen = meeting.locked || meeting.status === 'minutes_approved' || meeting.status === 'cancelled';
	if (writers.some((r) => roles.has(r))) return { allowed: true, mode: frozen ? 'read' : 'write' };
	if (roles.has('observer') || actor.isAdmin || (await overseesBody(db, actor.userId, meeting.body_id, now))) {
		return { allowed: true, mode: 'read' };
	}
	return { allowed: false, status: 403 };
}

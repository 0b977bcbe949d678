import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema';
import type { Actor } from './index';
import { onCaseTeam } from '../membership/case-team';
import { meetingAccess, type MeetingAuthority } from './meeting-changes';
import { overseesBody, rolesOnBody } from './roles';

/**
 * What an actor may do with a live document. Yjs syncs whole documents, so a
 * permission boundary is a document boundary: the verdict covers all of it.
 */
export type DocumentAccess =
	/** `authority`: for a meeting's document, what the person may change in it. */
	| { allowed: true; mode: 'write' | 'read'; authority?: MeetingAuthority; caseId?: string }
	/**
	 * 403 when the document's existence is no secret, 404 when it is (or it does not exist).
	 * `caseId`, for the audit log only: the document is a case conference's.
	 */
	| { allowed: false; status: 403 | 404; caseId?: string };

const minutesWriters: Role[] = ['chair', 'vice_chair', 'secretary'];

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const NAME = new RegExp(`^(meeting|minutes):(${UUID})$`);

/** Parses `meeting:<uuid>` and `minutes:<meeting uuid>`; other kinds join as their features arrive. */
export function parseDocumentName(name: string): { kind: 'meeting' | 'minutes'; id: string } | null {
	const m = NAME.exec(name);
	return m ? { kind: m[1] as 'meeting' | 'minutes', id: m[2]! } : null;
}

/**
 * A meeting's draft minutes: the body's chair, vice-chair and secretary write
 * until they are approved; everyone else who reads the body reads. The draft
 * exists only once generated, so nobody can fill the document before it is seeded.
 */
async function minutesAccess(db: Kysely<DB>, actor: Actor, meetingId: string, now: Date): Promise<DocumentAccess> {
	const row = await db
		.selectFrom('minutes')
		.innerJoin('meeting', 'meeting.id', 'minutes.meeting_id')
		.select(['meeting.body_id', 'meeting.status', 'meeting.case_id'])
		.where('minutes.meeting_id', '=', meetingId)
		.executeTakeFirst();
	if (!row) return { allowed: false, status: 404 };
	const caseId = row.case_id ?? undefined;
	if (caseId && !(await onCaseTeam(db, actor.userId, caseId, now))) return { allowed: false, status: 404, caseId };
	const roles = await rolesOnBody(db, actor.userId, row.body_id, now);
	const frozen = row.status === 'minutes_approved';
	if (minutesWriters.some((r) => roles.has(r))) return { allowed: true, mode: frozen ? 'read' : 'write', caseId };
	if (roles.size > 0 || actor.isAdmin || (await overseesBody(db, actor.userId, row.body_id, now))) return { allowed: true, mode: 'read', caseId };
	return { allowed: false, status: 403, caseId };
}

export async function documentAccess(db: Kysely<DB>, actor: Actor | null, name: string, now = new Date()): Promise<DocumentAccess> {
	const doc = parseDocumentName(name);
	if (!doc || !actor) return { allowed: false, status: 404 };
	if (doc.kind === 'minutes') return minutesAccess(db, actor, doc.id, now);
	const access = await meetingAccess(db, actor, doc.id, now);
	return access.allowed ? { allowed: true, mode: access.authority.mode, authority: access.authority, caseId: access.caseId } : access;
}

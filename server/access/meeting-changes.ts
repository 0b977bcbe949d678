import type { Kysely } from 'kysely';
import { onCaseTeam } from '../membership/case-team';
import type { DB, Role } from '../db/schema';
import { seatHeldOn, seatOf } from '../membership/seats';
import type { Actor } from './index';
import { overseesBody } from './roles';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * Who may change what inside a meeting's live document. Opening the document
 * is decided by documentAccess; this is the authority inside it, which the
 * collaboration server applies to every update (server/collab/guard.ts) and
 * the workspace uses to offer only what the person may do. docs/access.md
 * holds the same table in prose.
 */
export interface MeetingAuthority {
	mode: 'write' | 'read';
	/** Chair, vice-chair or secretary, or the alternate standing in for one. */
	officer: boolean;
	secretary: boolean;
	/** Organisations whose report-backs this person types: seats they hold or stand in for, observers excepted. */
	reportFor: string[];
}

/** `caseId`: the case of a case conference, so that every opening of one and every refusal is audited. */
export type MeetingAccess = { allowed: true; authority: MeetingAuthority; caseId?: string } | { allowed: false; status: 403 | 404; caseId?: string };

const writers: Role[] = ['chair', 'vice_chair', 'secretary', 'member', 'volunteer'];
const officers: Role[] = ['chair', 'vice_chair', 'secretary'];

/** The parts of a meeting document and who may change them: one row per rule a refusal names. */
export const meetingChangeRules = {
	notes: 'writer',
	'agenda.add': 'writer',
	'agenda.text': 'writer',
	'agenda.arrange': 'officer',
	'decision.edit': 'writer',
	'action.edit': 'writer',
	remove: 'officer, or whoever added it on the same connection',
	attendance: 'officer',
	guests: 'officer',
	timers: 'officer',
	restore: 'officer',
	'report-back': "the lead organisation's representative or alternate, or the secretary",
	'server-only': 'nobody: the server writes it (report-back outcome, status, lock)',
	ended: 'officers only once the meeting has ended',
	'foreign-id': 'an id must belong to this meeting or be new to the database',
	'bad-content': 'a value that does not fit the document schema',
	'bad-link': 'links are http, https or mailto only',
	'unknown-part': 'a part the meeting document does not have',
	incomplete: 'an update whose dependencies the document does not have',
	'foreign-client': 'a Yjs client id someone else writes with in this document',
	'too-much': "past the writer's per-minute allowance or the document's size limit"
} as const;

export type MeetingChangeRule = keyof typeof meetingChangeRules;

/**
 * A person's access to a meeting's live document and their authority in it.
 * A case conference is its case team's alone (404 to anyone else); once the
 * meeting has ended only its officers correct it; locked, cancelled or
 * approved, it is read-only for everyone.
 */
export async function meetingAccess(db: Kysely<DB>, actor: Actor | null, meetingId: string, now = new Date()): Promise<MeetingAccess> {
	if (!actor) return { allowed: false, status: 404 };
	const meeting = await db.selectFrom('meeting').select(['body_id', 'status', 'locked', 'case_id']).where('id', '=', meetingId).executeTakeFirst();
	if (!meeting) return { allowed: false, status: 404 };
	const caseId = meeting.case_id ?? undefined;
	if (caseId && !(await onCaseTeam(db, actor.userId, caseId, now))) return { allowed: false, status: 404, caseId };
	const seats = await db
		.selectFrom('membership')
		.select(['role', 'organisation_id'])
		.where('body_id', '=', meeting.body_id)
		.where(seatOf(actor.userId))
		.where(seatHeldOn(bangkokToday(now)))
		.execute();
	const roles = new Set(seats.map((s) => s.role));
	const officer = officers.some((r) => roles.has(r));
	const writer = writers.some((r) => roles.has(r));
	const frozen = meeting.locked || meeting.status === 'minutes_approved' || meeting.status === 'cancelled';
	const closed = meeting.status === 'ended' && !officer;
	const authority: MeetingAuthority = {
		mode: writer && !frozen && !closed ? 'write' : 'read',
		officer,
		secretary: roles.has('secretary'),
		reportFor: [...new Set(seats.filter((s) => s.role !== 'observer').map((s) => s.organisation_id))]
	};
	if (writer || roles.has('observer') || actor.isAdmin || (await overseesBody(db, actor.userId, meeting.body_id, now))) {
		return { allowed: true, authority, caseId };
	}
	return { allowed: false, status: 403, caseId };
}

/** The authority of someone who may open the meeting's document; null when they may not. */
export async function meetingAuthority(db: Kysely<DB>, actor: Actor | null, meetingId: string, now = new Date()): Promise<MeetingAuthority | null> {
	const access = await meetingAccess(db, actor, meetingId, now);
	return access.allowed ? access.authority : null;
}

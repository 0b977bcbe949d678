import { sql, type Kysely } from 'kysely';
import { teamCaseIds } from '../membership/case-team';
import type { DB } from '../db/schema';

/**
 * A body's meetings form threads: its regular and extraordinary meetings, and
 * the conferences of each case. Numbering, "the next meeting" and where
 * minutes are approved count within a thread, so a case conference neither
 * takes a number in the body's series nor approves its minutes.
 */
export const inThread = (caseId: string | null | undefined, column = 'case_id') => sql<boolean>`${sql.ref(column)} is not distinct from ${caseId ?? null}`;

/** Meetings a reader may see listed: every meeting but the conferences of cases they are not on. */
export async function listable(db: Kysely<DB>, userId: string, column = 'meeting.case_id') {
	const cases = [...(await teamCaseIds(db, userId))];
	return cases.length ? sql<boolean>`(${sql.ref(column)} is null or ${sql.ref(column)} in (${sql.join(cases)}))` : sql<boolean>`${sql.ref(column)} is null`;
}

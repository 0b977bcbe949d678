import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { teamUserIds } from '../membership/case-team';
import * as repo from './repository/conference';

/**
 * What a case conference's workspace shows instead of the group's: the case
 * (its code, for the link back and the confidentiality cue) and the
 * organisations of its team, whose attendance is the one that counts. No
 * access check: the caller has already opened the meeting for this person,
 * and only the case team can.
 */
export async function conferenceView(db: Kysely<DB>, caseId: string | null, now = new Date()) {
	if (!caseId) return null;
	const kase = await repo.conferenceCase(db, caseId);
	const people = [...(await teamUserIds(db, caseId, now))];
	const seats = people.length ? await repo.teamOrganisations(db, caseId, people) : [];
	return { caseId: kase.id, code: kase.code, teamOrganisationIds: seats.map((s) => s.organisation_id) };
}

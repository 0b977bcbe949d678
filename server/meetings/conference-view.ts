import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { teamUserIds } from '../membership/case-team';

/**
 * What a case conference's workspace shows instead of the group's: the case
 * (its code, for the link back and the confidentiality cue) and the
 * organisations of its team, whose attendance is the one that counts. No
 * access check: the caller has already opened the meeting for this person,
 * and only the case team can.
 */
export async function conferenceView(db: Kysely<DB>, caseId: string | null, now = new Date()) {
	if (!caseId) return null;
	const kase = await db.selectFrom('case_file').select(['id', 'code']).where('id', '=', caseId).executeTakeFirstOrThrow();
	const people = [...(await teamUserIds(db, caseId, now))];
	const seats = people.length
		? await db
				.selectFrom('case_team')
				.select('organisation_id')
				.distinct()
				.where('case_id', '=', caseId)
				.where('removed_at', 'is', null)
				.where('user_id', 'in', people)
				.execute()
		: [];
	return { caseId: kase.id, code: kase.code, teamOrganisationIds: seats.map((s) => s.organisation_id) };
}

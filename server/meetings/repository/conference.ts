import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** The case a conference is held on: its id and code. */
export function conferenceCase(db: Kysely<DB>, caseId: string) {
	return db.selectFrom('case_file').select(['id', 'code']).where('id', '=', caseId).executeTakeFirstOrThrow();
}

/** The organisations these people sit for on the case team, each once. */
export function teamOrganisations(db: Kysely<DB>, caseId: string, userIds: string[]) {
	return db
		.selectFrom('case_team')
		.select('organisation_id')
		.distinct()
		.where('case_id', '=', caseId)
		.where('removed_at', 'is', null)
		.where('user_id', 'in', userIds)
		.execute();
}

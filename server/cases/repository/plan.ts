import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { actionTitle } from '../../access/redact';
import type { CaseNeedTable } from '../../db/schema-cases';

/** The SQL of the case plan: its needs, the organisations that meet them, the case's action items. Callers have checked access. */

export function needs(db: Kysely<DB>, caseId: string) {
	return db
		.selectFrom('case_need as n')
		.leftJoin('organisation as o', 'o.id', 'n.organisation_id')
		.select(['n.need', 'n.organisation_id', 'o.name_th as org_th', 'o.name_en as org_en', 'n.status', 'n.note', 'n.updated_at'])
		.where('n.case_id', '=', caseId)
		.execute();
}

/** Sets one need of the plan, replacing who meets it, its status and note. */
export async function upsertNeed(db: Kysely<DB>, need: Required<Omit<Insertable<CaseNeedTable>, 'id'>>): Promise<void> {
	const { organisation_id, status, note, updated_by, updated_at } = need;
	await db
		.insertInto('case_need')
		.values(need)
		.onConflict((oc) => oc.columns(['case_id', 'need']).doUpdateSet({ organisation_id, status, note, updated_by, updated_at }))
		.execute();
}

export function activeOrganisations(db: Kysely<DB>) {
	return db.selectFrom('organisation').select(['id', 'name_th', 'name_en', 'short_name']).where('active', '=', true).orderBy('name_th').execute();
}

/** An organisation and whether it is active; undefined when there is none. */
export function organisation(db: Kysely<DB>, organisationId: string) {
	return db.selectFrom('organisation').select(['id', 'active']).where('id', '=', organisationId).executeTakeFirst();
}

/** The case's plan, as its team reads it (only the team opens a case). */
export function actions(db: Kysely<DB>, caseId: string) {
	return db
		.selectFrom('action_item as a')
		.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
		.leftJoin('app_user as u', 'u.id', 'a.assignee_id')
		.select([
			'a.id',
			actionTitle({ case: caseId }, 'a').as('title'),
			'a.status',
			'a.due_on',
			'o.name_th as lead_th',
			'o.name_en as lead_en',
			'u.display_name as assignee'
		])
		.where('a.case_id', '=', caseId)
		.orderBy('a.created_at', 'desc')
		.execute();
}

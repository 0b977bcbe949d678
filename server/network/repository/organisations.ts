import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export function getOrganisation(db: Kysely<DB>, id: string) {
	return db
		.selectFrom('organisation')
		.leftJoin('area', 'area.id', 'organisation.area_id')
		.selectAll('organisation')
		.select(['area.name_th as area_th', 'area.name_en as area_en'])
		.where('organisation.id', '=', id)
		.executeTakeFirst();
}

/** Every organisation, active or not, as an administrator manages them. */
export function listOrganisations(db: Kysely<DB>) {
	return db
		.selectFrom('organisation')
		.select(['id', 'name_th', 'name_en', 'short_name', 'sector', 'level', 'active', 'contact_phone', 'contact_email'])
		.orderBy('name_th')
		.execute();
}

export function activeOrganisations(db: Kysely<DB>) {
	return db.selectFrom('organisation').select(['id', 'name_th', 'name_en', 'short_name']).where('active', '=', true).orderBy('name_th').execute();
}

export async function organisationExists(db: Kysely<DB>, id: string): Promise<boolean> {
	return !!(await db.selectFrom('organisation').select(['id']).where('id', '=', id).executeTakeFirst());
}

export function insertOrganisation(db: Kysely<DB>, organisation: Insertable<DB['organisation']>) {
	return db.insertInto('organisation').values(organisation).returning('id').executeTakeFirstOrThrow();
}

/** How many organisations were changed: none when there is no such organisation. */
export async function updateOrganisationActive(db: Kysely<DB>, id: string, active: boolean): Promise<number> {
	const r = await db.updateTable('organisation').set({ active }).where('id', '=', id).executeTakeFirst();
	return Number(r.numUpdatedRows);
}

import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/schema';
import { OPEN_STATUSES } from '../../db/schema-followup';

export function listBodies(db: Kysely<DB>) {
	return db
		.selectFrom('body')
		.leftJoin('area', 'area.id', 'body.area_id')
		.select([
			'body.id',
			'body.name_th',
			'body.name_en',
			'body.kind',
			'body.level',
			'body.parent_id',
			'body.cadence',
			'area.name_th as area_th',
			'area.name_en as area_en'
		])
		.select((eb) => [
			eb
				.selectFrom('membership')
				.select((e2) => e2.fn.count<number>('membership.organisation_id').distinct().as('n'))
				.whereRef('membership.body_id', '=', 'body.id')
				.where('membership.ends_on', 'is', null)
				.as('organisations'),
			eb
				.selectFrom('action_item')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('action_item.body_id', '=', 'body.id')
				.where('action_item.status', 'in', OPEN_STATUSES)
				.as('open_actions')
		])
		.where('body.kind', '!=', 'case_team')
		.orderBy('body.level')
		.orderBy('body.name_th')
		.execute();
}

/** The bodies an administrator picks a parent from, by level and name; case teams are not the network's. */
export function listBodyNames(db: Kysely<DB>) {
	return db
		.selectFrom('body')
		.select(['id', 'name_th', 'name_en', 'kind', 'level'])
		.where('kind', '!=', 'case_team')
		.orderBy('level')
		.orderBy('name_th')
		.execute();
}

export function getBody(db: Kysely<DB>, id: string) {
	return db
		.selectFrom('body')
		.leftJoin('area', 'area.id', 'body.area_id')
		.leftJoin('organisation as sec', 'sec.id', 'body.secretariat_organisation_id')
		.leftJoin('body as parent', 'parent.id', 'body.parent_id')
		.selectAll('body')
		.select([
			'area.name_th as area_th',
			'area.name_en as area_en',
			'sec.name_th as secretariat_th',
			'sec.name_en as secretariat_en',
			'parent.name_th as parent_th',
			'parent.name_en as parent_en'
		])
		.where('body.id', '=', id)
		.executeTakeFirst();
}

export async function bodyExists(db: Kysely<DB>, id: string): Promise<boolean> {
	return !!(await db.selectFrom('body').select('id').where('id', '=', id).executeTakeFirst());
}

export function insertBody(db: Kysely<DB>, body: Insertable<DB['body']>) {
	return db.insertInto('body').values(body).returning('id').executeTakeFirstOrThrow();
}

export async function updateBody(db: Kysely<DB>, id: string, changes: Updateable<DB['body']>): Promise<void> {
	await db.updateTable('body').set(changes).where('id', '=', id).execute();
}

/** Bodies of the public directory with their secretariat's contact points. */
export function directoryBodies(db: Kysely<DB>) {
	return db
		.selectFrom('body')
		.leftJoin('area', 'area.id', 'body.area_id')
		.leftJoin('organisation as sec', 'sec.id', 'body.secretariat_organisation_id')
		.select([
			'body.id',
			'body.name_th',
			'body.name_en',
			'body.kind',
			'body.level',
			'body.parent_id',
			'area.name_th as area_th',
			'area.name_en as area_en',
			'sec.name_th as secretariat_th',
			'sec.name_en as secretariat_en',
			'sec.contact_phone as secretariat_phone',
			'sec.contact_email as secretariat_email'
		])
		.where('body.kind', '!=', 'case_team')
		.orderBy('body.level')
		.orderBy('body.name_th')
		.execute();
}

export function nextMeeting(db: Kysely<DB>, bodyId: string, now = new Date()) {
	return db
		.selectFrom('meeting')
		.select(['id', 'title', 'starts_at', 'place', 'status'])
		.where('body_id', '=', bodyId)
		.where('case_id', 'is', null)
		.where('starts_at', '>=', now)
		.where('status', 'in', ['planned', 'in_progress'])
		.orderBy('starts_at')
		.limit(1)
		.executeTakeFirst();
}

import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../db/schema';
import { seatHeldOn } from '../membership/seats';
import { bangkokToday } from '../../src/lib/calendar';

/** The network as an import compares against it: everything it may match a row to. */
export async function snapshot(db: Kysely<DB>, today = bangkokToday()) {
	const [areas, organisations, bodies, users, seats] = await Promise.all([
		db.selectFrom('area').select(['id', 'code', 'name_th', 'name_en', 'level']).execute(),
		db.selectFrom('organisation').select(['id', 'name_th', 'name_en', 'short_name', 'sector', 'level', 'area_id', 'contact_phone', 'contact_email']).execute(),
		db
			.selectFrom('body')
			.select(['id', 'name_th', 'name_en', 'kind', 'level', 'area_id', 'parent_id', 'secretariat_organisation_id', 'cadence', 'case_prefix'])
			.where('kind', '!=', 'case_team')
			.execute(),
		db.selectFrom('app_user').select(['id', 'username', 'email', 'display_name', 'name_title', 'position', 'phone', 'active']).execute(),
		db
			.selectFrom('membership as m')
			.innerJoin('body as b', 'b.id', 'm.body_id')
			.select(['m.id', 'm.body_id', 'm.user_id', 'm.organisation_id', 'm.role', 'm.alternate_user_id', 'm.starts_on', 'm.ends_on'])
			.where('b.kind', '!=', 'case_team')
			.where((eb) => eb.or([seatHeldOn(today, 'm'), eb('m.starts_on', '>', today)]))
			.execute()
	]);
	return { areas, organisations, bodies, users, seats };
}
export type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** Rows in batches: one statement per few hundred rows keeps 5,000 people within seconds on either engine. */
export async function insertMany<T extends 'organisation' | 'body' | 'app_user' | 'membership' | 'user_link'>(
	db: Kysely<DB>,
	table: T,
	rows: Insertable<DB[T]>[],
	size = 500
): Promise<void> {
	for (let i = 0; i < rows.length; i += size) {
		await db
			.insertInto(table)
			.values(rows.slice(i, i + size) as never)
			.execute();
	}
}

/** Changes to rows the network already has, one statement a row: each row changes its own columns. */
export async function updateOrganisations(db: Kysely<DB>, rows: { id: string; set: Updateable<DB['organisation']> }[]): Promise<void> {
	for (const u of rows) await db.updateTable('organisation').set(u.set).where('id', '=', u.id).execute();
}

export async function updateBodies(db: Kysely<DB>, rows: { id: string; set: Updateable<DB['body']> }[]): Promise<void> {
	for (const u of rows) await db.updateTable('body').set(u.set).where('id', '=', u.id).execute();
}

export async function updateUsers(db: Kysely<DB>, rows: { id: string; set: Updateable<DB['app_user']> }[], at: Date): Promise<void> {
	for (const u of rows)
		await db
			.updateTable('app_user')
			.set({ ...u.set, updated_at: at })
			.where('id', '=', u.id)
			.execute();
}

export async function updateSeats(db: Kysely<DB>, rows: { id: string; set: Updateable<DB['membership']> }[]): Promise<void> {
	for (const u of rows) await db.updateTable('membership').set(u.set).where('id', '=', u.id).execute();
}

import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { seatHeldOn, seatOf } from '../../membership/seats';
import { bangkokToday } from '../../../src/lib/calendar';

/** Seats of a body; `current` only or the whole history, newest first. */
export function seats(db: Kysely<DB>, bodyId: string, opts: { current: boolean; now?: Date }) {
	let q = db
		.selectFrom('membership as m')
		.innerJoin('app_user as u', 'u.id', 'm.user_id')
		.innerJoin('organisation as o', 'o.id', 'm.organisation_id')
		.leftJoin('app_user as alt', 'alt.id', 'm.alternate_user_id')
		.select([
			'm.id',
			'm.role',
			'm.starts_on',
			'm.ends_on',
			'm.handover_note',
			'm.predecessor_id',
			'm.user_id',
			'm.organisation_id',
			'u.display_name',
			'u.active as user_active',
			'o.name_th as org_th',
			'o.name_en as org_en',
			'o.short_name',
			'o.sector',
			'alt.display_name as alternate_name',
			'm.alternate_user_id'
		])
		.where('m.body_id', '=', bodyId);
	if (opts.current) {
		const d = bangkokToday(opts.now);
		q = q.where(seatHeldOn(d, 'm'));
	}
	return q.orderBy('o.name_th').orderBy('m.starts_on', 'desc').execute();
}

/** Who held seats for an organisation on a body during a period (inclusive dates). */
export function seatsDuring(db: Kysely<DB>, bodyId: string, from: string, to: string) {
	return db
		.selectFrom('membership as m')
		.innerJoin('app_user as u', 'u.id', 'm.user_id')
		.innerJoin('organisation as o', 'o.id', 'm.organisation_id')
		.select(['m.id', 'm.role', 'm.starts_on', 'm.ends_on', 'u.display_name', 'o.id as organisation_id', 'o.name_th as org_th', 'o.name_en as org_en'])
		.where('m.body_id', '=', bodyId)
		.where('m.starts_on', '<=', to)
		.where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', from)]))
		.orderBy('m.starts_on')
		.execute();
}

export function organisationSeats(db: Kysely<DB>, organisationId: string, now = new Date()) {
	const d = bangkokToday(now);
	return db
		.selectFrom('membership as m')
		.innerJoin('body as b', 'b.id', 'm.body_id')
		.innerJoin('app_user as u', 'u.id', 'm.user_id')
		.leftJoin('app_user as alt', 'alt.id', 'm.alternate_user_id')
		.select([
			'm.id',
			'm.role',
			'm.starts_on',
			'm.ends_on',
			'b.id as body_id',
			'b.name_th as body_th',
			'b.name_en as body_en',
			'u.display_name',
			'alt.display_name as alternate_name'
		])
		.where('m.organisation_id', '=', organisationId)
		.where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', d)]))
		.orderBy('b.name_th')
		.execute();
}

/** Seats a user holds or stands in for that have not ended, with the predecessor who handed each over. */
export function seatsOfUser(db: Kysely<DB>, userId: string, now = new Date()) {
	const d = bangkokToday(now);
	return db
		.selectFrom('membership as m')
		.innerJoin('body as b', 'b.id', 'm.body_id')
		.innerJoin('organisation as o', 'o.id', 'm.organisation_id')
		.leftJoin('membership as prev', 'prev.id', 'm.predecessor_id')
		.leftJoin('app_user as pu', 'pu.id', 'prev.user_id')
		.select([
			'm.id',
			'm.role',
			'm.starts_on',
			'm.ends_on',
			'm.handover_note',
			'm.handover_seen_at',
			'm.user_id',
			'm.alternate_user_id',
			'b.id as body_id',
			'b.name_th as body_th',
			'b.name_en as body_en',
			'o.name_th as org_th',
			'o.name_en as org_en',
			'pu.display_name as predecessor_name'
		])
		.where(seatOf(userId, 'm'))
		.where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', d)]))
		.orderBy('b.level')
		.orderBy('b.name_th')
		.execute();
}

/** Current seats on the network's bodies whose organisation is active, with the people in them, for the public directory. */
export function directorySeats(db: Kysely<DB>, now = new Date()) {
	const d = bangkokToday(now);
	return db
		.selectFrom('membership as m')
		.innerJoin('organisation as o', 'o.id', 'm.organisation_id')
		.innerJoin('app_user as u', 'u.id', 'm.user_id')
		.innerJoin('body as b', 'b.id', 'm.body_id')
		.select([
			'm.body_id',
			'm.role',
			'o.id as organisation_id',
			'o.name_th',
			'o.name_en',
			'o.contact_phone',
			'o.contact_email',
			'u.directory_opt_in',
			'u.display_name',
			'u.phone',
			'u.email'
		])
		.where('b.kind', '!=', 'case_team')
		.where('o.active', '=', true)
		.where(seatHeldOn(d, 'm'))
		.orderBy('o.name_th')
		.execute();
}

/** Marks the hand-over note of the user's own seat read; how many seats that changed (none when it was read already). */
export async function markHandoverSeen(db: Kysely<DB>, membershipId: string, userId: string, at: Date): Promise<number> {
	const r = await db
		.updateTable('membership')
		.set({ handover_seen_at: at })
		.where('id', '=', membershipId)
		.where('user_id', '=', userId)
		.where('handover_seen_at', 'is', null)
		.executeTakeFirst();
	return Number(r.numUpdatedRows);
}

export function getMembership(db: Kysely<DB>, id: string) {
	return db.selectFrom('membership').select(['id', 'body_id', 'user_id', 'starts_on', 'ends_on']).where('id', '=', id).executeTakeFirst();
}

/** The user's seat on the body that has no end date, if any. */
export function openSeatOf(db: Kysely<DB>, bodyId: string, userId: string) {
	return db.selectFrom('membership').select('id').where('body_id', '=', bodyId).where('user_id', '=', userId).where('ends_on', 'is', null).executeTakeFirst();
}

export function insertMembership(db: Kysely<DB>, membership: Insertable<DB['membership']>) {
	return db.insertInto('membership').values(membership).returning('id').executeTakeFirstOrThrow();
}

export async function setMembershipEnd(db: Kysely<DB>, id: string, endsOn: string): Promise<void> {
	await db.updateTable('membership').set({ ends_on: endsOn }).where('id', '=', id).execute();
}

/** People who can be given a seat: active users, by name. */
export function activeUsers(db: Kysely<DB>) {
	return db.selectFrom('app_user').select(['id', 'display_name', 'username']).where('active', '=', true).orderBy('display_name').execute();
}

export async function activeUserExists(db: Kysely<DB>, id: string): Promise<boolean> {
	return !!(await db.selectFrom('app_user').select(['id']).where('id', '=', id).where('active', '=', true).executeTakeFirst());
}

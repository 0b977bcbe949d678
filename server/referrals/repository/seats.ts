import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { seatHeldOn, seatOf } from '../../membership/seats';
import { bangkokToday } from '../../../src/lib/calendar';

/** The seats a user speaks from in referrals: SQL only, no access checks here. */

/** The organisations a user sits for now (in any role but observer, or as the alternate of such a seat). */
export async function organisationsSpokenFor(db: Kysely<DB>, userId: string, now = new Date()): Promise<string[]> {
	const d = bangkokToday(now);
	const rows = await db
		.selectFrom('membership')
		.select('organisation_id')
		.distinct()
		.where(seatOf(userId))
		.where('role', '!=', 'observer')
		.where(seatHeldOn(d))
		.execute();
	return rows.map((r) => r.organisation_id);
}

/** The bodies on which a user holds a current seat in one of these roles (an alternate counts as member). */
export async function bodiesWithRole(db: Kysely<DB>, userId: string, roles: string[], now = new Date()): Promise<string[]> {
	const d = bangkokToday(now);
	const rows = await db.selectFrom('membership').select(['body_id', 'role', 'user_id']).where(seatOf(userId)).where(seatHeldOn(d)).execute();
	return [...new Set(rows.filter((r) => roles.includes(r.user_id === userId ? r.role : 'member')).map((r) => r.body_id))];
}

/** The organisations a user may send from on a body: their current seats there, observers excepted. */
export function senderOrganisations(db: Kysely<DB>, userId: string, bodyId: string, now = new Date()) {
	const d = bangkokToday(now);
	return db
		.selectFrom('membership as m')
		.innerJoin('organisation as o', 'o.id', 'm.organisation_id')
		.select(['o.id', 'o.name_th', 'o.name_en', 'o.short_name'])
		.distinct()
		.where('m.body_id', '=', bodyId)
		.where(seatOf(userId, 'm'))
		.where('m.role', '!=', 'observer')
		.where(seatHeldOn(d, 'm'))
		.orderBy('o.name_th')
		.execute();
}

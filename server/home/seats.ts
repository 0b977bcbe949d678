import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema';
import { seatsHeldOn } from './repository/seats';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * The seats a person holds today, which decide what their home asks of them.
 * Standing in as the alternate counts as `member`, as the access rules count
 * it (server/access/roles.ts): the substitute speaks for the seat, not its office.
 */
export interface HomeSeat {
	bodyId: string;
	organisationId: string;
	role: Role;
	name_th: string;
	name_en: string;
}

export async function currentSeats(db: Kysely<DB>, userId: string, now: Date): Promise<HomeSeat[]> {
	const rows = await seatsHeldOn(db, userId, bangkokToday(now));
	return rows.map((r) => ({
		bodyId: r.body_id,
		organisationId: r.organisation_id,
		role: r.user_id === userId ? r.role : 'member',
		name_th: r.name_th,
		name_en: r.name_en
	}));
}

/** Bodies where the person holds one of these offices, once each, in seat order. */
export function bodiesWhere(seats: HomeSeat[], roles: Role[]): HomeSeat[] {
	const seen = new Map<string, HomeSeat>();
	for (const s of seats) if (roles.includes(s.role) && !seen.has(s.bodyId)) seen.set(s.bodyId, s);
	return [...seen.values()];
}

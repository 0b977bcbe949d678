import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { seatHeldOn, seatOf } from '../../membership/seats';

/** SQL of the seats that decide what a person's home asks of them; no access checks here. */

/** The seats a person holds, or stands in for as the alternate, on `day`, with their body's names, in the body's order. */
export function seatsHeldOn(db: Kysely<DB>, userId: string, day: string) {
	return db
		.selectFrom('membership as m')
		.innerJoin('body as b', 'b.id', 'm.body_id')
		.select(['m.body_id', 'm.organisation_id', 'm.role', 'm.user_id', 'b.name_th', 'b.name_en'])
		.where(seatOf(userId, 'm'))
		.where(seatHeldOn(day, 'm'))
		.orderBy('b.level')
		.orderBy('b.name_th')
		.execute();
}

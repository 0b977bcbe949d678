import { sql, type Kysely } from 'kysely';
import type { DB, Role } from '../db/schema';
import { seatHeldOn, seatOf } from '../membership/seats';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * The roles a user holds on a body right now. Sitting as the alternate of a
 * current member counts as `member`: the substitute stands in for the seat.
 */
export async function rolesOnBody(db: Kysely<DB>, userId: string, bodyId: string, now = new Date()): Promise<Set<Role>> {
	const d = bangkokToday(now);
	const rows = await db
		.selectFrom('membership')
		.select(['role', 'user_id', 'alternate_user_id'])
		.where('body_id', '=', bodyId)
		.where(seatOf(userId))
		.where(seatHeldOn(d))
		.execute();
	return new Set(rows.map((r) => (r.user_id === userId ? r.role : 'member')));
}

/** True when the user chairs or is secretary of a body above this one. */
export async function overseesBody(db: Kysely<DB>, userId: string, bodyId: string, now = new Date()): Promise<boolean> {
	const d = bangkokToday(now);
	const row = await sql<{ found: number }>`
		with recursive ancestors(id) as (
			select parent_id from body where id = ${bodyId} and parent_id is not null
			union
			select b.parent_id from body b join ancestors a on b.id = a.id where b.parent_id is not null
		)
		select 1 as found from membership m
		where m.body_id in (select id from ancestors)
			and m.user_id = ${userId}
			and m.role in ('chair', 'secretary')
			and ${seatHeldOn(d, 'm')}
		limit 1`.execute(db);
	return row.rows.length > 0;
}

/** Ids of the bodies a user may read: seats (or alternate seats) and everything below a body they chair or serve as secretary. */
export async function readableBodyIds(db: Kysely<DB>, userId: string, now = new Date()): Promise<Set<string>> {
	const d = bangkokToday(now);
	const rows = await sql<{ id: string }>`
		with recursive
		current_seat as (
			select body_id, role, user_id from membership
			where (user_id = ${userId} or alternate_user_id = ${userId})
				and starts_on <= ${d} and (ends_on is null or ends_on >= ${d})
		),
		below(id) as (
			select b.id from body b where b.parent_id in (
				select body_id from current_seat where user_id = ${userId} and role in ('chair', 'secretary'))
			union
			select b.id from body b join below on b.parent_id = below.id
		)
		select body_id as id from current_seat
		union
		select id from below`.execute(db);
	return new Set(rows.rows.map((r) => r.id));
}

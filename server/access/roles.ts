import { sql, type Kysely } from 'kysely';
import type { DB, Role } from '../db/schema';

/** A seat counts from its start date through its end date, inclusive. */
function today(now: Date): string {
	return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10); // Bangkok date
}

/**
 * The roles a user holds on a body right now. Sitting as the alternate of a
 * current member counts as `member`: the substitute stands in for the seat.
 */
export async function rolesOnBody(db: Kysely<DB>, userId: string, bodyId: string, now = new Date()): Promise<Set<Role>> {
	const d = today(now);
	const rows = await db
		.selectFrom('membership')
		.select(['role', 'user_id', 'alternate_user_id'])
		.where('body_id', '=', bodyId)
		.where((eb) => eb.or([eb('user_id', '=', userId), eb('alternate_user_id', '=', userId)]))
		.where('starts_on', '<=', d)
		.where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', d)]))
		.execute();
	return new Set(rows.map((r) => (r.user_id === userId ? r.role : 'member')));
}

/** True when the user chairs or is secretary of a body above this one. */
export async function overseesBody(db: Kysely<DB>, userId: string, bodyId: string, now = new Date()): Promise<boolean> {
	const d = today(now);
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
			and m.starts_on <= ${d}
			and (m.ends_on is null or m.ends_on >= ${d})
		limit 1`.execute(db);
	return row.rows.length > 0;
}

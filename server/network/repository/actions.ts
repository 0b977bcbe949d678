import { sql, type Kysely } from 'kysely';
import { actionHeading } from '../../access/redact';
import type { DB } from '../../db/schema';
import { OPEN_STATUSES } from '../../db/schema-followup';

export function countOpenActions(db: Kysely<DB>, where: { bodyId?: string; organisationId?: string; bodyIds?: string[] }) {
	let q = db
		.selectFrom('action_item')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('status', 'in', OPEN_STATUSES);
	if (where.bodyId) q = q.where('body_id', '=', where.bodyId);
	if (where.organisationId) q = q.where('lead_organisation_id', '=', where.organisationId);
	if (where.bodyIds) q = where.bodyIds.length ? q.where('body_id', 'in', where.bodyIds) : q.where(sql<boolean>`false`);
	return q.executeTakeFirstOrThrow().then((r) => Number(r.n));
}

/** Open actions as `viewerId` may see them (a case's actions say only the case code to anyone off its team). */
export function openActionsOf(
	db: Kysely<DB>,
	viewerId: string,
	filter: { organisationId?: string; assigneeId?: string; bodyId?: string; bodyIds?: string[] },
	limit = 200
) {
	let q = db
		.selectFrom('action_item as a')
		.innerJoin('body as b', 'b.id', 'a.body_id')
		.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
		.leftJoin('app_user as u', 'u.id', 'a.assignee_id')
		.select([
			'a.id',
			...actionHeading(viewerId, 'a'),
			'a.status',
			'a.due_on',
			'a.body_id',
			'b.name_th as body_th',
			'b.name_en as body_en',
			'o.short_name as lead',
			'o.name_th as lead_th',
			'o.name_en as lead_en',
			'u.display_name as assignee'
		])
		.where('a.status', 'in', OPEN_STATUSES);
	if (filter.organisationId) q = q.where('a.lead_organisation_id', '=', filter.organisationId);
	if (filter.assigneeId) q = q.where('a.assignee_id', '=', filter.assigneeId);
	if (filter.bodyId) q = q.where('a.body_id', '=', filter.bodyId);
	if (filter.bodyIds) q = filter.bodyIds.length ? q.where('a.body_id', 'in', filter.bodyIds) : q.where(sql<boolean>`false`);
	// Undated items last, and a stable order among items due the same day.
	return q
		.orderBy(sql`a.due_on asc nulls last`)
		.orderBy('a.id')
		.limit(limit)
		.execute();
}

/** How many open items a person is assigned, however many a page lists. */
export async function openActionCountOf(db: Kysely<DB>, assigneeId: string): Promise<number> {
	const row = await db
		.selectFrom('action_item')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('assignee_id', '=', assigneeId)
		.where('status', 'in', OPEN_STATUSES)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

import { redactActions } from '../access/redact';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { OPEN_STATUSES } from '../db/schema-followup';
import { seatHeldOn } from '../membership/seats';
import { bangkokToday } from '../../src/lib/calendar';

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

export function getOrganisation(db: Kysely<DB>, id: string) {
	return db
		.selectFrom('organisation')
		.leftJoin('area', 'area.id', 'organisation.area_id')
		.selectAll('organisation')
		.select(['area.name_th as area_th', 'area.name_en as area_en'])
		.where('organisation.id', '=', id)
		.executeTakeFirst();
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

/** Open actions as `viewerId` may see them (a case's actions say only the case code to anyone off its team). */
export async function openActionsOf(
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
			'a.title',
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
	return redactActions(
		db,
		viewerId,
		await q
			.orderBy(sql`a.due_on asc nulls last`)
			.orderBy('a.id')
			.limit(limit)
			.execute()
	);
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

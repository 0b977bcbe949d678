import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { FINISHED_STATUSES, OPEN_STATUSES, type ActionStatus } from '../../db/schema-followup';
import { actionHeading, caseWords } from '../../access/redact';
import { seatHeldOn, seatOf } from '../../membership/seats';
import { bangkokToday } from '../../../src/lib/calendar';

/**
 * SQL of the representative's board: on every body where the user holds a
 * seat now (or stands in as the alternate), the items led or supported by an
 * organisation the user speaks for. Scoping by the user's own current seats is
 * the board's access rule: each of those bodies is one the user may read.
 */

const LIMIT = 1000;

export interface BoardFilter {
	bodyId?: string;
}

export interface BoardOptions {
	now?: Date;
	/** Closed and dropped items changed since then, instead of the open ones. */
	finishedSince?: Date;
	/** Only these of the open (or, with finishedSince, finished) states. */
	statuses?: ActionStatus[];
	/** Keyset paging: rows strictly after this one in board order. */
	after?: BoardCursor;
	limit?: number;
}

/** A row's place in board order (due date, nulls last; creation; id); created is Postgres text, exact to the microsecond. */
export interface BoardCursor {
	due: string | null;
	created: string;
	id: string;
}

/** Rows of `a` strictly after the cursor in (due date nulls last, creation, id) order. */
export function afterCursor(c: BoardCursor) {
	const rest = sql<boolean>`(a.created_at, a.id) > (${c.created}::timestamptz, ${c.id}::uuid)`;
	if (c.due === null) return sql<boolean>`(a.due_on is null and ${rest})`;
	return sql<boolean>`(a.due_on is null or a.due_on > ${c.due}::date or (a.due_on = ${c.due}::date and ${rest}))`;
}

function seats(db: Kysely<DB>, userId: string, now: Date) {
	const d = bangkokToday(now);
	return db.selectFrom('membership').select(['body_id', 'organisation_id']).where(seatOf(userId)).where(seatHeldOn(d));
}

type WithSeat = DB & { seat: { body_id: string; organisation_id: string } };

const ITEM_COLUMNS = [
	'id',
	'body_id',
	'lead_organisation_id',
	'status',
	'due_on',
	'created_at',
	'updated_at',
	'assignee_id',
	'title',
	'closed_meeting_id',
	'case_id'
] as const;

/** Items in these states on the user's bodies (or the one chosen) led or supported by one of the user's organisations. */
function candidates(db: Kysely<WithSeat>, statuses: ActionStatus[], filter: BoardFilter) {
	return (
		db
			.selectFrom('action_item as c')
			// As an array, so the user's few bodies become index conditions; a chosen body must be one of them.
			.where(sql<boolean>`c.body_id = any(array(select seat.body_id from seat${filter.bodyId ? sql` where seat.body_id = ${filter.bodyId}` : sql``}))`)
			.where('c.status', 'in', statuses)
			.where((eb) =>
				eb.or([
					eb('c.lead_organisation_id', 'in', eb.selectFrom('seat').select('seat.organisation_id')),
					eb(
						'c.id',
						'in',
						eb
							.selectFrom('action_item_organisation as x')
							.select('x.action_item_id')
							.where('x.organisation_id', 'in', eb.selectFrom('seat').select('seat.organisation_id'))
					)
				])
			)
	);
}

/** Board rows as the user may read them: the item, who leads it and its latest entry, in board order. */
export function boardQuery(db: Kysely<DB>, userId: string, filter: BoardFilter = {}, opts: BoardOptions = {}) {
	const now = opts.now ?? new Date();
	return db
		.with('seat', () => seats(db, userId, now))
		.with('item', (qc) => {
			const q = qc as unknown as Kysely<WithSeat>;
			// Open items come whole from their covering partial index; the few
			// recently finished ones are looked up by id.
			if (!opts.finishedSince) return candidates(q, opts.statuses ?? OPEN_STATUSES, filter).select(ITEM_COLUMNS.map((c) => `c.${c}` as const));
			return q
				.selectFrom('action_item as f')
				.select(ITEM_COLUMNS.map((c) => `f.${c}` as const))
				.where(
					'f.id',
					'in',
					candidates(q, opts.statuses ?? FINISHED_STATUSES, filter)
						.where('c.updated_at', '>=', opts.finishedSince)
						.select('c.id')
				);
		})
		.selectFrom('item as a')
		.innerJoin('body as b', 'b.id', 'a.body_id')
		.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
		.leftJoin('app_user as u', 'u.id', 'a.assignee_id')
		.leftJoinLateral(
			(eb) =>
				eb
					.selectFrom('action_update as x')
					.select(['x.kind', 'x.text', 'x.at'])
					.whereRef('x.action_item_id', '=', 'a.id')
					// Straight down the (item, time) index; one item's entries never share an instant in practice.
					.orderBy('x.at', 'desc')
					.limit(1)
					.as('last'),
			(j) => j.onTrue()
		)
		.select([
			'a.id',
			...actionHeading(userId, 'a'),
			'a.status',
			'a.due_on',
			'a.body_id',
			'a.created_at',
			'a.updated_at',
			'a.closed_meeting_id',
			'a.case_id',
			'b.name_th as body_th',
			'b.name_en as body_en',
			'o.short_name as lead',
			'o.name_th as lead_th',
			'o.name_en as lead_en',
			'a.lead_organisation_id',
			'u.display_name as assignee',
			'last.kind as last_kind',
			caseWords<string | null>(userId, 'a.case_id', 'last.text').as('last_text'),
			'last.at as last_at',
			sql<string>`a.created_at::text`.as('created_key')
		])
		.$if(!!opts.after, (q) => q.where(afterCursor(opts.after!)))
		.orderBy(sql`a.due_on asc nulls last`)
		.orderBy('a.created_at')
		.orderBy('a.id')
		.limit(opts.limit ?? LIMIT);
}

/** The user's current seats with their bodies' names: the body filter, and which items the user may update. */
export function boardSeats(db: Kysely<DB>, userId: string, now = new Date()) {
	return db
		.with('seat', () => seats(db, userId, now))
		.selectFrom('seat')
		.innerJoin('body as b', 'b.id', 'seat.body_id')
		.select(['seat.body_id', 'seat.organisation_id', 'b.name_th', 'b.name_en'])
		.orderBy('b.name_th')
		.execute();
}

/** How many of the user's board items are in each state: all open ones, the finished ones changed since `finishedSince`. */
export async function boardStatusCounts(db: Kysely<DB>, userId: string, filter: BoardFilter, now: Date, finishedSince: Date) {
	const d = bangkokToday(now);
	const bodyFilter = filter.bodyId ? sql` and membership.body_id = ${filter.bodyId}` : sql``;
	const rows = await sql<{ status: ActionStatus; n: string | number }>`
		with seat as (
			select membership.body_id, membership.organisation_id from membership
			where ${seatOf(userId)} and ${seatHeldOn(d)}${bodyFilter}
		)
		select c.status, count(*) as n from action_item c
		where c.body_id = any(array(select body_id from seat))
			and (c.status in (${sql.join(OPEN_STATUSES)}) or (c.status in (${sql.join(FINISHED_STATUSES)}) and c.updated_at >= ${finishedSince}))
			and (c.lead_organisation_id in (select organisation_id from seat)
				or c.id in (select x.action_item_id from action_item_organisation x where x.organisation_id in (select organisation_id from seat)))
		group by c.status`.execute(db);
	return rows.rows;
}

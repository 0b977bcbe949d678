import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { OPEN_STATUSES } from '../../db/schema-followup';
import { actionHeading, type Reader } from '../../access/redact';
import { boardQuery } from '../../followup/repository/board';

/** SQL of the follow-up side of the home: items due, report-backs owed, items awaiting acceptance, counts per body, the case plan; no access checks here; lists of items read as their reader may (server/access/redact.ts). */

/** A seat's organisation on a body, and the Bangkok date by which its items are owed at the body's next meeting. */
export interface OwingSeat {
	bodyId: string;
	organisationId: string;
	dueBy: string;
}

/** The person's organisations' open items due by `soon`, from the representative's board query itself (same scope, same order). */
const dueOnBoard = (db: Kysely<DB>, userId: string, o: { soon: string; now: Date }) =>
	boardQuery(db, userId, {}, { now: o.now }).where('a.due_on', '<=', o.soon);

/** The first `limit` of the person's organisations' items due by `soon`, in the board's order. */
export function dueOrganisationItems(db: Kysely<DB>, userId: string, o: { soon: string; now: Date; limit: number }) {
	return dueOnBoard(db, userId, o).limit(o.limit).execute();
}

/** How many of the person's organisations' items due by `soon` are overdue on `today`, and how many not yet. */
export function dueOrganisationItemCounts(db: Kysely<DB>, userId: string, o: { soon: string; today: string; now: Date }) {
	return db
		.selectFrom(dueOnBoard(db, userId, o).clearLimit().clearOrderBy().as('d'))
		.select([sql<number>`count(*) filter (where d.due_on < ${o.today})`.as('overdue'), sql<number>`count(*) filter (where d.due_on >= ${o.today})`.as('soon')])
		.executeTakeFirstOrThrow();
}

/** The next regular meeting of each of these bodies: one running, or planned to start at `since` or later. */
export function nextMeetingsOfBodies(db: Kysely<DB>, bodyIds: string[], since: Date) {
	return db
		.selectFrom('body as b')
		.innerJoinLateral(
			(eb) =>
				eb
					.selectFrom('meeting as mt')
					.select(['mt.id', 'mt.starts_at'])
					.whereRef('mt.body_id', '=', 'b.id')
					.where('mt.case_id', 'is', null)
					.where((e) => e.or([e('mt.status', '=', 'in_progress'), e.and([e('mt.status', '=', 'planned'), e('mt.starts_at', '>=', since)])]))
					.orderBy('mt.starts_at')
					.limit(1)
					.as('nx'),
			(j) => j.onTrue()
		)
		.select(['b.id as body_id', 'nx.id', 'nx.starts_at'])
		.where('b.id', 'in', bodyIds)
		.execute();
}

/**
 * Items the seats' organisations lead on their bodies and owe a report on:
 * due by the seat's date and not done, or marked done and not yet reported.
 */
function owed(db: Kysely<DB>, seats: OwingSeat[]) {
	return db
		.selectFrom('action_item as a')
		.where('a.status', 'in', OPEN_STATUSES)
		.where((eb) =>
			eb.or(
				seats.map((s) =>
					eb.and([
						eb('a.body_id', '=', s.bodyId),
						eb('a.lead_organisation_id', '=', s.organisationId),
						eb.or([
							eb.and([eb('a.status', '!=', 'awaiting_report'), eb('a.due_on', '<=', s.dueBy)]),
							eb.and([
								eb('a.status', '=', 'awaiting_report'),
								eb(
									eb
										.selectFrom('action_update as x')
										.select('x.kind')
										.whereRef('x.action_item_id', '=', 'a.id')
										.where('x.kind', 'in', ['done', 'report_back'])
										.orderBy('x.at', 'desc')
										.limit(1),
									'=',
									'done'
								)
							])
						])
					])
				)
			)
		);
}

export function owedItemCount(db: Kysely<DB>, seats: OwingSeat[]) {
	return owed(db, seats)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
}

/** The first `limit` items owed, the earliest due first, with their body's and lead organisation's names. */
export function owedItems(db: Kysely<DB>, reader: Reader, seats: OwingSeat[], limit: number) {
	return owed(db, seats)
		.innerJoin('body as b', 'b.id', 'a.body_id')
		.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
		.select([
			'a.id',
			...actionHeading(reader, 'a'),
			'a.status',
			'a.due_on',
			'a.case_id',
			'a.body_id',
			'b.name_th as body_th',
			'b.name_en as body_en',
			'o.name_th as lead_th',
			'o.name_en as lead_en'
		])
		.orderBy(sql`a.due_on asc nulls last`)
		.orderBy('a.id')
		.limit(limit)
		.execute();
}

/** Items reported done on these bodies, waiting for the meeting to accept them. */
const waiting = (db: Kysely<DB>, bodyIds: string[]) =>
	db.selectFrom('action_item as a').where('a.body_id', 'in', bodyIds).where('a.status', '=', 'awaiting_report');

export function awaitingAcceptanceCount(db: Kysely<DB>, bodyIds: string[]) {
	return waiting(db, bodyIds)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
}

/** The first `limit` items awaiting acceptance, the longest waiting first, and whether each was reported back. */
export function awaitingAcceptanceItems(db: Kysely<DB>, reader: Reader, bodyIds: string[], limit: number) {
	return waiting(db, bodyIds)
		.innerJoin('body as b', 'b.id', 'a.body_id')
		.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
		.select((eb) => [
			'a.id',
			...actionHeading(reader, 'a'),
			'a.due_on',
			'a.case_id',
			'b.name_th as body_th',
			'b.name_en as body_en',
			'o.name_th as lead_th',
			'o.name_en as lead_en',
			eb.exists(eb.selectFrom('action_update as x').select('x.id').whereRef('x.action_item_id', '=', 'a.id').where('x.kind', '=', 'report_back')).as('reported')
		])
		.orderBy('a.updated_at')
		.orderBy('a.id')
		.limit(limit)
		.execute();
}

/** Open, overdue (on `today`) and awaiting-acceptance counts of each of these bodies that has open items. */
export function openCountsByBody(db: Kysely<DB>, bodyIds: string[], today: string) {
	return db
		.selectFrom('action_item as a')
		.select([
			'a.body_id',
			sql<number>`count(*)`.as('open'),
			sql<number>`count(*) filter (where a.due_on < ${today})`.as('overdue'),
			sql<number>`count(*) filter (where a.status = 'awaiting_report')`.as('awaiting')
		])
		.where('a.body_id', 'in', bodyIds)
		.where('a.status', 'in', OPEN_STATUSES)
		.groupBy('a.body_id')
		.execute();
}

/** The open items of these cases' plans. */
const openOfCases = (db: Kysely<DB>, caseIds: string[]) =>
	db.selectFrom('action_item as a').where('a.case_id', 'in', caseIds).where('a.status', 'in', OPEN_STATUSES);

/** How many open items these cases' plans have, and how many of them are overdue on `today`. */
export function openCaseItemCounts(db: Kysely<DB>, caseIds: string[], today: string) {
	return openOfCases(db, caseIds)
		.select([sql<number>`count(*)`.as('n'), sql<number>`count(*) filter (where a.due_on < ${today})`.as('overdue')])
		.executeTakeFirstOrThrow();
}

/** The first `limit` open items of these cases' plans, the earliest due first, with the case's code and the lead organisation's names. */
export function openCaseItems(db: Kysely<DB>, reader: Reader, caseIds: string[], limit: number) {
	return openOfCases(db, caseIds)
		.innerJoin('case_file as c', 'c.id', 'a.case_id')
		.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
		.select(['a.id', ...actionHeading(reader, 'a'), 'a.status', 'a.due_on', 'a.case_id', 'c.code', 'o.name_th as lead_th', 'o.name_en as lead_en'])
		.orderBy(sql`a.due_on asc nulls last`)
		.orderBy('a.id')
		.limit(limit)
		.execute();
}

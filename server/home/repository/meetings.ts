import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * SQL of the meetings side of the home: what is coming up, the next agenda to
 * prepare, held meetings whose minutes wait for approval. Every list is cut
 * in SQL; the home never loads a body's whole history. No access checks here.
 */

/** A planned meeting still shows this long after its start time, so a late start is not lost from view. */
const LATE_START_MS = 12 * 3600_000;

const none = sql<boolean>`false`;

/** Next meetings of the person's bodies and of their cases' conferences, the running ones first. */
export function upcomingMeetings(db: Kysely<DB>, o: { bodyIds: string[]; caseIds: string[]; now: Date; limit: number }) {
	return db
		.selectFrom('meeting as mt')
		.innerJoin('body as b', 'b.id', 'mt.body_id')
		.leftJoin('case_file as c', 'c.id', 'mt.case_id')
		.select([
			'mt.id',
			'mt.title',
			'mt.kind',
			'mt.status',
			'mt.starts_at',
			'mt.ends_at',
			'mt.place',
			'mt.online_url',
			'mt.case_id',
			'c.code as case_code',
			'b.id as body_id',
			'b.name_th as body_th',
			'b.name_en as body_en'
		])
		.where((eb) =>
			eb.or([
				o.bodyIds.length ? eb.and([eb('mt.body_id', 'in', o.bodyIds), eb('mt.case_id', 'is', null)]) : none,
				o.caseIds.length ? eb('mt.case_id', 'in', o.caseIds) : none
			])
		)
		.where((eb) =>
			eb.or([
				eb('mt.status', '=', 'in_progress'),
				eb.and([eb('mt.status', '=', 'planned'), eb('mt.starts_at', '>=', new Date(o.now.getTime() - LATE_START_MS))])
			])
		)
		.orderBy(sql`case when mt.status = 'in_progress' then 0 else 1 end`)
		.orderBy('mt.starts_at')
		.limit(o.limit)
		.execute();
}

/** The next planned regular meeting of each of these bodies, however far off, with how many agenda items it has so far. */
export function nextAgendas(db: Kysely<DB>, o: { bodyIds: string[]; now: Date; limit: number }) {
	return db
		.selectFrom('body as b')
		.innerJoinLateral(
			(eb) =>
				eb
					.selectFrom('meeting as mt')
					.select(['mt.id', 'mt.title', 'mt.starts_at'])
					.whereRef('mt.body_id', '=', 'b.id')
					.where('mt.case_id', 'is', null)
					.where('mt.status', '=', 'planned')
					.where('mt.starts_at', '>=', new Date(o.now.getTime() - LATE_START_MS))
					.orderBy('mt.starts_at')
					.limit(1)
					.as('mt'),
			(j) => j.onTrue()
		)
		.select((eb) => [
			'mt.id',
			'mt.title',
			'mt.starts_at',
			'b.name_th as body_th',
			'b.name_en as body_en',
			eb
				.selectFrom('agenda_item as ai')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('ai.meeting_id', '=', 'mt.id')
				.as('agenda_items')
		])
		.where('b.id', 'in', o.bodyIds)
		.orderBy('mt.starts_at')
		.limit(o.limit)
		.execute();
}

/** Held regular meetings of these bodies whose minutes are not approved yet (still `ended`). */
const ended = (db: Kysely<DB>, bodyIds: string[]) =>
	db.selectFrom('meeting as mt').where('mt.body_id', 'in', bodyIds).where('mt.case_id', 'is', null).where('mt.status', '=', 'ended');

export function endedMeetingCount(db: Kysely<DB>, bodyIds: string[]) {
	return ended(db, bodyIds)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
}

/** The first `limit` held meetings, the oldest first, and whether their minutes are drafted. */
export function endedMeetings(db: Kysely<DB>, bodyIds: string[], limit: number) {
	return ended(db, bodyIds)
		.innerJoin('body as b', 'b.id', 'mt.body_id')
		.leftJoin('minutes as mi', 'mi.meeting_id', 'mt.id')
		.select(['mt.id', 'mt.title', 'mt.starts_at', 'b.name_th as body_th', 'b.name_en as body_en', sql<boolean>`mi.meeting_id is not null`.as('drafted')])
		.orderBy('mt.starts_at')
		.limit(limit)
		.execute();
}

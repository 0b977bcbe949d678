import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema';
import { actionHeading, decisionText, hiddenCaseCode, meetingTitle, readsCase, type Reader } from '../../access/redact';
import { bangkokMidnight } from '../../../src/lib/calendar';

/** SQL of the decision log: decisions of the bodies given, their organisations and actions, as their reader may read them; no access checks here. */

export const PAGE_SIZE = 50;

/** The log's filters, as parsed. */
export interface DecisionFilter {
	q?: string;
	organisationId?: string;
	bodyId?: string;
	from?: string;
	to?: string;
	page: number;
}

export function search(db: Kysely<DB>, reader: Reader, bodyIds: string[] | null, f: DecisionFilter) {
	return searchQuery(db, reader, bodyIds, f).execute();
}

/** Conditions on the decision's meeting: the readable and chosen bodies and the date range. */
function meetingConditions(bodyIds: string[] | null, f: DecisionFilter) {
	const conditions: RawBuilder<boolean>[] = [];
	if (bodyIds) conditions.push(bodyIds.length ? sql<boolean>`mt.body_id in (${sql.join(bodyIds)})` : sql<boolean>`false`);
	if (f.bodyId) conditions.push(sql<boolean>`mt.body_id = ${f.bodyId}`);
	if (f.from) conditions.push(sql<boolean>`mt.starts_at >= ${bangkokMidnight(f.from)}`);
	if (f.to) conditions.push(sql<boolean>`mt.starts_at < ${bangkokMidnight(f.to, 1)}`);
	return conditions.length ? sql<boolean>`${sql.join(conditions, sql` and `)}` : sql<boolean>`true`;
}

// Substring match: Thai is written without spaces between words.
const like = (q: string) => `%${q.replace(/[\\%_]/g, '\\$&')}%`;

/** Decisions with their meeting and body, their words as the reader may read them. */
function decisionRows(db: Kysely<DB>, reader: Reader) {
	return db
		.selectFrom('decision as d')
		.innerJoin('meeting as mt', 'mt.id', 'd.meeting_id')
		.innerJoin('body as b', 'b.id', 'mt.body_id')
		.select([
			'd.id',
			decisionText(reader, 'd').as('text'),
			hiddenCaseCode(reader, 'd.case_id').as('caseCode'),
			'mt.id as meeting_id',
			meetingTitle(reader, 'mt').as('meeting_title'),
			'mt.starts_at as meeting_starts_at',
			'b.id as body_id',
			'b.name_th as body_th',
			'b.name_en as body_en'
		]);
}

/** A case's decision is found by its words only by its team; for everyone else, only by the filters. */
export function searchQuery(db: Kysely<DB>, reader: Reader, bodyIds: string[] | null, f: DecisionFilter) {
	if (f.organisationId) return organisationSearchQuery(db, reader, bodyIds, f, f.organisationId);
	let q = decisionRows(db, reader).select('d.position').where(meetingConditions(bodyIds, f));
	if (f.q) q = q.where('d.text', 'ilike', like(f.q)).where(readsCase(reader, 'd.case_id'));
	return q
		.orderBy('mt.starts_at', 'desc')
		.orderBy('d.position')
		.orderBy('d.id')
		.limit(PAGE_SIZE + 1)
		.offset((f.page - 1) * PAGE_SIZE);
}

/**
 * With an organisation, its decisions (a few thousand at most) are put in date
 * order from indexes alone, which decision, at which meeting, in which
 * position, and their text is read only as far down that order as the page
 * needs. Bounded by the organisation's own record, however common the words.
 */
function organisationSearchQuery(db: Kysely<DB>, reader: Reader, bodyIds: string[] | null, f: DecisionFilter, org: string) {
	const ordered = db
		.selectFrom((eb) =>
			eb
				// Decisions the organisation is named in, or whose actions it leads.
				.selectFrom('decision_organisation as x')
				.select('x.decision_id')
				.where('x.organisation_id', '=', org)
				.union(() => {
					const led = eb
						.selectFrom('action_item as a')
						.select('a.decision_id')
						.where('a.lead_organisation_id', '=', org)
						.where('a.decision_id', 'is not', null);
					return (bodyIds ? led.where('a.body_id', 'in', bodyIds.length ? bodyIds : ['00000000-0000-0000-0000-000000000000']) : led).$narrowType<{
						decision_id: string;
					}>();
				})
				.as('named')
		)
		.innerJoin('decision as d', 'd.id', 'named.decision_id')
		.innerJoin('meeting as mt', 'mt.id', 'd.meeting_id')
		.select(['d.id', 'd.position', 'mt.id as meeting_id', meetingTitle(reader, 'mt').as('meeting_title'), 'mt.starts_at as meeting_starts_at', 'mt.body_id'])
		.where(meetingConditions(bodyIds, f))
		.orderBy('mt.starts_at', 'desc')
		.orderBy('d.position')
		.orderBy('d.id');
	const pattern = f.q ? like(f.q) : null;
	return db
		.selectFrom(ordered.as('c'))
		.innerJoinLateral(
			(eb) => {
				const text = eb
					.selectFrom('decision as t')
					.select([decisionText(reader, 't').as('text'), hiddenCaseCode(reader, 't.case_id').as('caseCode')])
					.whereRef('t.id', '=', 'c.id');
				return (pattern ? text.where('t.text', 'ilike', pattern).where(readsCase(reader, 't.case_id')) : text).as('found');
			},
			(j) => j.onTrue()
		)
		.innerJoin('body as b', 'b.id', 'c.body_id')
		.select([
			'c.id',
			'found.text',
			'found.caseCode',
			'c.position',
			'c.meeting_id',
			'c.meeting_title',
			'c.meeting_starts_at',
			'b.id as body_id',
			'b.name_th as body_th',
			'b.name_en as body_en'
		])
		.orderBy('c.meeting_starts_at', 'desc')
		.orderBy('c.position')
		.orderBy('c.id')
		.limit(PAGE_SIZE + 1)
		.offset((f.page - 1) * PAGE_SIZE);
}

/** One page of the log, and one row more when another page follows. */
export function searchLog(db: Kysely<DB>, reader: Reader, bodyIds: string[] | null, f: DecisionFilter) {
	return db.transaction().execute(async (tx) => {
		// The log is read from memory, not a spinning disk: at the default cost the
		// planner prefers reading whole tables to following the indexes above.
		await sql`set local random_page_cost = 1.1`.execute(tx);
		return search(tx, reader, bodyIds, f);
	});
}

/** The organisations named in the decisions, by responsibility then Thai name. */
export function organisationsOfDecisions(db: Kysely<DB>, decisionIds: string[]) {
	if (!decisionIds.length) return Promise.resolve([]);
	return db
		.selectFrom('decision_organisation as x')
		.innerJoin('organisation as o', 'o.id', 'x.organisation_id')
		.select(['x.decision_id', 'x.responsibility', 'o.id', 'o.short_name', 'o.name_th', 'o.name_en'])
		.where('x.decision_id', 'in', decisionIds)
		.orderBy('x.responsibility')
		.orderBy('o.name_th')
		.execute();
}

/** How many actions each decision has, and how many of them are closed or dropped. */
export function actionCountsOfDecisions(db: Kysely<DB>, decisionIds: string[]) {
	if (!decisionIds.length) return Promise.resolve([]);
	return db
		.selectFrom('action_item')
		.select(['decision_id', sql<number>`count(*)`.as('total'), sql<number>`count(*) filter (where status in ('closed', 'dropped'))`.as('finished')])
		.where('decision_id', 'in', decisionIds)
		.groupBy('decision_id')
		.execute();
}

/** Bodies and organisations to filter by: those of the bodies given (with null, every body, and the active organisations seated on any). */
export async function filterChoices(db: Kysely<DB>, bodyIds: string[] | null) {
	if (bodyIds && !bodyIds.length) return { bodies: [], organisations: [] };
	let bodies = db.selectFrom('body').select(['id', 'name_th', 'name_en']).orderBy('name_th');
	let orgs = db
		.selectFrom('organisation as o')
		.select(['o.id', 'o.name_th', 'o.name_en', 'o.short_name'])
		.where('o.id', 'in', (eb) => {
			const seated = eb.selectFrom('membership').select('organisation_id');
			return bodyIds ? seated.where('body_id', 'in', bodyIds) : seated;
		})
		.orderBy('o.name_th');
	if (bodyIds) bodies = bodies.where('id', 'in', bodyIds);
	if (!bodyIds) orgs = orgs.where('o.active', '=', true);
	return { bodies: await bodies.execute(), organisations: await orgs.execute() };
}

/** A decision with its meeting and body. */
export function decisionOf(db: Kysely<DB>, reader: Reader, decisionId: string) {
	return decisionRows(db, reader).select(['d.created_at', 'd.case_id']).where('d.id', '=', decisionId).executeTakeFirst();
}

/** A decision's actions in the order they were made, with who leads them and the meetings that closed them. */
export function actionsOfDecision(db: Kysely<DB>, reader: Reader, decisionId: string) {
	return db
		.selectFrom('action_item as a')
		.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
		.leftJoin('app_user as u', 'u.id', 'a.assignee_id')
		.leftJoin('meeting as cm', 'cm.id', 'a.closed_meeting_id')
		.select([
			'a.id',
			...actionHeading(reader, 'a'),
			'a.status',
			'a.due_on',
			'a.closed_meeting_id',
			'o.short_name as lead',
			'o.name_th as lead_th',
			'o.name_en as lead_en',
			'u.display_name as assignee',
			meetingTitle<string | null>(reader, 'cm').as('closed_meeting_title'),
			'cm.starts_at as closed_meeting_starts_at'
		])
		.where('a.decision_id', '=', decisionId)
		.orderBy('a.created_at')
		.execute();
}

import { sql, type Kysely, type RawBuilder } from 'kysely';
import * as v from 'valibot';
import { AccessDenied, requireAccess, type Actor } from '../access';
import type { DB } from '../db/schema';
import { readableBodyIds } from '../access/roles';
import * as field from '../validate';
import { meetingTitle, redactActions, redactDecisions, redactHistory } from '../access/redact';
import { teamCaseIds } from '../membership/case-team';
import * as repo from './repository';
import { bangkokMidnight } from '../../src/lib/calendar';

/** The decision log: every decision of the bodies the actor may read. */

export const PAGE_SIZE = 50;

const DecisionSearch = v.object({
	q: field.lenient(
		v.pipe(
			field.text({ max: 200 }),
			v.transform((q) => q || undefined)
		)
	),
	organisationId: field.lenient(field.uuid),
	bodyId: field.lenient(field.uuid),
	from: field.lenient(field.date),
	to: field.lenient(field.date),
	page: v.optional(v.fallback(v.pipe(v.unknown(), v.transform(Number), v.integer(), v.minValue(1), v.maxValue(1000)), 1), 1)
});
export type DecisionSearch = v.InferInput<typeof DecisionSearch>;

/** The filters that parsed; anything malformed is simply not applied. */
export const parseSearch = (input: DecisionSearch) => field.parse(DecisionSearch, input).values;

/** Start of a Bangkok day, as an instant. */

type Filter = ReturnType<typeof parseSearch> & {
	/** Cases whose decisions the words may match; other cases' decisions are found only by their filters, never by their text. */
	cases?: string[];
};

/** A decision of a case the reader is not on never matches by its words. */
function textMayMatch(column: string, cases: string[] | undefined) {
	if (!cases) return sql<boolean>`true`;
	return cases.length ? sql<boolean>`(${sql.ref(column)} is null or ${sql.ref(column)} in (${sql.join(cases)}))` : sql<boolean>`${sql.ref(column)} is null`;
}

export function search(db: Kysely<DB>, bodyIds: string[] | null, f: Filter) {
	return searchQuery(db, bodyIds, f).execute();
}

/** Conditions on the decision's meeting: the readable and chosen bodies and the date range. */
function meetingConditions(bodyIds: string[] | null, f: Filter) {
	const conditions: RawBuilder<boolean>[] = [];
	if (bodyIds) conditions.push(bodyIds.length ? sql<boolean>`mt.body_id in (${sql.join(bodyIds)})` : sql<boolean>`false`);
	if (f.bodyId) conditions.push(sql<boolean>`mt.body_id = ${f.bodyId}`);
	if (f.from) conditions.push(sql<boolean>`mt.starts_at >= ${bangkokMidnight(f.from)}`);
	if (f.to) conditions.push(sql<boolean>`mt.starts_at < ${bangkokMidnight(f.to, 1)}`);
	return conditions.length ? sql<boolean>`${sql.join(conditions, sql` and `)}` : sql<boolean>`true`;
}

// Substring match: Thai is written without spaces between words.
const like = (q: string) => `%${q.replace(/[\\%_]/g, '\\$&')}%`;

export function searchQuery(db: Kysely<DB>, bodyIds: string[] | null, f: Filter) {
	if (f.organisationId) return organisationSearchQuery(db, bodyIds, f, f.organisationId);
	let q = db
		.selectFrom('decision as d')
		.innerJoin('meeting as mt', 'mt.id', 'd.meeting_id')
		.innerJoin('body as b', 'b.id', 'mt.body_id')
		.select([
			'd.id',
			'd.text',
			'd.position',
			'mt.id as meeting_id',
			'mt.title as meeting_title',
			'mt.starts_at as meeting_starts_at',
			'b.id as body_id',
			'b.name_th as body_th',
			'b.name_en as body_en'
		])
		.where(meetingConditions(bodyIds, f));
	if (f.q) q = q.where('d.text', 'ilike', like(f.q)).where(textMayMatch('d.case_id', f.cases));
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
function organisationSearchQuery(db: Kysely<DB>, bodyIds: string[] | null, f: Filter, org: string) {
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
		.select(['d.id', 'd.position', 'mt.id as meeting_id', 'mt.title as meeting_title', 'mt.starts_at as meeting_starts_at', 'mt.body_id'])
		.where(meetingConditions(bodyIds, f))
		.orderBy('mt.starts_at', 'desc')
		.orderBy('d.position')
		.orderBy('d.id');
	const pattern = f.q ? like(f.q) : null;
	return db
		.selectFrom(ordered.as('c'))
		.innerJoinLateral(
			(eb) => {
				const text = eb.selectFrom('decision as t').select('t.text').whereRef('t.id', '=', 'c.id');
				return (pattern ? text.where('t.text', 'ilike', pattern).where(textMayMatch('t.case_id', f.cases)) : text).as('t');
			},
			(j) => j.onTrue()
		)
		.innerJoin('body as b', 'b.id', 'c.body_id')
		.select([
			'c.id',
			't.text',
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

function organisationsOf(db: Kysely<DB>, decisionIds: string[]) {
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

function actionCounts(db: Kysely<DB>, decisionIds: string[]) {
	if (!decisionIds.length) return Promise.resolve([]);
	return db
		.selectFrom('action_item')
		.select(['decision_id', sql<number>`count(*)`.as('total'), sql<number>`count(*) filter (where status in ('closed', 'dropped'))`.as('finished')])
		.where('decision_id', 'in', decisionIds)
		.groupBy('decision_id')
		.execute();
}

/** Bodies and organisations to filter by: those of the bodies the actor may read. */
async function choices(db: Kysely<DB>, bodyIds: string[] | null) {
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

export async function searchDecisions(db: Kysely<DB>, actor: Actor | null, input: DecisionSearch, now = new Date()) {
	if (!actor) throw new AccessDenied(403, 'decisions.search');
	const filter: Filter = parseSearch(input);
	if (filter.q) filter.cases = [...(await teamCaseIds(db, actor.userId, now))];
	const readable = actor.isAdmin ? null : [...(await readableBodyIds(db, actor.userId, now))];
	if (filter.bodyId) await requireAccess(db, actor, 'body.read', { kind: 'body', id: filter.bodyId }, { hide: true, now });
	const [rows, options] = await Promise.all([
		db.transaction().execute(async (tx) => {
			// The log is read from memory, not a spinning disk: at the default cost the
			// planner prefers reading whole tables to following the indexes above.
			await sql`set local random_page_cost = 1.1`.execute(tx);
			return search(tx, readable, filter);
		}),
		choices(db, readable)
	]);
	const page = (await redactDecisions(db, actor.userId, rows.slice(0, PAGE_SIZE))).map((d) => ({
		...d,
		meeting_title: meetingTitle(d.meeting_title, d.caseCode)
	}));
	const ids = page.map((r) => r.id);
	const [orgs, counts] = await Promise.all([organisationsOf(db, ids), actionCounts(db, ids)]);
	return {
		filter: parseSearch(input),
		decisions: page.map((d) => {
			const c = counts.find((x) => x.decision_id === d.id);
			return { ...d, organisations: orgs.filter((o) => o.decision_id === d.id), actions: Number(c?.total ?? 0), finished: Number(c?.finished ?? 0) };
		}),
		more: rows.length > PAGE_SIZE,
		...options
	};
}

/** One decision with its organisations, its actions, their histories and the meetings that closed them. */
export async function decisionPage(db: Kysely<DB>, actor: Actor | null, decisionId: string) {
	const found = await db
		.selectFrom('decision as d')
		.innerJoin('meeting as mt', 'mt.id', 'd.meeting_id')
		.innerJoin('body as b', 'b.id', 'mt.body_id')
		.select([
			'd.id',
			'd.text',
			'd.created_at',
			'd.case_id',
			'mt.id as meeting_id',
			'mt.title as meeting_title',
			'mt.starts_at as meeting_starts_at',
			'b.id as body_id',
			'b.name_th as body_th',
			'b.name_en as body_en'
		])
		.where('d.id', '=', decisionId)
		.executeTakeFirst();
	// An unknown decision and one the actor may not read look the same.
	await requireAccess(db, actor, 'body.read', { kind: 'body', id: found?.body_id ?? '00000000-0000-0000-0000-000000000000' }, { hide: true });
	if (!found) return null;
	const decision = (await redactDecisions(db, actor!.userId, [found])).map((d) => ({ ...d, meeting_title: meetingTitle(d.meeting_title, d.caseCode) }))[0]!;
	const rows = await db
		.selectFrom('action_item as a')
		.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
		.leftJoin('app_user as u', 'u.id', 'a.assignee_id')
		.leftJoin('meeting as cm', 'cm.id', 'a.closed_meeting_id')
		.select([
			'a.id',
			'a.title',
			'a.status',
			'a.due_on',
			'a.closed_meeting_id',
			'o.short_name as lead',
			'o.name_th as lead_th',
			'o.name_en as lead_en',
			'u.display_name as assignee',
			'cm.title as closed_meeting_title',
			'cm.starts_at as closed_meeting_starts_at'
		])
		.where('a.decision_id', '=', decisionId)
		.orderBy('a.created_at')
		.execute();
	const actions = await redactActions(db, actor!.userId, rows);
	const hidden = new Set(actions.filter((a) => a.caseCode).map((a) => a.id));
	const [organisations, history] = await Promise.all([
		organisationsOf(db, [decisionId]),
		repo
			.historyOf(
				db,
				actions.map((a) => a.id)
			)
			.then((h) => redactHistory(h, hidden))
	]);
	return { decision, organisations, actions: actions.map((a) => ({ ...a, history: history.filter((h) => h.action_item_id === a.id) })) };
}

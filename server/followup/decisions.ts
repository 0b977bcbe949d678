import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { AccessDenied, requireAccess, type Actor } from '../access';
import type { DB } from '../db/schema';
import { readableBodyIds } from '../access/roles';
import * as field from '../validate';
import { historyOf } from './repository/items';
import * as repo from './repository/decisions';

/** The decision log: every decision of the bodies the actor may read. */

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

export async function searchDecisions(db: Kysely<DB>, actor: Actor | null, input: DecisionSearch, now = new Date()) {
	if (!actor) throw new AccessDenied(403, 'decisions.search');
	const filter: repo.DecisionFilter = parseSearch(input);
	const readable = actor.isAdmin ? null : [...(await readableBodyIds(db, actor.userId, now))];
	if (filter.bodyId) await requireAccess(db, actor, 'body.read', { kind: 'body', id: filter.bodyId }, { hide: true, now });
	const [rows, options] = await Promise.all([repo.searchLog(db, actor.userId, readable, filter), repo.filterChoices(db, readable)]);
	const page = rows.slice(0, repo.PAGE_SIZE);
	const ids = page.map((r) => r.id);
	const [orgs, counts] = await Promise.all([repo.organisationsOfDecisions(db, ids), repo.actionCountsOfDecisions(db, ids)]);
	return {
		filter: parseSearch(input),
		decisions: page.map((d) => {
			const c = counts.find((x) => x.decision_id === d.id);
			return { ...d, organisations: orgs.filter((o) => o.decision_id === d.id), actions: Number(c?.total ?? 0), finished: Number(c?.finished ?? 0) };
		}),
		more: rows.length > repo.PAGE_SIZE,
		...options
	};
}

/** One decision with its organisations, its actions, their histories and the meetings that closed them. */
export async function decisionPage(db: Kysely<DB>, actor: Actor | null, decisionId: string) {
	const reader = actor?.userId ?? null;
	const decision = await repo.decisionOf(db, reader, decisionId);
	// An unknown decision and one the actor may not read look the same.
	await requireAccess(db, actor, 'body.read', { kind: 'body', id: decision?.body_id ?? '00000000-0000-0000-0000-000000000000' }, { hide: true });
	if (!decision) return null;
	const actions = await repo.actionsOfDecision(db, reader, decisionId);
	const [organisations, history] = await Promise.all([
		repo.organisationsOfDecisions(db, [decisionId]),
		historyOf(
			db,
			reader,
			actions.map((a) => a.id)
		)
	]);
	return { decision, organisations, actions: actions.map((a) => ({ ...a, history: history.filter((h) => h.action_item_id === a.id) })) };
}

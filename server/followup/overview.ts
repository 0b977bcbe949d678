import type { Kysely } from 'kysely';
import { can, requireAccess, type Actor } from '../access';
import { rolesOnBody } from '../access/roles';
import type { DB } from '../db/schema';
import { getBody, nextMeeting } from '../network/repository/bodies';
import { withFlags, type OutstandingItem } from './outstanding';
import type { OrganisationCounts } from './outstanding-lists';
import { childBodyCounts, completionByOrganisation, openItemsOfBody } from './repository/outstanding';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * "Outstanding follow-ups" of a body for its chair, vice-chair and secretary;
 * read-only for those who oversee it from a body above.
 */

export interface Period {
	from: string;
	to: string;
}

interface OrgRow extends OrganisationCounts {
	due: number;
	closed: number;
	rate: number | null;
}

/**
 * The view around the lists: the body, its next meeting, completion in the
 * period, the bodies below, and whether the reader only oversees. The caller
 * has checked access; `next` is the next meeting when the caller already asked
 * for it, so the lists that depend on its date need not wait for the rest.
 */
export async function overviewContext(
	db: Kysely<DB>,
	actor: Actor,
	bodyId: string,
	period: Period,
	now = new Date(),
	next: Promise<Awaited<ReturnType<typeof nextMeeting>>> = nextMeeting(db, bodyId, now)
) {
	const today = bangkokToday(now);
	const [body, nextOne, rates, children, roles] = await Promise.all([
		getBody(db, bodyId),
		next,
		completionByOrganisation(db, bodyId, period),
		childBodyCounts(db, bodyId, today),
		rolesOnBody(db, actor.userId, bodyId, now)
	]);
	if (!body) return null;
	const allowed = await Promise.all(children.map((c) => can(db, actor, 'body.followup', { kind: 'body', id: c.id }, now)));
	const visibleChildren = children.filter((_, i) => allowed[i]).map((c) => ({ ...c, open: Number(c.open), overdue: Number(c.overdue) }));
	return {
		body,
		nextMeeting: nextOne ?? null,
		period,
		readOnly: !actor.isAdmin && !(['chair', 'vice_chair', 'secretary'] as const).some((r) => roles.has(r)),
		rates,
		children: visibleChildren
	};
}

/** Organisation rows: the open counts given, with each one's completion in the period, in Thai order (two of one name by id). */
export function withCompletion(counted: Omit<OrgRow, 'due' | 'closed' | 'rate'>[], rates: Awaited<ReturnType<typeof completionByOrganisation>>): OrgRow[] {
	const orgs = new Map<string, OrgRow>(counted.map((c) => [c.organisationId, { ...c, due: 0, closed: 0, rate: null }]));
	for (const r of rates) {
		const row = orgs.get(r.lead_organisation_id) ?? {
			organisationId: r.lead_organisation_id,
			name_th: r.name_th,
			name_en: r.name_en,
			short_name: r.short_name,
			open: 0,
			overdue: 0,
			dueBeforeNext: 0,
			flagged: 0,
			due: 0,
			closed: 0,
			rate: null
		};
		row.due = Number(r.due);
		row.closed = Number(r.closed);
		row.rate = row.due ? row.closed / row.due : null;
		orgs.set(r.lead_organisation_id, row);
	}
	const byId = (a: OrgRow, b: OrgRow) => (a.organisationId < b.organisationId ? -1 : a.organisationId > b.organisationId ? 1 : 0);
	return [...orgs.values()].sort((a, b) => a.name_th.localeCompare(b.name_th, 'th') || byId(a, b));
}

export async function followupOverview(db: Kysely<DB>, actor: Actor | null, bodyId: string, period: Period, now = new Date()) {
	await requireAccess(db, actor, 'body.followup', { kind: 'body', id: bodyId });
	const context = await overviewContext(db, actor!, bodyId, period, now);
	if (!context) return null;
	const { rates, ...view } = context;
	const today = bangkokToday(now);
	const items = withFlags(await openItemsOfBody(db, actor!.userId, bodyId));
	const next = context.nextMeeting;
	const nextDate = next ? bangkokToday(next.starts_at) : null;
	const overdue = (i: OutstandingItem) => !!i.due_on && i.due_on < today;
	const dueBeforeNext = (i: OutstandingItem) => !!i.due_on && !!nextDate && i.due_on >= today && i.due_on <= nextDate;

	const counted = new Map<string, Omit<OrgRow, 'due' | 'closed' | 'rate'>>();
	for (const i of items) {
		let row = counted.get(i.lead_organisation_id);
		if (!row)
			counted.set(
				i.lead_organisation_id,
				(row = {
					organisationId: i.lead_organisation_id,
					name_th: i.lead_th,
					name_en: i.lead_en,
					short_name: i.lead_short,
					open: 0,
					overdue: 0,
					dueBeforeNext: 0,
					flagged: 0
				})
			);
		row.open++;
		if (overdue(i)) row.overdue++;
		if (dueBeforeNext(i)) row.dueBeforeNext++;
		if (i.flagged) row.flagged++;
	}
	return {
		...view,
		counts: {
			open: items.length,
			overdue: items.filter(overdue).length,
			dueBeforeNext: items.filter(dueBeforeNext).length,
			flagged: items.filter((i) => i.flagged).length
		},
		organisations: withCompletion([...counted.values()], rates),
		overdue: items.filter(overdue),
		dueBeforeNext: items.filter(dueBeforeNext),
		flagged: items.filter((i) => i.flagged),
		items
	};
}

import { sql, type Kysely } from 'kysely';
import { can, requireAccess, type Actor } from '../access';
import { rolesOnBody } from '../access/roles';
import type { DB } from '../db/schema';
import { OPEN_STATUSES } from '../db/schema-followup';
import { getBody, nextMeeting } from '../network/repository';
import { redactActions } from '../access/redact';
import { openItemsOfBody, withFlags, type OutstandingItem } from './outstanding';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * "Outstanding follow-ups" of a body for its chair, vice-chair and secretary;
 * read-only for those who oversee it from a body above.
 */

export interface Period {
	from: string;
	to: string;
}

/** Per lead organisation: items due in the period that were not dropped, and how many of them closed. */
function completion(db: Kysely<DB>, bodyId: string, period: Period) {
	return db
		.selectFrom('action_item as a')
		.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
		.select([
			'a.lead_organisation_id',
			'o.name_th',
			'o.name_en',
			'o.short_name',
			sql<number>`count(*) filter (where a.status <> 'dropped')`.as('due'),
			sql<number>`count(*) filter (where a.status = 'closed')`.as('closed')
		])
		.where('a.body_id', '=', bodyId)
		.where('a.due_on', '>=', period.from)
		.where('a.due_on', '<=', period.to)
		.groupBy(['a.lead_organisation_id', 'o.name_th', 'o.name_en', 'o.short_name'])
		.execute();
}

/** Open and overdue counts of the bodies directly below. */
function childCounts(db: Kysely<DB>, bodyId: string, today: string) {
	return db
		.selectFrom('body as b')
		.leftJoin('action_item as a', (j) => j.onRef('a.body_id', '=', 'b.id').on('a.status', 'in', OPEN_STATUSES))
		.select(['b.id', 'b.name_th', 'b.name_en', sql<number>`count(a.id)`.as('open'), sql<number>`count(a.id) filter (where a.due_on < ${today})`.as('overdue')])
		.where('b.parent_id', '=', bodyId)
		.groupBy(['b.id', 'b.name_th', 'b.name_en'])
		.orderBy('b.name_th')
		.execute();
}

interface OrgRow {
	organisationId: string;
	name_th: string;
	name_en: string;
	short_name: string;
	open: number;
	overdue: number;
	dueBeforeNext: number;
	flagged: number;
	due: number;
	closed: number;
	rate: number | null;
}

export async function followupOverview(db: Kysely<DB>, actor: Actor | null, bodyId: string, period: Period, now = new Date()) {
	await requireAccess(db, actor, 'body.followup', { kind: 'body', id: bodyId });
	const body = await getBody(db, bodyId);
	if (!body) return null;
	const today = bangkokToday(now);
	const [rows, next, rates, children, roles] = await Promise.all([
		openItemsOfBody(db, bodyId),
		nextMeeting(db, bodyId, now),
		completion(db, bodyId, period),
		childCounts(db, bodyId, today),
		rolesOnBody(db, actor!.userId, bodyId, now)
	]);
	const items = await redactActions(db, actor!.userId, withFlags(rows));
	const nextDate = next ? bangkokToday(next.starts_at) : null;
	const overdue = (i: OutstandingItem) => !!i.due_on && i.due_on < today;
	const dueBeforeNext = (i: OutstandingItem) => !!i.due_on && !!nextDate && i.due_on >= today && i.due_on <= nextDate;

	const orgs = new Map<string, OrgRow>();
	const org = (id: string, names: { name_th: string; name_en: string; short_name: string }) => {
		let row = orgs.get(id);
		if (!row) orgs.set(id, (row = { organisationId: id, ...names, open: 0, overdue: 0, dueBeforeNext: 0, flagged: 0, due: 0, closed: 0, rate: null }));
		return row;
	};
	for (const i of items) {
		const row = org(i.lead_organisation_id, { name_th: i.lead_th, name_en: i.lead_en, short_name: i.lead_short });
		row.open++;
		if (overdue(i)) row.overdue++;
		if (dueBeforeNext(i)) row.dueBeforeNext++;
		if (i.flagged) row.flagged++;
	}
	for (const r of rates) {
		const row = org(r.lead_organisation_id, r);
		row.due = Number(r.due);
		row.closed = Number(r.closed);
		row.rate = row.due ? row.closed / row.due : null;
	}
	const visibleChildren = [];
	for (const c of children) {
		if (await can(db, actor, 'body.followup', { kind: 'body', id: c.id }, now))
			visibleChildren.push({ ...c, open: Number(c.open), overdue: Number(c.overdue) });
	}
	return {
		body,
		nextMeeting: next ?? null,
		period,
		readOnly: !actor!.isAdmin && !(['chair', 'vice_chair', 'secretary'] as const).some((r) => roles.has(r)),
		counts: {
			open: items.length,
			overdue: items.filter(overdue).length,
			dueBeforeNext: items.filter(dueBeforeNext).length,
			flagged: items.filter((i) => i.flagged).length
		},
		organisations: [...orgs.values()].sort((a, b) => a.name_th.localeCompare(b.name_th, 'th')),
		overdue: items.filter(overdue),
		dueBeforeNext: items.filter(dueBeforeNext),
		flagged: items.filter((i) => i.flagged),
		items,
		children: visibleChildren
	};
}

import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { OutcomeFigures } from '../../db/schema-cases';
import type { Period } from '../period';

const columns = ['r.id', 'r.body_id', 'r.parent_body_id', 'r.period_start', 'r.period_end', 'r.status', 'r.created_at', 'r.submitted_at'] as const;

export function get(db: Kysely<DB>, id: string) {
	return db
		.selectFrom('outcome_report as r')
		.select([...columns, 'r.figures'])
		.where('r.id', '=', id)
		.executeTakeFirst();
}

export function getBody(db: Kysely<DB>, id: string) {
	return db.selectFrom('body').select(['id', 'name_th', 'name_en', 'parent_id', 'level', 'report_quarters']).where('id', '=', id).executeTakeFirst();
}

/**
 * Writes a body's draft for a period, or refreshes the draft already there.
 * Returns nothing when the period's report has been submitted: it is frozen.
 */
export async function saveDraft(
	db: Kysely<DB>,
	r: { bodyId: string; parentBodyId: string; period: Period; figures: OutcomeFigures; createdBy: string; at: Date }
): Promise<{ id: string; created: boolean } | undefined> {
	const row = await db
		.insertInto('outcome_report')
		.values({
			body_id: r.bodyId,
			parent_body_id: r.parentBodyId,
			period_start: r.period.start,
			period_end: r.period.end,
			figures: JSON.stringify(r.figures),
			created_by: r.createdBy,
			created_at: r.at
		})
		.onConflict((oc) =>
			oc
				.columns(['body_id', 'period_start', 'period_end'])
				.doUpdateSet((eb) => ({ figures: eb.ref('excluded.figures'), parent_body_id: eb.ref('excluded.parent_body_id') }))
				.where('outcome_report.status', '=', 'draft')
		)
		// A row written by this insert rather than the update has no deleting transaction.
		.returning(['id', sql<boolean>`(xmax = 0)`.as('created')])
		.executeTakeFirst();
	return row && { id: row.id, created: row.created };
}

/** Freezes a draft with its final figures; nothing when it was no longer a draft. */
export function submit(db: Kysely<DB>, id: string, figures: OutcomeFigures, userId: string, at: Date) {
	return db
		.updateTable('outcome_report')
		.set({ status: 'submitted', figures: JSON.stringify(figures), submitted_by: userId, submitted_at: at })
		.where('id', '=', id)
		.where('status', '=', 'draft')
		.returning('id')
		.executeTakeFirst();
}

export function ofBody(db: Kysely<DB>, bodyId: string, withDrafts: boolean) {
	let q = db.selectFrom('outcome_report as r').select(columns).where('r.body_id', '=', bodyId);
	if (!withDrafts) q = q.where('r.status', '=', 'submitted');
	return q.orderBy('r.period_start', 'desc').orderBy('r.period_end', 'desc').execute();
}

/** Submitted reports addressed to a body, newest period first; with figures only for a roll-up. */
export function submittedTo(db: Kysely<DB>, parentBodyId: string, period?: Period) {
	let q = db
		.selectFrom('outcome_report as r')
		.innerJoin('body as b', 'b.id', 'r.body_id')
		.innerJoin('area as a', 'a.id', 'b.area_id')
		.select([...columns, 'r.figures', 'b.name_th', 'b.name_en', 'b.report_quarters', 'a.name_th as area_th', 'a.name_en as area_en'])
		.where('r.parent_body_id', '=', parentBodyId)
		.where('r.status', '=', 'submitted');
	if (period) q = q.where('r.period_start', '=', period.start).where('r.period_end', '=', period.end);
	return q.orderBy('r.period_start', 'desc').orderBy('b.name_th').execute();
}

/** District-level bodies directly under a body: the ones expected to report to it. */
export function reportingChildren(db: Kysely<DB>, parentBodyId: string) {
	return db
		.selectFrom('body')
		.select(['id', 'name_th', 'name_en'])
		.where('parent_id', '=', parentBodyId)
		.where('level', '=', 'district')
		.orderBy('name_th')
		.execute();
}

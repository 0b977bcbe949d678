import type { Kysely } from 'kysely';
import { can, refuse, requireAccess, type Actor } from '../access';
import type { DB } from '../db/schema';
import { lastFullQuarter, quarterOf, quarterPeriod, recentQuarters } from './period';
import * as repo from './repository/reports';
import { rollUp } from './rollup';
import { reportsOfBody, submittedToBody } from './service';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * Everything the reports page of a body shows: its own reports and the form
 * to prepare one, and for a body others report to, what they submitted and
 * the roll-up of one quarter.
 */
export async function bodyReports(
	db: Kysely<DB>,
	actor: Actor | null,
	bodyId: string,
	quarter: string | null,
	clientAddress: string | null = null,
	now = new Date()
) {
	const body = await repo.getBody(db, bodyId);
	if (!body) return refuse(db, actor, 'outcome.read', { type: 'body', id: bodyId }, 404, clientAddress);
	await requireAccess(db, actor, 'outcome.read', { kind: 'body', id: bodyId }, { clientAddress });
	const today = bangkokToday(now);
	const resource = { kind: 'body' as const, id: bodyId };
	const [own, parent, children, received, mayPrepare, mayRollUp] = await Promise.all([
		reportsOfBody(db, actor, bodyId, clientAddress),
		body.parent_id ? repo.getBody(db, body.parent_id) : undefined,
		repo.reportingChildren(db, bodyId),
		submittedToBody(db, actor, bodyId, clientAddress),
		can(db, actor, 'outcome.prepare', resource),
		can(db, actor, 'outcome.rollup', resource)
	]);
	const scheme = body.report_quarters;
	const quarters = recentQuarters(today, 8, scheme);
	const receives = children.length > 0 || received.length > 0;
	const chosen = quarter || lastFullQuarter(today, scheme);
	const summary = mayRollUp && receives ? await rollUp(db, actor, bodyId, { quarter: chosen }, clientAddress, now) : null;
	return {
		body: { id: body.id, name_th: body.name_th, name_en: body.name_en },
		parent: parent ? { id: parent.id, name_th: parent.name_th, name_en: parent.name_en } : null,
		own,
		canPrepare: mayPrepare && !!parent,
		quarters,
		scheme,
		custom: { start: quarterPeriod(quarterOf(today, scheme))!.start, end: today },
		receives,
		received,
		rollUpQuarter: chosen,
		rollUp: summary?.ok ? summary.rollUp : null,
		rollUpError: summary && !summary.ok ? summary.errors.quarter : null
	};
}

import type { Kysely } from 'kysely';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import type { OutcomeFigures } from '../db/schema-cases';
import { parsePeriod, periodQuarter, type Period, type PeriodInput } from './period';
import * as repo from './repository/reports';
import { rollUpTotals, type Headline } from './tables';
import { bangkokToday } from '../../src/lib/calendar';

export interface RollUp {
	period: Period;
	quarter: string | null;
	/** One row per body that submitted a report for exactly this period, as its report shows it. */
	districts: { reportId: string; bodyId: string; name_th: string; name_en: string; area_th: string; area_en: string; headline: Headline }[];
	/** Across those reports: counted from the raw figures, then suppressed with them in view. */
	total: Headline;
	/** District bodies under this one without a submitted report for the period. */
	awaiting: { id: string; name_th: string; name_en: string }[];
}

export type RollUpResult = { ok: true; rollUp: RollUp } | { ok: false; errors: Record<string, string> };

/** The headline figures of every report submitted to a body for one period, and their totals. */
export async function rollUp(
	db: Kysely<DB>,
	actor: Actor | null,
	parentBodyId: string,
	input: PeriodInput,
	clientAddress: string | null = null,
	now = new Date()
): Promise<RollUpResult> {
	await requireAccess(db, actor, 'outcome.rollup', { kind: 'body', id: parentBodyId }, { clientAddress });
	const parsed = parsePeriod(input, bangkokToday(now));
	if (!parsed.ok) return parsed;
	const period = parsed.period;
	const [reports, children, parent] = await Promise.all([
		repo.submittedTo(db, parentBodyId, period),
		repo.reportingChildren(db, parentBodyId),
		repo.getBody(db, parentBodyId)
	]);
	const { districts, total } = rollUpTotals(reports.map((r) => r.figures as OutcomeFigures));
	const reported = new Set(reports.map((r) => r.body_id));
	await audit(db, {
		actorId: actor!.userId,
		action: 'outcome.rollup',
		outcome: 'success',
		targetType: 'body',
		targetId: parentBodyId,
		clientAddress,
		detail: { periodStart: period.start, periodEnd: period.end, reports: reports.length }
	});
	return {
		ok: true,
		rollUp: {
			period,
			quarter: periodQuarter(period, parent?.report_quarters ?? 'fiscal'),
			districts: reports.map((r, i) => ({
				reportId: r.id,
				bodyId: r.body_id,
				name_th: r.name_th,
				name_en: r.name_en,
				area_th: r.area_th,
				area_en: r.area_en,
				headline: districts[i]!
			})),
			total,
			awaiting: children.filter((c) => !reported.has(c.id))
		}
	};
}

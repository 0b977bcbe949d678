import type { Kysely } from 'kysely';
import { can, refuse, requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import type { OutcomeFigures } from '../db/schema-cases';
import * as field from '../validate';
import { computeFigures } from './repository/figures';
import { parsePeriod, periodQuarter, type PeriodInput, type QuarterScheme } from './period';
import * as repo from './repository/reports';
import { reportTables, type Headline, type ReportTables } from './tables';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * Outcome reports: a body's secretary (or chair) prepares a periodic report
 * for its parent body, and submits it. Raw counts are stored and stay on the
 * server; every reader gets the view built through suppression, drafts only
 * the body's own chair and secretary, submitted reports also the parent body.
 */

type Errors = Record<string, string>;
export type PrepareResult = { ok: true; id: string; created: boolean } | { ok: false; errors: Errors };
export type SubmitResult = { ok: true } | { ok: false; errors: Errors };

export interface ReportSummary {
	id: string;
	periodStart: string;
	periodEnd: string;
	quarter: string | null;
	status: 'draft' | 'submitted';
	submittedAt: Date | null;
}

export interface ReportView extends ReportSummary {
	body: { id: string; name_th: string; name_en: string };
	parent: { id: string; name_th: string; name_en: string };
	preparedAt: Date;
	tables: ReportTables;
	headline: Headline;
	canSubmit: boolean;
}

/** A report's quarter is named in the scheme of the body that reports. */
const summary = (
	r: { id: string; period_start: string; period_end: string; status: 'draft' | 'submitted'; submitted_at: Date | null },
	scheme: QuarterScheme
): ReportSummary => ({
	id: r.id,
	periodStart: r.period_start,
	periodEnd: r.period_end,
	quarter: periodQuarter({ start: r.period_start, end: r.period_end }, scheme),
	status: r.status,
	submittedAt: r.submitted_at
});

/** Prepares (or refreshes) the draft report of a body for a period. */
export async function prepareReport(
	db: Kysely<DB>,
	actor: Actor | null,
	bodyId: string,
	input: PeriodInput,
	clientAddress: string | null = null,
	now = new Date()
): Promise<PrepareResult> {
	const id = field.check(field.uuid, bodyId);
	if (!id.ok) return { ok: false, errors: { bodyId: 'invalid' } };
	await requireAccess(db, actor, 'outcome.prepare', { kind: 'body', id: id.value }, { clientAddress });
	const body = await repo.getBody(db, id.value);
	if (!body?.parent_id) return { ok: false, errors: { form: 'no_parent' } };
	const parsed = parsePeriod(input, bangkokToday(now));
	if (!parsed.ok) return parsed;
	const period = parsed.period;

	return db.transaction().execute(async (tx) => {
		const figures = await computeFigures(tx, body.id, period.start, period.end);
		const saved = await repo.saveDraft(tx, { bodyId: body.id, parentBodyId: body.parent_id!, period, figures, createdBy: actor!.userId, at: now });
		if (!saved) return { ok: false as const, errors: { form: 'already_submitted' } };
		await audit(tx, {
			actorId: actor!.userId,
			action: 'outcome.prepare',
			outcome: 'success',
			targetType: 'outcome_report',
			targetId: saved.id,
			clientAddress,
			at: now,
			detail: { periodStart: period.start, periodEnd: period.end, refreshed: !saved.created }
		});
		return { ok: true as const, id: saved.id, created: saved.created };
	});
}

/** Counts a draft again for its own period. */
export async function refreshReport(
	db: Kysely<DB>,
	actor: Actor | null,
	reportId: string,
	clientAddress: string | null = null,
	now = new Date()
): Promise<PrepareResult> {
	const report = await loadReport(db, actor, reportId, 'outcome.prepare', clientAddress);
	await requireAccess(db, actor, 'outcome.prepare', { kind: 'body', id: report.body_id }, { clientAddress, hide: true });
	if (report.status !== 'draft') return { ok: false, errors: { form: 'already_submitted' } };
	return prepareReport(db, actor, report.body_id, { periodStart: report.period_start, periodEnd: report.period_end }, clientAddress, now);
}

async function loadReport(db: Kysely<DB>, actor: Actor | null, reportId: string, action: string, clientAddress: string | null) {
	const id = field.check(field.uuid, reportId);
	const report = id.ok ? await repo.get(db, id.value) : undefined;
	if (!report) return refuse(db, actor, action, { type: 'outcome_report', id: id.ok ? id.value : undefined }, 404, clientAddress);
	return report;
}

/**
 * A draft is the body's own working paper: its chair and secretary only. A
 * submitted report is read on the body and by the body it was sent to.
 */
async function requireReadable(
	db: Kysely<DB>,
	actor: Actor | null,
	r: { id: string; status: string; body_id: string; parent_body_id: string },
	clientAddress: string | null
) {
	if (r.status === 'draft') return requireAccess(db, actor, 'outcome.prepare', { kind: 'body', id: r.body_id }, { clientAddress, hide: true });
	if (await can(db, actor, 'outcome.read', { kind: 'body', id: r.parent_body_id })) return;
	return requireAccess(db, actor, 'outcome.read', { kind: 'body', id: r.body_id }, { clientAddress, hide: true });
}

/** Freezes a draft: figures are counted once more and then never change. */
export async function submitReport(
	db: Kysely<DB>,
	actor: Actor | null,
	reportId: string,
	clientAddress: string | null = null,
	now = new Date()
): Promise<SubmitResult> {
	const report = await loadReport(db, actor, reportId, 'outcome.prepare', clientAddress);
	await requireAccess(db, actor, 'outcome.prepare', { kind: 'body', id: report.body_id }, { clientAddress, hide: true });
	if (report.status !== 'draft') return { ok: false, errors: { form: 'already_submitted' } };
	return db.transaction().execute(async (tx) => {
		const figures = await computeFigures(tx, report.body_id, report.period_start, report.period_end);
		const done = await repo.submit(tx, report.id, figures, actor!.userId, now);
		if (!done) return { ok: false as const, errors: { form: 'already_submitted' } };
		await audit(tx, {
			actorId: actor!.userId,
			action: 'outcome.submit',
			outcome: 'success',
			targetType: 'outcome_report',
			targetId: report.id,
			clientAddress,
			at: now,
			detail: { periodStart: report.period_start, periodEnd: report.period_end, parentBodyId: report.parent_body_id }
		});
		return { ok: true as const };
	});
}

/** A report as its reader sees it: suppressed counts only. */
export async function reportView(db: Kysely<DB>, actor: Actor | null, reportId: string, clientAddress: string | null = null): Promise<ReportView> {
	const report = await loadReport(db, actor, reportId, 'outcome.read', clientAddress);
	await requireReadable(db, actor, report, clientAddress);
	const [body, parent] = await Promise.all([repo.getBody(db, report.body_id), repo.getBody(db, report.parent_body_id)]);
	const { tables, headline } = reportTables(report.figures as OutcomeFigures);
	await audit(db, { actorId: actor!.userId, action: 'outcome.view', outcome: 'success', targetType: 'outcome_report', targetId: report.id, clientAddress });
	return {
		...summary(report, body!.report_quarters),
		body: { id: body!.id, name_th: body!.name_th, name_en: body!.name_en },
		parent: { id: parent!.id, name_th: parent!.name_th, name_en: parent!.name_en },
		preparedAt: report.created_at,
		tables,
		headline,
		canSubmit: report.status === 'draft' && (await can(db, actor, 'outcome.prepare', { kind: 'body', id: report.body_id }))
	};
}

/** A body's own reports: drafts too for its chair and secretary, submitted ones for its other readers. */
export async function reportsOfBody(db: Kysely<DB>, actor: Actor | null, bodyId: string, clientAddress: string | null = null): Promise<ReportSummary[]> {
	await requireAccess(db, actor, 'outcome.read', { kind: 'body', id: bodyId }, { clientAddress });
	const withDrafts = await can(db, actor, 'outcome.prepare', { kind: 'body', id: bodyId });
	const [rows, body] = await Promise.all([repo.ofBody(db, bodyId, withDrafts), repo.getBody(db, bodyId)]);
	return rows.map((r) => summary(r, body?.report_quarters ?? 'fiscal'));
}

/** Reports submitted to a body by the bodies under it; no figures, those are read one report at a time. */
export async function submittedToBody(db: Kysely<DB>, actor: Actor | null, parentBodyId: string, clientAddress: string | null = null) {
	await requireAccess(db, actor, 'outcome.read', { kind: 'body', id: parentBodyId }, { clientAddress });
	const rows = await repo.submittedTo(db, parentBodyId);
	return rows.map((r) => ({ ...summary(r, r.report_quarters), body: { id: r.body_id, name_th: r.name_th, name_en: r.name_en } }));
}

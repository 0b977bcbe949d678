import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { intakeChannelLabel, intakeKindLabel } from '../../src/lib/intake-labels';
import { m } from '../../src/lib/paraglide/messages';
import type { Locale } from '../../src/lib/paraglide/runtime';
import { pick } from '../../src/lib/labels';
import { caseStatusLabel, categoryLabel, referralLabel } from '../../src/lib/report-labels';
import { AccessDenied, type Actor } from '../access';
import type { DB } from '../db/schema';
import { followupOverview } from '../followup/overview';
import { reportView } from '../outcomes/service';
import type { Shown } from '../outcomes/suppress';
import * as field from '../validate';
import { dateOnly, type Cell, type Sheet } from './sheet';
import { bangkokToday } from '../../src/lib/calendar';

/** The body, and the period of completed items (the last twelve months unless given). */
const OutstandingQuery = v.object({ id: field.uuid, from: field.lenient(field.date), to: field.lenient(field.date) });

/** The outstanding follow-ups of a body: every open item the page lists, with why it stands out. */
export async function outstandingSheet(
	db: Kysely<DB>,
	actor: Actor | null,
	input: Record<string, string | null>,
	locale: Locale,
	now = new Date()
): Promise<Sheet> {
	const o = { locale };
	const { values, errors } = field.parse(OutstandingQuery, input);
	const period = { from: values.from ?? bangkokToday(new Date(now.getTime() - 365 * 24 * 3600_000)), to: values.to ?? bangkokToday(now) };
	if (errors.id) throw new AccessDenied(404, 'body.followup');
	const page = await followupOverview(db, actor, values.id, period, now);
	if (!page) throw new AccessDenied(404, 'body.followup');
	const yes = m.export_yes(undefined, o);
	const overdue = new Set(page.overdue.map((i) => i.id));
	const beforeNext = new Set(page.dueBeforeNext.map((i) => i.id));
	return {
		name: `outstanding-${now.toISOString().slice(0, 10)}`,
		title: m.outstanding_title(undefined, o),
		columns: [
			{ header: m.export_col_action(undefined, o), width: 50 },
			{ header: m.export_col_lead(undefined, o) },
			{ header: m.export_col_assignee(undefined, o), width: 22 },
			{ header: m.export_col_due(undefined, o), kind: 'date' },
			{ header: m.outstanding_overdue(undefined, o), width: 12 },
			{ header: m.outstanding_due_before_next(undefined, o), width: 14 },
			{ header: m.outstanding_flagged(undefined, o), width: 14 },
			{ header: m.export_col_last_at(undefined, o), kind: 'datetime' }
		],
		rows: page.items.map((i) => [
			i.title,
			pick(i, 'lead', locale),
			i.assignee ?? null,
			dateOnly(i.due_on),
			overdue.has(i.id) ? yes : '',
			beforeNext.has(i.id) ? yes : '',
			i.flagged ? yes : '',
			i.updated_at
		])
	};
}

const shown = (s: Shown, locale: Locale): Cell => (typeof s === 'number' ? s : s === '<5' ? '<5' : m.outcome_withheld(undefined, { locale }));

/** An outcome report's tables as the report page shows them, small counts suppressed the same way: one row per figure. */
export async function outcomeSheet(
	db: Kysely<DB>,
	actor: Actor | null,
	input: Record<string, string | null>,
	locale: Locale,
	now = new Date()
): Promise<Sheet> {
	const o = { locale };
	const id = field.check(field.uuid, input.id);
	// A malformed id answers as an unknown report does.
	if (!id.ok) throw new AccessDenied(404, 'outcome.read');
	const report = await reportView(db, actor, id.value, null);
	const t = report.tables;
	const label = (labels: Record<string, (() => string) | undefined>, key: string) => labels[key]?.() ?? key;
	const rows: Cell[][] = [
		...t.casesByCategory.rows.map((r) => [m.outcome_cases_by_category(undefined, o), label(categoryLabel, r.key), shown(r.shown, locale)]),
		[m.outcome_cases_by_category(undefined, o), m.outcome_total(undefined, o), shown(t.casesByCategory.total, locale)],
		...t.casesByStatus.rows.map((r) => [m.outcome_cases_by_status(undefined, o), label(caseStatusLabel, r.key), shown(r.shown, locale)]),
		[m.outcome_cases_by_status(undefined, o), m.outcome_total(undefined, o), shown(t.casesByStatus.total, locale)],
		...(['completed', 'declined', 'pending'] as const).map((k) => [m.outcome_referrals(undefined, o), label(referralLabel, k), shown(t.referrals[k], locale)]),
		...t.referrals.pendingByStatus.map((r) => [m.outcome_referrals(undefined, o), label(referralLabel, r.key), shown(r.shown, locale)]),
		[m.outcome_referrals(undefined, o), m.outcome_total(undefined, o), shown(t.referrals.total, locale)],
		...t.intake.byChannel.map((r) => [m.outcome_intake_by_channel(undefined, o), label(intakeChannelLabel, r.key), shown(r.shown, locale)]),
		...t.intake.byKind.map((r) => [m.outcome_intake_by_kind(undefined, o), label(intakeKindLabel, r.key), shown(r.shown, locale)]),
		[m.outcome_intake_by_channel(undefined, o), m.outcome_total(undefined, o), shown(t.intake.total, locale)],
		...t.actions.rows.map((r) => [m.outcome_actions(undefined, o), pick(r, 'name', locale), shown(r.total, locale)]),
		[m.outcome_actions(undefined, o), m.outcome_total(undefined, o), shown(t.actions.total, locale)],
		[m.outcome_actions(undefined, o), m.outcome_col_closed(undefined, o), shown(t.actions.closed, locale)]
	];
	return {
		name: `outcome-report-${now.toISOString().slice(0, 10)}`,
		title: pick(report.body, 'name', locale).slice(0, 31),
		columns: [
			{ header: m.export_col_detail(undefined, o), width: 40 },
			{ header: m.outcome_col_category(undefined, o), width: 40 },
			{ header: m.outcome_col_count(undefined, o), kind: 'number' }
		],
		rows
	};
}

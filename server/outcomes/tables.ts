import {
	CASE_CATEGORIES,
	CASE_STATUSES,
	PENDING_REFERRAL_STATUSES,
	type CaseCategory,
	type CaseStatus,
	type OutcomeFigures,
	type ReferralStatus
} from '../db/schema-cases';
import type { IntakeChannel, IntakeKind } from '../db/schema-intake';
import { shownPercent, suppress, TableBuilder, type Shown } from './suppress';

/**
 * A report's figures as one table of entries and sums, and the view a reader
 * gets of it: every count through suppression, nothing raw. The layout puts
 * every sum a reader could use into the table, so suppression accounts for it.
 */

export const INTAKE_CHANNELS: IntakeChannel[] = ['web', 'postal_box', 'telephone', 'watchdog', 'walk_in'];
export const INTAKE_KINDS: IntakeKind[] = ['tip', 'complaint', 'help_request'];
type PendingStatus = 'sent' | 'accepted' | 'in_progress';

export interface Row<K extends string = string> {
	key: K;
	shown: Shown;
}

export interface ActionRow {
	organisationId: string;
	name_th: string;
	name_en: string;
	total: Shown;
	closed: Shown;
	/** Closed as a share of all, only when both counts are shown exactly. */
	percent: number | null;
}

export interface ReportTables {
	casesByCategory: { rows: Row<CaseCategory>[]; total: Shown };
	casesByStatus: { rows: Row<CaseStatus>[]; total: Shown };
	referrals: { completed: Shown; declined: Shown; pending: Shown; pendingByStatus: Row<PendingStatus>[]; total: Shown };
	actions: { rows: ActionRow[]; total: Shown; closed: Shown; percent: number | null };
	intake: { byChannel: Row<IntakeChannel>[]; byKind: Row<IntakeKind>[]; total: Shown };
}

/** The figures a parent body compares across districts. */
export const HEADLINES = ['casesOpened', 'casesActive', 'referralsMade', 'referralsCompleted', 'intakeReceived', 'actionsTotal', 'actionsClosed'] as const;
export type HeadlineKey = (typeof HEADLINES)[number];
export type Headline = Record<HeadlineKey, Shown>;

const count = (r: Record<string, number> | undefined, k: string) => Math.max(0, Math.trunc(Number(r?.[k] ?? 0)) || 0);

/** Adds a report's entries and sums to `b`; returns where each figure sits. */
export function layout(b: TableBuilder, f: OutcomeFigures) {
	const categories = CASE_CATEGORIES.map((k) => [k, b.add(count(f.casesByCategory, k))] as const);
	const casesOpened = b.addTotal(categories.map(([, i]) => i));
	const statuses = CASE_STATUSES.map((k) => [k, b.add(count(f.casesByStatus, k))] as const);
	const casesActive = b.addTotal(statuses.map(([, i]) => i));
	// Every case opened in the period was open during it.
	const earlier = b.values[casesActive]! - b.values[casesOpened]!;
	if (earlier >= 0) b.relate(casesActive, [casesOpened, b.addHidden(earlier)]);

	const pendingByStatus = (PENDING_REFERRAL_STATUSES as PendingStatus[]).map((k) => [k, b.add(count(f.referralsByStatus, k))] as const);
	const pending = b.addTotal(pendingByStatus.map(([, i]) => i));
	const completed = b.add(count(f.referralsByStatus, 'completed' satisfies ReferralStatus));
	const declined = b.add(count(f.referralsByStatus, 'declined' satisfies ReferralStatus));
	const referralsMade = b.addTotal([completed, declined, pending]);

	// Closed out of all, per organisation; the not-closed counts are never shown but follow from the two.
	const actions = (f.actionsByOrganisation ?? []).map((o) => {
		const all = Math.max(0, o.total),
			done = Math.min(Math.max(0, o.closed), all);
		const total = b.add(all),
			closed = b.add(done),
			open = b.addHidden(all - done);
		b.relate(total, [closed, open]);
		return { o, total, closed, open };
	});
	const actionsTotal = b.addTotal(actions.map((a) => a.total));
	const actionsClosed = b.addTotal(actions.map((a) => a.closed));
	const actionsOpen = b.addHidden(b.values[actionsTotal]! - b.values[actionsClosed]!);
	b.relate(
		actionsOpen,
		actions.map((a) => a.open)
	);
	b.relate(actionsTotal, [actionsClosed, actionsOpen]);

	const channels = INTAKE_CHANNELS.map((k) => [k, b.add(count(f.intakeByChannel, k))] as const);
	const intakeReceived = b.addTotal(channels.map(([, i]) => i));
	const kinds = INTAKE_KINDS.map((k) => [k, b.add(count(f.intakeByKind, k))] as const);
	// Both break down the same reports.
	if (kinds.reduce((a, [, i]) => a + b.values[i]!, 0) === b.values[intakeReceived])
		b.relate(
			intakeReceived,
			kinds.map(([, i]) => i)
		);

	return {
		categories,
		casesOpened,
		statuses,
		casesActive,
		pendingByStatus,
		pending,
		completed,
		declined,
		referralsMade,
		actions,
		actionsTotal,
		actionsClosed,
		channels,
		kinds,
		intakeReceived,
		headline: { casesOpened, casesActive, referralsMade, referralsCompleted: completed, intakeReceived, actionsTotal, actionsClosed } satisfies Record<
			HeadlineKey,
			number
		>
	};
}

export type Layout = ReturnType<typeof layout>;

/** Reads the view of a laid-out report from its shown entries. */
export function tablesFrom(at: Layout, shown: readonly Shown[]): ReportTables {
	const rows = <K extends string>(xs: readonly (readonly [K, number])[]) => xs.map(([key, i]) => ({ key, shown: shown[i]! }));
	return {
		casesByCategory: { rows: rows(at.categories), total: shown[at.casesOpened]! },
		casesByStatus: { rows: rows(at.statuses), total: shown[at.casesActive]! },
		referrals: {
			completed: shown[at.completed]!,
			declined: shown[at.declined]!,
			pending: shown[at.pending]!,
			pendingByStatus: rows(at.pendingByStatus),
			total: shown[at.referralsMade]!
		},
		actions: {
			rows: at.actions.map((a) => ({
				organisationId: a.o.organisationId,
				name_th: a.o.name_th,
				name_en: a.o.name_en,
				total: shown[a.total]!,
				closed: shown[a.closed]!,
				percent: shownPercent(shown[a.closed]!, shown[a.total]!)
			})),
			total: shown[at.actionsTotal]!,
			closed: shown[at.actionsClosed]!,
			percent: shownPercent(shown[at.actionsClosed]!, shown[at.actionsTotal]!)
		},
		intake: { byChannel: rows(at.channels), byKind: rows(at.kinds), total: shown[at.intakeReceived]! }
	};
}

export function headlineFrom(at: Layout, shown: readonly Shown[]): Headline {
	return Object.fromEntries(HEADLINES.map((k) => [k, shown[at.headline[k]]!])) as Headline;
}

/** A report as its readers see it. */
export function reportTables(f: OutcomeFigures): { tables: ReportTables; headline: Headline } {
	const b = new TableBuilder();
	const at = layout(b, f);
	const shown = suppress(b.table());
	return { tables: tablesFrom(at, shown), headline: headlineFrom(at, shown) };
}

/**
 * Totals across the districts' reports. Each district's figures are shown as
 * its own report shows them; only the totals are new, and they are withheld
 * where, read together with every district's report, they would give a
 * small count away.
 */
export function rollUpTotals(reports: OutcomeFigures[]): { districts: Headline[]; total: Headline } {
	const r = rollUpTable(reports);
	return { districts: r.districts, total: Object.fromEntries(HEADLINES.map((k) => [k, r.shown[r.totals[k]]!])) as Headline };
}

/** The roll-up as one table: every district's report, fixed as shown, and the new totals. */
export function rollUpTable(reports: OutcomeFigures[]) {
	const b = new TableBuilder();
	const districts: Headline[] = [];
	const heads: Layout['headline'][] = [];
	for (const f of reports) {
		const own = new TableBuilder();
		const ownAt = layout(own, f);
		const ownShown = suppress(own.table());
		const offset = b.values.length;
		const at = layout(b, f);
		const hidden = new Set(own.hidden);
		ownShown.forEach((s, i) => {
			if (!hidden.has(i)) b.fixed.set(offset + i, s);
		});
		districts.push(headlineFrom(ownAt, ownShown));
		heads.push(at.headline);
	}
	const totals = Object.fromEntries(HEADLINES.map((k) => [k, b.addTotal(heads.map((h) => h[k]))])) as Record<HeadlineKey, number>;
	const table = b.table();
	return { table, shown: suppress(table), districts, totals };
}

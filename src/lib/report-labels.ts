import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { fromBuddhistYear } from '$lib/calendar';
import { dateFormat, intlLocale } from '$lib/format';

/** UI words of outcome reports. */
export const categoryLabel: Record<string, () => string> = {
	sexual_exploitation: m.outcome_cat_sexual_exploitation,
	labour_trafficking: m.outcome_cat_labour_trafficking,
	rape: m.outcome_cat_rape,
	sexual_assault: m.outcome_cat_sexual_assault,
	sexual_harassment: m.outcome_cat_sexual_harassment,
	rights_violation: m.outcome_cat_rights_violation,
	high_vulnerability: m.outcome_cat_high_vulnerability,
	other: m.outcome_cat_other
};
export const caseStatusLabel: Record<string, () => string> = {
	open: m.outcome_cs_open,
	in_care: m.outcome_cs_in_care,
	returned_home: m.outcome_cs_returned_home,
	closed: m.outcome_cs_closed
};
export const referralLabel: Record<string, () => string> = {
	completed: m.outcome_ref_completed,
	declined: m.outcome_ref_declined,
	pending: m.outcome_ref_pending,
	sent: m.outcome_ref_sent,
	accepted: m.outcome_ref_accepted,
	in_progress: m.outcome_ref_in_progress
};
export const headlineLabel: Record<string, () => string> = {
	casesOpened: m.outcome_h_casesOpened,
	casesActive: m.outcome_h_casesActive,
	referralsMade: m.outcome_h_referralsMade,
	referralsCompleted: m.outcome_h_referralsCompleted,
	intakeReceived: m.outcome_h_intakeReceived,
	actionsTotal: m.outcome_h_actionsTotal,
	actionsClosed: m.outcome_h_actionsClosed
};

/** A period error code as a sentence. */
export function periodError(code: string | undefined): string | undefined {
	const specific: Record<string, () => string> = {
		no_parent: m.outcome_err_no_parent,
		already_submitted: m.outcome_err_already_submitted,
		not_ended: m.outcome_err_not_ended,
		in_future: m.outcome_err_in_future,
		period_too_long: m.outcome_err_too_long
	};
	return code ? specific[code]?.() : undefined;
}

const QUARTER = /^(FY)?(\d{4})-Q([1-4])$/;

/** The months of a quarter, e.g. "ต.ค.–ธ.ค. 2569" or "Oct–Dec 2026". */
function quarterMonths(fiscal: boolean, buddhistYear: number, q: number, locale: Locale): string {
	const year = fromBuddhistYear(buddhistYear) - (fiscal && q === 1 ? 1 : 0);
	const first = fiscal ? ((q + 2) % 4) * 3 : (q - 1) * 3;
	const month = dateFormat(intlLocale[locale], { month: 'short', timeZone: 'UTC' });
	const monthYear = dateFormat(intlLocale[locale], { month: 'short', year: 'numeric', timeZone: 'UTC' });
	return `${month.format(Date.UTC(year, first, 1))}–${monthYear.format(Date.UTC(year, first + 2, 1))}`;
}

/**
 * `FY2570-Q1` as "ไตรมาสที่ 1 ปีงบประมาณ 2570 (ต.ค.–ธ.ค. 2569)", `2569-Q3` as
 * "ไตรมาสที่ 3/2569 (ก.ค.–ก.ย. 2569)"; English counts years from the common era.
 */
export function quarterLabel(quarter: string, locale: Locale): string {
	const hit = QUARTER.exec(quarter);
	if (!hit) return quarter;
	const fiscal = !!hit[1];
	const buddhist = Number(hit[2]);
	const q = Number(hit[3]);
	const params = { q: String(q), year: String(locale === 'en' ? fromBuddhistYear(buddhist) : buddhist), months: quarterMonths(fiscal, buddhist, q, locale) };
	return fiscal ? m.outcome_fiscal_quarter_label(params, { locale }) : m.outcome_quarter_label(params, { locale });
}

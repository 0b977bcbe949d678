import { m } from '$lib/paraglide/messages';
import { fieldError } from '$lib/messages';

/** UI words for the enumerations of cases, in both languages. */
export const caseCategoryLabel: Record<string, () => string> = {
	sexual_exploitation: m.case_category_sexual_exploitation,
	labour_trafficking: m.case_category_labour_trafficking,
	rape: m.case_category_rape,
	sexual_assault: m.case_category_sexual_assault,
	sexual_harassment: m.case_category_sexual_harassment,
	rights_violation: m.case_category_rights_violation,
	high_vulnerability: m.case_category_high_vulnerability,
	other: m.case_category_other
};
export const caseSexLabel: Record<string, () => string> = {
	female: m.case_sex_female,
	male: m.case_sex_male,
	other: m.case_sex_other,
	unknown: m.case_sex_unknown
};
export const ageBandLabel: Record<string, () => string> = {
	'0_5': m.case_age_0_5,
	'6_11': m.case_age_6_11,
	'12_14': m.case_age_12_14,
	'15_17': m.case_age_15_17,
	'18_24': m.case_age_18_24,
	'25_59': m.case_age_25_59,
	'60_plus': m.case_age_60_plus,
	unknown: m.case_age_unknown
};
export const caseStatusLabel: Record<string, () => string> = {
	open: m.case_status_open,
	in_care: m.case_status_in_care,
	returned_home: m.case_status_returned_home,
	closed: m.case_status_closed
};
export const caseNeedLabel: Record<string, () => string> = {
	physical: m.case_need_physical,
	emotional: m.case_need_emotional,
	social_rehabilitation: m.case_need_social_rehabilitation,
	family_community: m.case_need_family_community,
	safe_return: m.case_need_safe_return,
	identity_documents: m.case_need_identity_documents
};
export const needStatusLabel: Record<string, () => string> = {
	planned: m.case_need_status_planned,
	in_progress: m.case_need_status_in_progress,
	met: m.case_need_status_met,
	not_needed: m.case_need_status_not_needed
};

export const CATEGORIES = Object.keys(caseCategoryLabel);
export const SEXES = Object.keys(caseSexLabel);
export const AGE_BANDS = Object.keys(ageBandLabel);
export const STATUSES = Object.keys(caseStatusLabel);
export const NEED_STATUSES = Object.keys(needStatusLabel);

const errors: Record<string, () => string> = {
	not_on_body: m.case_error_not_on_body,
	already_on_team: m.case_error_already_on_team,
	not_on_team: m.case_error_not_on_team,
	last_member: m.case_error_last_member,
	already_triaged: m.case_error_already_triaged,
	in_future: m.case_error_in_future,
	in_past: m.case_error_in_past,
	empty: m.case_error_empty,
	too_large: m.case_error_too_large,
	wrong_type: m.case_error_wrong_type,
	not_found: m.case_error_not_found,
	own_proposal: m.case_error_own_proposal,
	seat_ended: m.case_error_seat_ended
};

/** The text for an error code of the case services. */
export function caseError(code: string | undefined): string {
	if (!code) return '';
	return errors[code]?.() ?? fieldError(code);
}

/** A file size as people read it. */
export function fileSize(bytes: number): string {
	return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

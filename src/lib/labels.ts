import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

/** UI words for the domain's enumerations; one place, both languages. */
export const roleLabel: Record<string, () => string> = {
	chair: m.role_chair,
	vice_chair: m.role_vice_chair,
	secretary: m.role_secretary,
	member: m.role_member,
	observer: m.role_observer,
	volunteer: m.role_volunteer
};
export const roleDescription: Record<string, () => string> = {
	chair: m.role_desc_chair,
	vice_chair: m.role_desc_vice_chair,
	secretary: m.role_desc_secretary,
	member: m.role_desc_member,
	observer: m.role_desc_observer,
	volunteer: m.role_desc_volunteer
};
export const kindLabel: Record<string, () => string> = {
	operation_centre: m.kind_operation_centre,
	committee: m.kind_committee,
	subcommittee: m.kind_subcommittee,
	working_group: m.kind_working_group,
	case_team: m.kind_case_team,
	volunteer_network: m.kind_volunteer_network
};
export const levelLabel: Record<string, () => string> = {
	national: m.level_national,
	province: m.level_province,
	district: m.level_district,
	subdistrict: m.level_subdistrict,
	village: m.level_village
};
export const cadenceLabel: Record<string, () => string> = {
	monthly: m.cadence_monthly,
	bimonthly: m.cadence_bimonthly,
	quarterly: m.cadence_quarterly,
	as_needed: m.cadence_as_needed
};
export const quorumLabel: Record<string, () => string> = {
	half: m.quorum_half,
	two_thirds: m.quorum_two_thirds,
	one_third: m.quorum_one_third,
	none: m.quorum_none
};
export const sectorLabel: Record<string, () => string> = {
	police: m.sector_police,
	justice: m.sector_justice,
	health: m.sector_health,
	hospital: m.sector_hospital,
	education: m.sector_education,
	social_development: m.sector_social_development,
	labour: m.sector_labour,
	local_administration: m.sector_local_administration,
	district_office: m.sector_district_office,
	ngo: m.sector_ngo,
	international: m.sector_international,
	community: m.sector_community,
	other: m.sector_other
};
export const statusLabel: Record<string, () => string> = {
	open: m.status_open,
	in_progress: m.status_in_progress,
	awaiting_report: m.status_awaiting_report,
	closed: m.status_closed,
	dropped: m.status_dropped
};

export const meetingKindLabel: Record<string, () => string> = {
	regular: m.meeting_kind_regular,
	extraordinary: m.meeting_kind_extraordinary,
	case_conference: m.meeting_kind_case_conference
};
export const meetingStatusLabel: Record<string, () => string> = {
	planned: m.meeting_status_planned,
	in_progress: m.meeting_status_in_progress,
	ended: m.meeting_status_ended,
	minutes_approved: m.meeting_status_minutes_approved,
	cancelled: m.meeting_status_cancelled
};

/** Picks the Thai or English column of a bilingual row, falling back to the other. */
export function pick(row: object, base: string, locale: Locale): string {
	const r = row as Record<string, unknown>;
	const th = r[`${base}_th`];
	const en = r[`${base}_en`];
	const a = locale === 'en' ? en : th;
	const b = locale === 'en' ? th : en;
	return String((typeof a === 'string' && a) || b || '');
}

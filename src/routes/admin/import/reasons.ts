import { m } from '$lib/paraglide/messages';

type Worded = (p: { row: string }) => string;

/** Why a row was refused, in the reader's language; an unknown code shows as itself. */
const reasons = {
	required: m.import_reason_required,
	too_long: m.import_reason_too_long,
	too_short: m.import_reason_too_short,
	control_character: m.import_reason_control_character,
	invalid_email: m.import_reason_invalid_email,
	invalid_username: m.import_reason_invalid_username,
	invalid_phone: m.import_reason_invalid_phone,
	invalid_value: m.import_reason_invalid_value,
	invalid_date: m.import_reason_invalid_date,
	future_start: m.import_reason_future_start,
	unknown_area: m.import_reason_unknown_area,
	unknown_organisation: m.import_reason_unknown_organisation,
	ambiguous_organisation: m.import_reason_ambiguous_organisation,
	unknown_body: m.import_reason_unknown_body,
	ambiguous_body: m.import_reason_ambiguous_body,
	unknown_parent: m.import_reason_unknown_parent,
	parent_cycle: m.import_reason_parent_cycle,
	level_mismatch: m.import_reason_level_mismatch,
	duplicate_row: m.import_reason_duplicate_row,
	duplicate_person: m.import_reason_duplicate_person,
	alternate_unknown: m.import_reason_alternate_unknown,
	same_person: m.import_reason_same_person,
	formula: m.import_reason_formula,
	username_email_conflict: m.import_reason_username_email_conflict,
	inactive_person: m.import_reason_inactive_person,
	username_taken: m.import_reason_username_taken,
	person_row_refused: m.import_reason_person_row_refused
} as unknown as Record<string, Worded>;

export const reasonText = (code: string, detail?: string) => reasons[code]?.({ row: detail ?? '' }) ?? code;

const errors = {
	too_large: m.admin_import_error_too_large,
	too_many_rows: m.admin_import_error_too_many_rows,
	unreadable: m.admin_import_error_unreadable,
	no_sheet: m.admin_import_error_no_sheet,
	empty: m.admin_import_error_empty,
	expired: m.admin_import_error_expired,
	ends_on: m.admin_import_error_ends_on
} as Record<string, () => string>;

export const errorText = (code: string, detail = '') => errors[code]?.() ?? m.admin_import_error_other({ code, detail });

export const verdictText: Record<string, () => string> = {
	create: m.admin_import_verdict_create,
	update: m.admin_import_verdict_update,
	unchanged: m.admin_import_verdict_unchanged,
	refused: m.admin_import_verdict_refused
};
export const sheetText: Record<string, () => string> = {
	organisations: m.admin_import_sheet_organisations,
	bodies: m.admin_import_sheet_bodies,
	people: m.admin_import_sheet_people
};

/** The invitation links as a CSV Excel opens in Thai (UTF-8 with a BOM). */
export function linksCsv(rows: { name: string; username: string; email: string; link: string; expiresAt: string }[]): string {
	const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
	const lines = [['ชื่อ-นามสกุล', 'ชื่อผู้ใช้', 'อีเมล', 'ลิงก์เชิญ', 'หมดอายุ'], ...rows.map((r) => [r.name, r.username, r.email, r.link, r.expiresAt])];
	return '\ufeff' + lines.map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n';
}

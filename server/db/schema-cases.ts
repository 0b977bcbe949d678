import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: read as the parsed value, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;

export type CaseCategory =
	'sexual_exploitation' | 'labour_trafficking' | 'rape' | 'sexual_assault' | 'sexual_harassment' | 'rights_violation' | 'high_vulnerability' | 'other';
export type CaseSex = 'female' | 'male' | 'other' | 'unknown';
export type AgeBand = '0_5' | '6_11' | '12_14' | '15_17' | '18_24' | '25_59' | '60_plus' | 'unknown';
export type CaseStatus = 'open' | 'in_care' | 'returned_home' | 'closed';
export type CaseNeedKind = 'physical' | 'emotional' | 'social_rehabilitation' | 'family_community' | 'safe_return' | 'identity_documents';
export type CaseNeedStatus = 'planned' | 'in_progress' | 'met' | 'not_needed';

export const CASE_CATEGORIES: CaseCategory[] = [
	'sexual_exploitation',
	'labour_trafficking',
	'rape',
	'sexual_assault',
	'sexual_harassment',
	'rights_violation',
	'high_vulnerability',
	'other'
];
export const CASE_SEXES: CaseSex[] = ['female', 'male', 'other', 'unknown'];
export const AGE_BANDS: AgeBand[] = ['0_5', '6_11', '12_14', '15_17', '18_24', '25_59', '60_plus', 'unknown'];
export const CASE_STATUSES: CaseStatus[] = ['open', 'in_care', 'returned_home', 'closed'];
export const CASE_NEEDS: CaseNeedKind[] = ['physical', 'emotional', 'social_rehabilitation', 'family_community', 'safe_return', 'identity_documents'];
export const CASE_NEED_STATUSES: CaseNeedStatus[] = ['planned', 'in_progress', 'met', 'not_needed'];

/** A case: pseudonymous code and categories only. Identifying details live in `case_identity`. */
export interface CaseFileTable {
	id: Generated<string>;
	code: string;
	body_id: string;
	category: CaseCategory;
	sex: CaseSex;
	age_band: AgeBand;
	status: Generated<CaseStatus>;
	intake_report_id: string | null;
	opened_on: string;
	closed_on: string | null;
	created_by: string | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface CaseTeamTable {
	id: Generated<string>;
	case_id: string;
	user_id: string;
	organisation_id: string;
	added_by: string | null;
	added_at: Timestamp;
	removed_by: string | null;
	removed_at: Timestamp | null;
}

export type CaseTeamProposalStatus = 'pending' | 'accepted' | 'declined' | 'superseded';

/** A hand-over's successor proposed to a case team, which accepts or declines (server/cases/proposals.ts). */
export interface CaseTeamProposalTable {
	id: Generated<string>;
	case_id: string;
	user_id: string;
	organisation_id: string;
	predecessor_id: string;
	membership_id: string;
	/** Ids of the case's open action items that were the predecessor's and wait, unassigned, for the team. */
	waiting: ColumnType<string[], string | undefined, string>;
	status: Generated<CaseTeamProposalStatus>;
	proposed_by: string | null;
	proposed_at: Timestamp;
	decided_by: string | null;
	decided_at: Timestamp | null;
}

export interface CaseIdentityTable {
	case_id: string;
	full_name: Generated<string>;
	family: Generated<string>;
	address: Generated<string>;
	date_of_birth: string | null;
	contact: Generated<string>;
	notes: Generated<string>;
	updated_by: string | null;
	updated_at: Timestamp;
}

export interface CaseDocumentTable {
	id: Generated<string>;
	case_id: string;
	kind: 'photo' | 'document';
	filename: string;
	media_type: string;
	size: number;
	content: Uint8Array;
	uploaded_by: string | null;
	uploaded_at: Timestamp;
}

export interface CaseNeedTable {
	id: Generated<string>;
	case_id: string;
	need: CaseNeedKind;
	organisation_id: string | null;
	status: Generated<CaseNeedStatus>;
	note: Generated<string>;
	updated_by: string | null;
	updated_at: Timestamp;
}

export type ReferralUrgency = 'routine' | 'urgent' | 'emergency';
export type ReferralConsent = 'given' | 'given_by_guardian' | 'not_given' | 'not_applicable';
export type ReferralStatus = 'sent' | 'accepted' | 'declined' | 'in_progress' | 'completed';
export type ReferralUpdateKind = 'sent' | 'accepted' | 'declined' | 'started' | 'progress' | 'completed' | 'handed_over';
export const REFERRAL_URGENCIES: ReferralUrgency[] = ['routine', 'urgent', 'emergency'];
export const REFERRAL_CONSENTS: ReferralConsent[] = ['given', 'given_by_guardian', 'not_given', 'not_applicable'];
/** States in which a referral still waits for the receiving side. */
export const PENDING_REFERRAL_STATUSES: ReferralStatus[] = ['sent', 'accepted', 'in_progress'];

/** A referral from one organisation to another, or an escalation to a body (e.g. the provincial centre). */
export interface ReferralTable {
	id: Generated<string>;
	body_id: string;
	case_id: string | null;
	intake_report_id: string | null;
	decision_id: string | null;
	from_organisation_id: string;
	to_organisation_id: string | null;
	to_body_id: string | null;
	reason: string;
	urgency: ReferralUrgency;
	shared: string;
	consent: ReferralConsent;
	consent_note: Generated<string>;
	status: Generated<ReferralStatus>;
	declined_reason: string | null;
	outcome: string | null;
	action_item_id: string | null;
	created_by: string | null;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface ReferralUpdateTable {
	id: Generated<number>;
	referral_id: string;
	author_id: string | null;
	at: Timestamp;
	kind: ReferralUpdateKind;
	text: Generated<string>;
}

/** Raw counts of a report period; shown only through small-count suppression. */
export interface OutcomeFigures {
	casesByCategory: Record<string, number>;
	casesByStatus: Record<string, number>;
	casesOpened: number;
	referralsByStatus: Record<string, number>;
	referralOutcomes: { completed: number; declined: number; pending: number };
	actionsByOrganisation: { organisationId: string; name_th: string; name_en: string; total: number; closed: number }[];
	intakeByChannel: Record<string, number>;
	intakeByKind: Record<string, number>;
}

export interface OutcomeReportTable {
	id: Generated<string>;
	body_id: string;
	parent_body_id: string;
	period_start: string;
	period_end: string;
	status: Generated<'draft' | 'submitted'>;
	figures: Json<OutcomeFigures>;
	note: Generated<string>;
	created_by: string | null;
	created_at: Timestamp;
	submitted_by: string | null;
	submitted_at: Timestamp | null;
}

/** The case tables, merged into the database's `DB` type. */
export interface CaseTables {
	case_file: CaseFileTable;
	case_team: CaseTeamTable;
	case_team_proposal: CaseTeamProposalTable;
	case_identity: CaseIdentityTable;
	case_document: CaseDocumentTable;
	case_need: CaseNeedTable;
	referral: ReferralTable;
	referral_update: ReferralUpdateTable;
	outcome_report: OutcomeReportTable;
}

export type CaseFile = Selectable<CaseFileTable>;
export type Referral = Selectable<ReferralTable>;
export type OutcomeReport = Selectable<OutcomeReportTable>;

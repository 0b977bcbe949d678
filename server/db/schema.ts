import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { FollowupTables } from './schema-followup';
import type { MeetingTables } from './schema-meeting';
import type { IntakeTables } from './schema-intake';
import type { MinutesTables } from './schema-minutes';
import type { CaseTables } from './schema-cases';
import type { NotificationTables } from './schema-notifications';

/** A timestamp: read as Date, written as Date or ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp with a database default: optional on insert. */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A `date` column, read and written as `YYYY-MM-DD`. */
type DateOnly = string;

export type AreaLevel = 'province' | 'district' | 'subdistrict' | 'village';
export type OrgLevel = 'national' | AreaLevel;
export type Sector =
	| 'police'
	| 'justice'
	| 'health'
	| 'hospital'
	| 'education'
	| 'social_development'
	| 'labour'
	| 'local_administration'
	| 'district_office'
	| 'ngo'
	| 'international'
	| 'community'
	| 'other';
export type BodyKind = 'operation_centre' | 'committee' | 'subcommittee' | 'working_group' | 'case_team' | 'volunteer_network';
export type Cadence = 'monthly' | 'bimonthly' | 'quarterly' | 'as_needed';
export type QuorumRule = 'half' | 'two_thirds' | 'one_third' | 'none';
export type Role = 'chair' | 'vice_chair' | 'secretary' | 'member' | 'observer' | 'volunteer';
export type MeetingKind = 'regular' | 'extraordinary' | 'case_conference';
export type MeetingStatus = 'planned' | 'in_progress' | 'ended' | 'minutes_approved' | 'cancelled';
export type Locale = 'th' | 'en';

export interface AreaTable {
	id: Generated<string>;
	parent_id: string | null;
	level: AreaLevel;
	code: string;
	name_th: string;
	name_en: string;
}

export interface OrganisationTable {
	id: Generated<string>;
	name_th: string;
	name_en: string;
	short_name: string;
	sector: Sector;
	level: OrgLevel;
	area_id: string | null;
	contact_phone: string | null;
	contact_email: string | null;
	contact_address: string | null;
	active: Generated<boolean>;
	created_at: DefaultedTimestamp;
}

export interface BodyTable {
	id: Generated<string>;
	name_th: string;
	name_en: string;
	kind: BodyKind;
	level: AreaLevel;
	area_id: string;
	parent_id: string | null;
	secretariat_organisation_id: string | null;
	cadence: Generated<Cadence>;
	quorum_rule: Generated<QuorumRule>;
	/** Outcome-report quarters: the fiscal year from 1 October, or calendar quarters. */
	report_quarters: Generated<'fiscal' | 'calendar'>;
	terms_th: Generated<string>;
	terms_en: Generated<string>;
	/** The terms of reference as rich text (ProseMirror JSON); `terms_th`/`terms_en` hold their plain text. */
	terms_th_doc: ColumnType<RichText | null, string | null | undefined, string | null>;
	terms_en_doc: ColumnType<RichText | null, string | null | undefined, string | null>;
	/** The first part of this body's case codes, e.g. `DKT` in `DKT-2569-014`. */
	case_prefix: ColumnType<string | null, string | null | undefined, string | null>;
	created_at: DefaultedTimestamp;
}

/** A ProseMirror document as stored: the node tree of the editor's schema. */
export interface RichText {
	type: string;
	attrs?: Record<string, unknown>;
	content?: RichText[];
	text?: string;
	marks?: { type: string; attrs?: Record<string, unknown> }[];
}

/** A body's own wording of what a role means on it; without one the general description applies. */
export interface BodyRoleDescriptionTable {
	body_id: string;
	role: Role;
	text_th: Generated<string>;
	text_en: Generated<string>;
	updated_by: string | null;
	updated_at: DefaultedTimestamp;
}

export interface UserTable {
	id: Generated<string>;
	username: string;
	email: string | null;
	display_name: string;
	/** นาย, นาง, นางสาว or a rank; '' when not given. */
	name_title: Generated<string>;
	/** The official position (ตำแหน่ง) as minutes print it; '' when not given. */
	position: Generated<string>;
	phone: string | null;
	locale: Generated<Locale>;
	active: Generated<boolean>;
	is_admin: Generated<boolean>;
	password_hash: string | null;
	directory_opt_in: Generated<boolean>;
	created_at: DefaultedTimestamp;
	updated_at: DefaultedTimestamp;
}

export interface MembershipTable {
	id: Generated<string>;
	body_id: string;
	user_id: string;
	organisation_id: string;
	role: Role;
	alternate_user_id: string | null;
	starts_on: ColumnType<DateOnly, DateOnly | undefined, DateOnly>;
	ends_on: DateOnly | null;
	predecessor_id: string | null;
	handover_note: string | null;
	handover_seen_at: Timestamp | null;
	created_at: DefaultedTimestamp;
}

export interface MeetingTable {
	id: Generated<string>;
	body_id: string;
	kind: Generated<MeetingKind>;
	title: string;
	starts_at: Timestamp;
	ends_at: Timestamp | null;
	place: string | null;
	online_url: string | null;
	status: Generated<MeetingStatus>;
	locked: Generated<boolean>;
	series_id: string | null;
	started_at: Timestamp | null;
	closed_at: Timestamp | null;
	created_by: string | null;
	doc_initialised: Generated<boolean>;
	/** Set on a case conference: its case. */
	case_id: ColumnType<string | null, string | null | undefined, string | null>;
	created_at: DefaultedTimestamp;
}

export interface UserSessionTable {
	id: string;
	user_id: string;
	created_at: Timestamp;
	last_seen_at: Timestamp;
	expires_at: Timestamp;
	absolute_expires_at: Timestamp;
	client_address: string | null;
	user_agent: string | null;
}

export interface LoginAttemptTable {
	id: Generated<number>;
	username: string;
	client_address: string;
	succeeded: boolean;
	attempted_at: Timestamp;
}

export type LinkPurpose = 'invitation' | 'reset';

export interface UserLinkTable {
	id: string;
	user_id: string;
	purpose: LinkPurpose;
	created_by: string | null;
	created_at: Timestamp;
	expires_at: Timestamp;
	used_at: Timestamp | null;
}

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEventTable {
	id: Generated<number>;
	at: DefaultedTimestamp;
	actor_id: string | null;
	action: string;
	target_type: string | null;
	target_id: string | null;
	outcome: AuditOutcome;
	client_address: string | null;
	/** jsonb: read as an object, written as JSON text. */
	detail: ColumnType<Record<string, unknown> | null, string | null, string | null>;
}

/** One logged Yjs update of a live document, until compaction folds it into the snapshot. */
export interface DocUpdateTable {
	id: Generated<number>;
	doc_name: string;
	data: Uint8Array;
	created_at: DefaultedTimestamp;
}

/** The compacted state of a live document. */
export interface DocSnapshotTable {
	doc_name: string;
	state: Uint8Array;
	updated_at: DefaultedTimestamp;
}

export interface DB extends FollowupTables, MeetingTables, IntakeTables, MinutesTables, CaseTables, NotificationTables {
	area: AreaTable;
	organisation: OrganisationTable;
	body: BodyTable;
	app_user: UserTable;
	membership: MembershipTable;
	body_role_description: BodyRoleDescriptionTable;
	meeting: MeetingTable;
	user_session: UserSessionTable;
	login_attempt: LoginAttemptTable;
	user_link: UserLinkTable;
	audit_event: AuditEventTable;
	doc_update: DocUpdateTable;
	doc_snapshot: DocSnapshotTable;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Organisation = Selectable<OrganisationTable>;
export type Body = Selectable<BodyTable>;
export type Membership = Selectable<MembershipTable>;
export type Meeting = Selectable<MeetingTable>;
export type Area = Selectable<AreaTable>;
export type UserSession = Selectable<UserSessionTable>;
export type AuditEvent = Selectable<AuditEventTable>;

import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type IntakeChannel = 'web' | 'postal_box' | 'telephone' | 'watchdog' | 'walk_in';
export type IntakeKind = 'tip' | 'complaint' | 'help_request';
export type IntakeStatus = 'new' | 'on_agenda' | 'dismissed' | 'case_opened' | 'referred';

export interface IntakeReportTable {
	id: Generated<string>;
	reference: string;
	body_id: string;
	channel: IntakeChannel;
	kind: IntakeKind;
	message: string;
	location: string | null;
	contact_name: string | null;
	contact_phone: string | null;
	contact_email: string | null;
	status: Generated<IntakeStatus>;
	dismissed_reason: string | null;
	meeting_id: string | null;
	case_id: ColumnType<string | null, string | null | undefined, string | null>;
	recorded_by: string | null;
	triaged_by: string | null;
	triaged_at: Timestamp | null;
	created_at: Timestamp;
}

export interface IntakeAttemptTable {
	id: Generated<number>;
	address_hash: string;
	at: Timestamp;
}

/** The intake tables, merged into the database's `DB` type. */
export interface IntakeTables {
	intake_report: IntakeReportTable;
	intake_attempt: IntakeAttemptTable;
}

import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: read as the parsed value, written as JSON text. */
type Json<T> = ColumnType<T, string | undefined, string>;

export type NotificationKind =
	| 'assigned'
	| 'due_soon'
	| 'due_today'
	| 'overdue'
	| 'meeting'
	| 'referral_received'
	| 'referral_answered'
	| 'minutes_ready'
	| 'minutes_circulated'
	| 'report_accepted'
	| 'carried_over'
	| 'intake_new';

export const NOTIFICATION_KINDS: NotificationKind[] = [
	'assigned',
	'due_soon',
	'due_today',
	'overdue',
	'meeting',
	'referral_received',
	'referral_answered',
	'minutes_ready',
	'minutes_circulated',
	'report_accepted',
	'carried_over',
	'intake_new'
];

export type SubjectType = 'action' | 'meeting' | 'referral' | 'intake' | 'minutes';

export interface NotificationTable {
	id: Generated<string>;
	user_id: string;
	kind: NotificationKind;
	subject_type: SubjectType;
	subject_id: string;
	/** Bangkok date of the occasion; with person, item and kind, the key that makes it exactly-once. */
	day: string;
	created_at: Generated<Date>;
	read_at: Timestamp | null;
	mailed_at: Timestamp | null;
}

export interface NotificationPreferenceTable {
	user_id: string;
	off: Json<NotificationKind[]>;
	no_mail: Json<NotificationKind[]>;
	delivery: ColumnType<'immediate' | 'digest', 'immediate' | 'digest' | undefined, 'immediate' | 'digest'>;
	digest_hour: Generated<number>;
	quiet_from: number | null;
	quiet_to: number | null;
	meeting_days: Generated<number>;
	link_key: string;
	updated_at: Generated<Date>;
}

export type MailStatus = 'pending' | 'sent' | 'failed';

export interface MailOutboxTable {
	id: Generated<string>;
	dedupe_key: string;
	user_id: string;
	to_address: string;
	subject: string;
	text_body: string;
	html_body: string;
	ics: string | null;
	ics_method: string | null;
	unsubscribe_url: string | null;
	status: Generated<MailStatus>;
	attempts: Generated<number>;
	not_before: Timestamp;
	locked_until: Timestamp | null;
	last_error: string | null;
	created_at: Generated<Date>;
	sent_at: Timestamp | null;
}

export interface MeetingInvitationTable {
	meeting_id: string;
	user_id: string;
	sequence: number;
	fingerprint: string;
	cancelled: Generated<boolean>;
	updated_at: Timestamp;
}

export interface NotificationJobTable {
	name: string;
	run_at: Timestamp;
	cursor: Timestamp | null;
	locked_until: Timestamp | null;
}

/** The notification tables, merged into the database's `DB` type. */
export interface NotificationTables {
	notification: NotificationTable;
	notification_preference: NotificationPreferenceTable;
	mail_outbox: MailOutboxTable;
	meeting_invitation: MeetingInvitationTable;
	notification_job: NotificationJobTable;
}

export type Notification = Selectable<NotificationTable>;
export type NotificationPreference = Selectable<NotificationPreferenceTable>;
export type OutboxMail = Selectable<MailOutboxTable>;

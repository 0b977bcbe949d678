import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type ActionStatus = 'open' | 'in_progress' | 'awaiting_report' | 'closed' | 'dropped';
export type ActionUpdateKind =
	'created' | 'progress' | 'started' | 'done' | 'report_back' | 'accepted' | 'carried_over' | 'reassigned' | 'handed_over' | 'dropped' | 'reopened';
/** States in which an action item still needs follow-up. */
export const OPEN_STATUSES: ActionStatus[] = ['open', 'in_progress', 'awaiting_report'];
/** States an action item leaves only by being reopened. */
export const FINISHED_STATUSES: ActionStatus[] = ['closed', 'dropped'];

export interface DecisionTable {
	id: string;
	meeting_id: string;
	agenda_item_id: string | null;
	text: string;
	position: Generated<number>;
	/** Set when a case conference took the decision. */
	case_id: ColumnType<string | null, string | null | undefined, string | null>;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface DecisionOrganisationTable {
	decision_id: string;
	organisation_id: string;
	responsibility: 'lead' | 'supporting';
}

export interface ActionItemTable {
	id: string;
	body_id: string;
	meeting_id: string | null;
	decision_id: string | null;
	title: string;
	description: Generated<string>;
	lead_organisation_id: string;
	assignee_id: string | null;
	due_on: string | null;
	status: Generated<ActionStatus>;
	closed_meeting_id: string | null;
	/** Set for an action of a case: others see it without the case's details. */
	case_id: ColumnType<string | null, string | null | undefined, string | null>;
	created_at: Timestamp;
	updated_at: Timestamp;
}

export interface ActionItemOrganisationTable {
	action_item_id: string;
	organisation_id: string;
}

export interface ActionUpdateTable {
	id: Generated<number>;
	action_item_id: string;
	author_id: string | null;
	at: Timestamp;
	kind: ActionUpdateKind;
	text: Generated<string>;
	meeting_id: string | null;
	detail: ColumnType<Record<string, unknown> | null, string | null, never>;
	/** The key of the request that wrote the entry, so a request sent again writes nothing twice. */
	request_key: string | null;
}

/** A user's secret calendar feed; the token itself is never stored. */
export interface CalendarFeedTable {
	user_id: string;
	token_hash: string;
	created_at: Timestamp;
	/** The tag of the feed's content when last served, and when that content was first served. */
	content_tag: string | null;
	content_changed_at: Timestamp | null;
}

/** The follow-up tables, merged into the database's `DB` type. */
export interface FollowupTables {
	calendar_feed: CalendarFeedTable;
	decision: DecisionTable;
	decision_organisation: DecisionOrganisationTable;
	action_item: ActionItemTable;
	action_item_organisation: ActionItemOrganisationTable;
	action_update: ActionUpdateTable;
}

export type ActionItem = Selectable<ActionItemTable>;
export type ActionUpdate = Selectable<ActionUpdateTable>;

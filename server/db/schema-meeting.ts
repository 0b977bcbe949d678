import type { ColumnType, Generated } from 'kysely';

export type Standing = 'minutes' | 'followup' | 'situation' | 'cases' | 'aob';

export interface AgendaItemTable {
	id: string;
	meeting_id: string;
	title: string;
	position: number;
	minutes: number | null;
	presenter_organisation_id: string | null;
	standing: Standing | null;
	/** jsonb: read as an array, written as JSON text. */
	links: ColumnType<{ url: string; label: string }[], string, string>;
}

export interface AttendanceTable {
	meeting_id: string;
	organisation_id: string;
	status: 'present' | 'alternate' | 'apologies' | 'absent';
	arrived_at: Date | null;
	left_at: Date | null;
	/** Why the organisation sent apologies or did not come; at most 200 characters. */
	reason: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Someone who attended a meeting without being a member (ผู้เข้าร่วมประชุม), as its live document lists them. */
export interface MeetingGuestTable {
	id: string;
	meeting_id: string;
	name: string;
	position: string;
	/** Free text: a guest need not come from an organisation of the network. */
	organisation: string;
	sort_order: number;
}

export interface AgendaTemplateItemTable {
	id: Generated<string>;
	body_id: string;
	position: number;
	title_th: string;
	title_en: string;
	standing: Standing | null;
	minutes: number | null;
}

export type MeetingVersionReason = 'start' | 'end' | 'periodic' | 'before_restore';

/** A meeting document's whole encoded Yjs state at one moment. */
export interface MeetingVersionTable {
	id: Generated<string>;
	meeting_id: string;
	reason: MeetingVersionReason;
	taken_at: ColumnType<Date, Date | undefined, never>;
	taken_by: string | null;
	state: Uint8Array;
}

/** The meeting read-model tables, merged into the database's `DB` type. */
export interface MeetingTables {
	agenda_item: AgendaItemTable;
	attendance: AttendanceTable;
	meeting_guest: MeetingGuestTable;
	agenda_template_item: AgendaTemplateItemTable;
	meeting_version: MeetingVersionTable;
}

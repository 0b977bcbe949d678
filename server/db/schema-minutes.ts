import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: read as the parsed value, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;

/** A meeting's minutes exist once the draft was generated; the draft itself lives in `minutes:<meetingId>`. */
export interface MinutesTable {
	meeting_id: string;
	generated_by: string | null;
	generated_at: Timestamp;
	/** The live draft received its content from the model; claimed once so a retry cannot seed twice. */
	seeded: Generated<boolean>;
}

export type MinutesVersionKind = 'approved_at_meeting' | 'approved_by_circulation' | 'approved_by_chair' | 'correction';

/** One immutable version of approved minutes: what was approved (or corrected), rendered, with its hash. */
export interface MinutesVersionTable {
	id: Generated<string>;
	meeting_id: string;
	/** 1 is the approval; each correction takes the next number. */
	number: number;
	kind: MinutesVersionKind;
	/** The approving meeting, for `approved_at_meeting`. */
	approved_at_meeting_id: string | null;
	/** Why: required outside a meeting and for corrections. */
	reason: string | null;
	/** What the meeting changed when it approved with amendments. */
	amendments: string | null;
	/** ProseMirror JSON of the content, the source the exports render. */
	content_json: Json<Record<string, unknown>>;
	content_html: string;
	content_markdown: string;
	/** SHA-256 (hex) of `content_markdown` as UTF-8. */
	sha256: string;
	created_by: string;
	created_at: Timestamp;
}

/** A member's comment on one paragraph of the draft, until approval. */
export interface MinutesCommentTable {
	id: Generated<string>;
	meeting_id: string;
	/** Y.RelativePosition of the paragraph (base64), so the anchor follows concurrent edits. */
	anchor: string;
	/** The paragraph's text when the comment was written, shown if the paragraph has gone. */
	quote: string;
	text: string;
	author_id: string;
	created_at: Timestamp;
	resolved_at: Date | null;
	resolved_by: string | null;
}

/** The draft sent to the members for approval by circulation (แจ้งเวียน), as sent. */
export interface MinutesCirculationTable {
	meeting_id: string;
	started_by: string;
	started_at: Timestamp;
	/** Members answer until this instant; then the circulation settles. */
	deadline: Timestamp;
	/** ProseMirror JSON of the draft as circulated: what members confirm is what is approved. */
	content_json: Json<Record<string, unknown>>;
	sha256: string;
	/** open until settled: approved (every member confirmed, or the deadline passed without comment), or returned to the next meeting (a member commented). */
	status: ColumnType<'open' | 'approved' | 'returned', 'open' | 'approved' | 'returned' | undefined, 'open' | 'approved' | 'returned'>;
	settled_at: Date | null;
}

/** One member's answer to a circulation: a confirmation, or a comment; one each. */
export interface MinutesCirculationResponseTable {
	meeting_id: string;
	user_id: string;
	kind: 'confirmed' | 'commented';
	text: string | null;
	at: Timestamp;
}

/** The minutes tables, merged into the database's `DB` type. */
export interface MinutesTables {
	minutes: MinutesTable;
	minutes_version: MinutesVersionTable;
	minutes_comment: MinutesCommentTable;
	minutes_circulation: MinutesCirculationTable;
	minutes_circulation_response: MinutesCirculationResponseTable;
}

export type MinutesVersion = Selectable<MinutesVersionTable>;
export type MinutesComment = Selectable<MinutesCommentTable>;

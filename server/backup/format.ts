/**
 * A Concord backup is gzip'd JSON lines, the same for both engines:
 *
 *   {"concord":"backup","format":1,"createdAt":…,"engine":…,"migrations":[…]}
 *   {"table":"app_user","columns":[…],"rows":N}   then N lines, one row each (row_to_json)
 *   … every table, parents before children …
 *   {"sequences":[{"name":…,"value":…,"called":…}]}
 *   {"end":true,"tables":T,"rows":R}
 *
 * Rows are PostgreSQL's own JSON rendering of each column, read back by
 * json_populate_recordset, so every type (bytea as hex, timestamps with their
 * offset, numeric digits) returns exactly. The migration list lets a newer
 * Concord rebuild the backup's schema, load it, then migrate on.
 */
export const FORMAT = 1;

export interface Header {
	concord: 'backup';
	format: number;
	createdAt: string;
	engine: string;
	migrations: string[];
}

export interface TableHeader {
	table: string;
	columns: string[];
	rows: number;
}

/** A sequence that has handed out values; one never used stays at its start. */
export interface SequenceValue {
	name: string;
	/** bigint as text: JSON numbers stop at 2^53. */
	value: string;
	called: boolean;
}

export interface Trailer {
	end: true;
	tables: number;
	rows: number;
}

/** A backup that cannot be written or restored; the message is the one sentence an operator reads. */
export class BackupError extends Error {
	override name = 'BackupError';
}

/** Kysely's bookkeeping travels as the header's migration list, not as rows. */
export const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];

import { sql, type Kysely } from 'kysely';
import type { DB } from '../../server/db/schema';

/**
 * Whether a request changed anything, and undoing it when it did. A copy of
 * every table is kept in a schema of its own; a change is any row that is in
 * one and not the other (rows compared whole, as text), and undoing it copies
 * the changed tables back. Left out: the logs a refusal itself writes (the
 * audit log) and the throttles' counters.
 *
 * Comparing every table whole after every request is most of what a sweep of
 * requests costs, and most requests write nothing. So each watched table gets
 * a statement-level trigger that notes its name whenever a statement writes to
 * it (insert, update, delete or truncate, whether or not a row matched), and
 * only the noted tables are compared. A transaction that rolls back takes its
 * note with it, as it takes its rows.
 */
const KEPT = 'pristine';
const LEFT_OUT = new Set(['audit_event', 'login_attempt', 'intake_attempt', 'kysely_migration', 'kysely_migration_lock']);

export interface RowChange {
	table: string;
	/** `+` a row that appeared (or a row's new contents), `-` one that went (or its old contents). */
	side: '+' | '-';
	row: string;
}

export async function watchedTables(db: Kysely<DB>): Promise<string[]> {
	const r = await sql<{ name: string }>`
		select table_name as name from information_schema.tables
		where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
	return r.rows.map((x) => x.name).filter((n) => !LEFT_OUT.has(n));
}

/** Keeps the current contents of every watched table as the state to compare with and return to, and starts noting writes. */
export async function keepPristine(db: Kysely<DB>): Promise<string[]> {
	const tables = await watchedTables(db);
	await sql`drop schema if exists ${sql.id(KEPT)} cascade`.execute(db);
	await sql`create schema ${sql.id(KEPT)}`.execute(db);
	await sql`create table ${sql.id(KEPT, 'written')} (name text primary key)`.execute(db);
	await sql`
		create function ${sql.id(KEPT, 'note_write')}() returns trigger language plpgsql as $$
		begin
			insert into ${sql.id(KEPT, 'written')} values (tg_table_name) on conflict do nothing;
			return null;
		end $$`.execute(db);
	for (const t of tables) {
		await sql`create table ${sql.id(KEPT, t)} as table ${sql.id('public', t)}`.execute(db);
		await sql`drop trigger if exists pristine_note_write on ${sql.id('public', t)}`.execute(db);
		await sql`
			create trigger pristine_note_write after insert or update or delete or truncate on ${sql.id('public', t)}
			for each statement execute function ${sql.id(KEPT, 'note_write')}()`.execute(db);
	}
	return tables;
}

/** The watched tables some statement wrote to since the state was kept or last restored. */
export async function writtenTables(db: Kysely<DB>): Promise<string[]> {
	const r = await sql<{ name: string }>`select name from ${sql.id(KEPT, 'written')} order by name`.execute(db);
	return r.rows.map((x) => x.name);
}

/** Rows of the given tables that differ from the kept state, in one query. */
export async function changesSincePristine(db: Kysely<DB>, tables: string[]): Promise<RowChange[]> {
	if (!tables.length) return [];
	const parts = tables.map(
		(
			t
		) => sql`(select ${t} as table, '+' as side, left(r, 400) as row from (select x::text as r from ${sql.id('public', t)} x except all select y::text from ${sql.id(KEPT, t)} y) a)
			union all
			(select ${t}, '-', left(r, 400) from (select y::text as r from ${sql.id(KEPT, t)} y except all select x::text from ${sql.id('public', t)} x) b)`
	);
	const r = await sql<RowChange>`${sql.join(parts, sql` union all `)}`.execute(db);
	return r.rows;
}

/** Copies the given tables back from the kept state (foreign keys wait, as in a restore), and forgets the writes noted so far. */
export async function restorePristine(db: Kysely<DB>, tables: string[]): Promise<void> {
	await db.transaction().execute(async (tx) => {
		// The replica role also keeps the noting triggers quiet while the rows go back.
		await sql`set local session_replication_role = replica`.execute(tx);
		for (const t of tables) {
			await sql`delete from ${sql.id('public', t)}`.execute(tx);
			await sql`insert into ${sql.id('public', t)} select * from ${sql.id(KEPT, t)}`.execute(tx);
		}
		await sql`delete from ${sql.id(KEPT, 'written')}`.execute(tx);
	});
}

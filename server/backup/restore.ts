import type { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import { migrations as known } from '../../migrations';
import { migrateToLatest } from '../db/migrate';
import { holdsRows, listTables, type TableInfo } from './catalog';
import { BackupError, FORMAT, type Header, type SequenceValue, type TableHeader, type Trailer } from './format';
import { gzipLines } from './lines';

export interface RestoreOptions {
	/** Replace a database that already holds data. */
	force?: boolean;
	/** The migrations this Concord knows; tests pass a shorter list to play an older Concord. */
	migrations?: Record<string, Migration>;
}

export interface RestoreSummary {
	tables: number;
	rows: number;
	/** Migrations run after loading, to bring an older backup's schema up to date. */
	migrated: string[];
}

/** Rows inserted per statement; their JSON text goes as one parameter. */
const BATCH_ROWS = 500;
const BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Restores a backup into `db`. Everything happens in one transaction: the
 * schema is built as the backup had it, the rows and sequence positions are
 * loaded, then the newer migrations this Concord knows run. A damaged file,
 * or any other failure, rolls back and leaves the database as it was.
 */
export async function restoreBackup(db: Kysely<any>, input: Readable, options: RestoreOptions = {}): Promise<RestoreSummary> {
	const set = options.migrations ?? known;
	const lines = gzipLines(input);
	try {
		return await restoreLines(db, lines, options.force ?? false, set);
	} finally {
		await lines.return(undefined);
	}
}

async function restoreLines(db: Kysely<any>, lines: AsyncGenerator<string>, force: boolean, set: Record<string, Migration>): Promise<RestoreSummary> {
	const header = parseHeader(await next(lines));
	checkMigrations(header, set);
	return db.transaction().execute(async (trx) => {
		if (!force && (await holdsRows(trx))) {
			throw new BackupError('The target database already holds data; restore only into an empty one, or pass --force to replace its contents.');
		}
		await dropAppObjects(trx);
		const last = header.migrations.at(-1);
		if (last) {
			const { error } = await new Migrator({ db: trx, provider: { getMigrations: async () => set } }).migrateTo(last);
			if (error) throw error;
		}
		const tables = new Map((await listTables(trx)).map((t) => [t.name, t]));
		const keys = await dropForeignKeys(trx);
		for (const t of tables.values()) await sql`alter table ${sql.table(t.name)} disable trigger user`.execute(trx);

		let loaded = 0;
		let count = 0;
		let sequences: SequenceValue[] = [];
		for (;;) {
			const line = parse(await next(lines));
			if ('table' in line) {
				const table = tables.get(line.table);
				if (!table)
					throw new BackupError(`The backup has a table "${line.table}" that its own schema version does not define; the file is not a sound Concord backup.`);
				loaded += await loadTable(trx, table, line as TableHeader, lines);
				count++;
			} else if ('sequences' in line) {
				sequences = line.sequences;
			} else if ('end' in line) {
				const trailer = line as Trailer;
				if (trailer.tables !== count || trailer.rows !== loaded) throw new BackupError('The backup file is corrupt: its row counts do not add up.');
				break;
			} else {
				throw new BackupError('The backup file is corrupt: a line is neither a table, a row nor the end.');
			}
		}
		if ((await lines.next()).done !== true) throw new BackupError('The backup file is corrupt: there is data after its end.');

		for (const s of sequences) await sql`select setval(${s.name}::regclass, ${s.value}::bigint, ${s.called})`.execute(trx);
		for (const t of tables.values()) await sql`alter table ${sql.table(t.name)} enable trigger user`.execute(trx);
		for (const k of keys) await sql`alter table ${sql.table(k.table)} add constraint ${sql.id(k.name)} ${sql.raw(k.definition)}`.execute(trx);
		const migrated = await migrateToLatest(trx, set);
		return { tables: count, rows: loaded, migrated };
	});
}

/**
 * Reads a whole backup without a database: the header, every table's rows and
 * the end. What `npm run backup` checks after writing a file.
 */
export async function checkBackup(input: Readable): Promise<{ tables: number; rows: number; migrations: string[] }> {
	const lines = gzipLines(input);
	try {
		const header = parseHeader(await next(lines));
		let tables = 0;
		let rows = 0;
		for (;;) {
			const line = parse(await next(lines));
			if ('table' in line) {
				for (let i = 0; i < (line as TableHeader).rows; i++) await next(lines);
				tables++;
				rows += (line as TableHeader).rows;
			} else if ('end' in line) {
				if (line.tables !== tables || line.rows !== rows) throw new BackupError('The backup file is corrupt: its row counts do not add up.');
				return { tables, rows, migrations: header.migrations };
			} else if (!('sequences' in line)) {
				throw new BackupError('The backup file is corrupt: a line is neither a table, a row nor the end.');
			}
		}
	} finally {
		await lines.return(undefined);
	}
}

async function next(lines: AsyncGenerator<string>): Promise<string> {
	const { value, done } = await lines.next();
	if (done) throw new BackupError('The backup file is truncated: it ends before the backup does.');
	return value;
}

function parse(line: string): Record<string, any> {
	try {
		const value = JSON.parse(line);
		if (value && typeof value === 'object') return value;
	} catch {
		// reported below
	}
	throw new BackupError('The backup file is corrupt: a line is not valid JSON.');
}

function parseHeader(line: string): Header {
	let value: Partial<Header> | undefined;
	try {
		value = JSON.parse(line);
	} catch {
		value = undefined;
	}
	if (!value || value.concord !== 'backup' || !Array.isArray(value.migrations)) throw new BackupError('This file is not a Concord backup.');
	if (typeof value.format !== 'number' || value.format > FORMAT) {
		throw new BackupError(`This backup was written by a newer Concord (backup format ${value.format}); upgrade Concord to restore it.`);
	}
	return value as Header;
}

/** The backup's schema must be one this Concord can build: every migration known, none of ours missing in between. */
function checkMigrations(header: Header, set: Record<string, Migration>): void {
	const unknown = header.migrations.filter((m) => !(m in set));
	if (unknown.length) {
		throw new BackupError(
			`This backup comes from a newer Concord (its schema has migration ${unknown.at(-1)}, which this version does not know); upgrade Concord to restore it.`
		);
	}
	const last = header.migrations.at(-1) ?? '';
	const ours = Object.keys(set)
		.filter((m) => m <= last)
		.sort();
	const theirs = [...header.migrations].sort();
	if (ours.join('\n') !== theirs.join('\n')) {
		throw new BackupError("This backup's schema history differs from this Concord's; restore it with the Concord version that wrote it.");
	}
}

async function loadTable(db: Kysely<any>, table: TableInfo, header: TableHeader, lines: AsyncGenerator<string>): Promise<number> {
	const columns = sql.join(table.columns.map((c) => sql.id(c)));
	const overriding = table.hasIdentity ? sql` overriding system value` : sql``;
	let batch: string[] = [];
	let bytes = 0;
	const flush = async () => {
		if (!batch.length) return;
		const json = `[${batch.join(',')}]`;
		await sql`insert into ${sql.table(table.name)} (${columns})${overriding}
			select ${columns} from json_populate_recordset(null::${sql.table(table.name)}, ${json}::json)`.execute(db);
		batch = [];
		bytes = 0;
	};
	for (let i = 0; i < header.rows; i++) {
		const line = await next(lines);
		if (!line.startsWith('{')) throw new BackupError(`The backup file is corrupt: a row of ${table.name} is not a JSON object.`);
		batch.push(line);
		bytes += line.length;
		if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) await flush();
	}
	await flush();
	return header.rows;
}

/**
 * Foreign keys go while rows load and come back after, as pg_dump does: rows
 * then load in any order (self-references, cycles), and every key is checked
 * once at the end.
 */
async function dropForeignKeys(db: Kysely<any>): Promise<{ table: string; name: string; definition: string }[]> {
	const { rows } = await sql<{ table: string; name: string; definition: string }>`
		select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as definition
		from pg_constraint c
		where c.contype = 'f' and c.connamespace = current_schema()::regnamespace
		order by c.conname`.execute(db);
	for (const k of rows) await sql`alter table ${sql.raw(k.table)} drop constraint ${sql.id(k.name)}`.execute(db);
	return rows.map((k) => ({ ...k, table: k.table.startsWith('"') ? k.table.slice(1, -1).replaceAll('""', '"') : k.table }));
}

/** Everything the migrations made in the current schema, so they can build it again; extensions stay. */
async function dropAppObjects(db: Kysely<any>): Promise<void> {
	const notExtension = sql`not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')`;
	const { rows: relations } = await sql<{ name: string; kind: string }>`
		select c.relname as name, c.relkind as kind from pg_class c
		where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'S') and ${notExtension}`.execute(db);
	for (const r of relations.filter((r) => r.kind === 'v')) await sql`drop view if exists ${sql.table(r.name)} cascade`.execute(db);
	for (const r of relations.filter((r) => r.kind === 'm')) await sql`drop materialized view if exists ${sql.table(r.name)} cascade`.execute(db);
	for (const r of relations.filter((r) => r.kind === 'r' || r.kind === 'p')) await sql`drop table if exists ${sql.table(r.name)} cascade`.execute(db);
	for (const r of relations.filter((r) => r.kind === 'S')) await sql`drop sequence if exists ${sql.table(r.name)} cascade`.execute(db);
	const { rows: functions } = await sql<{ signature: string }>`
		select c.oid::regprocedure::text as signature from pg_proc c
		where c.pronamespace = current_schema()::regnamespace and c.prokind in ('f', 'p') and ${notExtension}`.execute(db);
	for (const f of functions) await sql`drop routine if exists ${sql.raw(f.signature)} cascade`.execute(db);
	const { rows: types } = await sql<{ name: string }>`
		select c.typname as name from pg_type c
		where c.typnamespace = current_schema()::regnamespace and c.typtype in ('e', 'd') and ${notExtension}`.execute(db);
	for (const t of types) await sql`drop type if exists ${sql.id(t.name)} cascade`.execute(db);
}

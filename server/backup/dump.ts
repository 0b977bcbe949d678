import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { listSequences, listTables } from './catalog';
import { BackupError, FORMAT, type Header, type SequenceValue, type TableHeader, type Trailer } from './format';

export interface BackupSummary {
	tables: number;
	rows: number;
	migrations: string[];
}

/** Rows fetched from the cursor at a time: bounds memory whatever a table's size. */
const FETCH = 2000;

/**
 * Writes a backup of the database to `out` (gzip'd JSON lines, see format.ts),
 * read in one repeatable-read snapshot so that every table is seen at the same
 * instant while the app goes on writing.
 */
export async function writeBackup(db: Kysely<any>, out: Writable, engine: string): Promise<BackupSummary> {
	const gzip = createGzip();
	let finished = false;
	// A reader that goes away must end the snapshot transaction, not leave it waiting for a drain.
	const failed = new Promise<never>((_, reject) => {
		const fail = (error?: Error) => reject(error ?? new BackupError('The backup was cut off: its reader went away.'));
		gzip.once('error', fail);
		out.once('error', fail);
		out.once('close', () => finished || fail());
	});
	failed.catch(() => {});
	gzip.pipe(out);
	const write = async (line: string) => {
		if (!gzip.write(line + '\n')) await Promise.race([once(gzip, 'drain'), failed]);
	};
	const summary = await db
		.transaction()
		.setIsolationLevel('repeatable read')
		.setAccessMode('read only')
		.execute(async (trx) => {
			const migrations = await appliedMigrations(trx);
			const header: Header = { concord: 'backup', format: FORMAT, createdAt: new Date().toISOString(), engine, migrations };
			await write(JSON.stringify(header));
			const tables = await listTables(trx);
			let total = 0;
			for (const table of tables) {
				const { rows } = await sql<{ n: string }>`select count(*)::text as n from only ${sql.table(table.name)}`.execute(trx);
				const count = Number(rows[0]!.n);
				const tableHeader: TableHeader = { table: table.name, columns: table.columns, rows: count };
				await write(JSON.stringify(tableHeader));
				const order = table.primaryKey.length ? sql` order by ${sql.join(table.primaryKey.map((c) => sql.ref(`t.${c}`)))}` : sql``;
				await sql`declare concord_backup no scroll cursor for select row_to_json(t)::text as j from only ${sql.table(table.name)} t${order}`.execute(trx);
				let seen = 0;
				for (;;) {
					const batch = await sql<{ j: string }>`fetch forward ${sql.raw(String(FETCH))} from concord_backup`.execute(trx);
					if (batch.rows.length) await write(batch.rows.map((r) => r.j).join('\n'));
					seen += batch.rows.length;
					if (batch.rows.length < FETCH) break;
				}
				await sql`close concord_backup`.execute(trx);
				// The snapshot makes this impossible; a mismatch means the file would lie.
				if (seen !== count) throw new BackupError(`Table ${table.name} changed during the backup (${count} rows counted, ${seen} read).`);
				total += count;
			}
			const sequences: SequenceValue[] = [];
			for (const name of await listSequences(trx)) {
				// Not `select last_value from <seq>`: the app's own role has usage of sequences, not select.
				const { rows } = await sql<{ value: string | null }>`select pg_sequence_last_value(${name}::regclass)::text as value`.execute(trx);
				const value = rows[0]!.value;
				if (value !== null) sequences.push({ name, value, called: true });
			}
			await write(JSON.stringify({ sequences }));
			const trailer: Trailer = { end: true, tables: tables.length, rows: total };
			await write(JSON.stringify(trailer));
			return { tables: tables.length, rows: total, migrations };
		});
	gzip.end();
	await Promise.race([once(out, 'finish'), failed]);
	finished = true;
	return summary;
}

async function appliedMigrations(db: Kysely<any>): Promise<string[]> {
	const { rows: found } = await sql<{ found: boolean }>`select to_regclass('kysely_migration') is not null as found`.execute(db);
	if (!found[0]?.found) throw new BackupError('This database has no Concord schema: there is nothing to back up.');
	const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
	return rows.map((r) => r.name);
}

import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../db/schema';

type Handle = Kysely<DB> | Transaction<DB>;

export interface StoredDocument {
	snapshot: Uint8Array | null;
	updates: { id: number; data: Uint8Array }[];
}

// Rows per INSERT: a longer log goes in several statements of one transaction.
const ROWS_PER_STATEMENT = 2_000;

/*
 * Bytes travel as hex text: PGlite converts bytea parameters and results one
 * byte at a time in JavaScript, which made a 300 KB snapshot cost ~170 ms of
 * blocked event loop; Buffer's hex codec is native and both engines accept it.
 */
const hex = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
const toBytea = (bytes: Uint8Array): RawBuilder<Uint8Array> => sql<Uint8Array>`decode(${hex(bytes)}, 'hex')`;
/*
 * The update log's insert, the one statement on every keystroke's path, is
 * sent without parameters: both engines then take it as one simple-protocol
 * message instead of parse, bind, describe, execute and sync. Its values are
 * quoted literals: hex digits, and document names made of letters, digits,
 * ':', '-' and '_' (those of the access module); any other name goes as a
 * parameter, so no quoting rule of the server's matters.
 */
const PLAIN_NAME = /^[A-Za-z0-9:_-]+$/;
const nameValue = (name: string) => (PLAIN_NAME.test(name) ? sql.lit(name) : name);
const byteaLiteral = (bytes: Uint8Array): RawBuilder<Uint8Array> => sql<Uint8Array>`decode(${sql.lit(hex(bytes))}, 'hex')`;
const fromHex = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));

/*
 * Logged updates are read a slice at a time: the embedded engine runs one
 * statement at a time, and a document's whole log in one statement would hold
 * every other document's commits back until it is read.
 */
const ROWS_PER_READ = 100;

/** Reads a document's snapshot alone; null when it has none yet. */
export async function readSnapshot(db: Handle, name: string): Promise<Uint8Array | null> {
	const snapshot = await db
		.selectFrom('doc_snapshot')
		.select(sql<string>`encode(state, 'hex')`.as('hex'))
		.where('doc_name', '=', name)
		.executeTakeFirst();
	return snapshot ? fromHex(snapshot.hex) : null;
}

/** Reads a document's snapshot and every logged update after it, oldest first. */
export async function readDocument(db: Handle, name: string): Promise<StoredDocument> {
	const snapshot = await readSnapshot(db, name);
	const updates: StoredDocument['updates'] = [];
	for (let after = 0; ;) {
		const slice = await db
			.selectFrom('doc_update')
			.select(['id', sql<string>`encode(data, 'hex')`.as('hex')])
			.where('doc_name', '=', name)
			.where('id', '>', after)
			.orderBy('id')
			.limit(ROWS_PER_READ)
			.execute();
		for (const u of slice) updates.push({ id: u.id, data: fromHex(u.hex) });
		if (slice.length < ROWS_PER_READ) break;
		after = slice.at(-1)!.id;
	}
	return { snapshot, updates };
}

/** A row appended to the update log. */
export interface LoggedRow {
	doc_name: string;
	id: number;
}

/** Appends updates of any documents in one commit; returns the new rows' ids. */
export async function appendUpdates(db: Kysely<DB>, rows: { doc_name: string; data: Uint8Array }[]): Promise<LoggedRow[]> {
	const values = rows.map((r) => ({ doc_name: nameValue(r.doc_name), data: byteaLiteral(r.data) }));
	if (values.length <= ROWS_PER_STATEMENT) {
		// A single statement is its own transaction; no BEGIN/COMMIT round trips.
		return db.insertInto('doc_update').values(values).returning(['doc_name', 'id']).execute();
	}
	return db.transaction().execute(async (tx) => {
		const logged: LoggedRow[] = [];
		for (let i = 0; i < values.length; i += ROWS_PER_STATEMENT) {
			logged.push(
				...(await tx
					.insertInto('doc_update')
					.values(values.slice(i, i + ROWS_PER_STATEMENT))
					.returning(['doc_name', 'id'])
					.execute())
			);
		}
		return logged;
	});
}

/**
 * Replaces a document's snapshot and deletes exactly the given logged rows, in
 * one statement and so in one transaction: a row the snapshot does not cover
 * is never among them.
 */
export async function foldIntoSnapshot(db: Handle, name: string, state: Uint8Array, ids: number[]): Promise<void> {
	await db
		.with('folded', (q) =>
			q
				.deleteFrom('doc_update')
				.where('doc_name', '=', name)
				.where('id', '=', sql<number>`any(${sql.val(ids)}::bigint[])`)
				.returning('id')
		)
		.insertInto('doc_snapshot')
		.values({ doc_name: name, state: toBytea(state), updated_at: new Date() })
		.onConflict((oc) => oc.column('doc_name').doUpdateSet((eb) => ({ state: eb.ref('excluded.state'), updated_at: eb.ref('excluded.updated_at') })))
		.execute();
}

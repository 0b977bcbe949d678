import { sql, type Kysely } from 'kysely';

/**
 * Snapshots are stored uncompressed. Compressing one (pglz) cost the engine
 * 10 ms for a 114 KB document where writing it plain costs 3 ms; compaction
 * writes a snapshot while typing goes on, and every commit waits behind it.
 * A Yjs state is already a compact binary encoding.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table doc_snapshot alter column state set storage external`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table doc_snapshot alter column state set storage extended`.execute(db);
}

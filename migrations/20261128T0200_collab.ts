import { sql, type Kysely } from 'kysely';

/**
 * Storage of the live documents: an append-only log of Yjs updates and one
 * compacted snapshot per document. Compaction folds log rows into the snapshot
 * in one transaction, so a document is always snapshot + remaining rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('doc_update')
		.addColumn('id', 'bigserial', (c) => c.notNull())
		.addColumn('doc_name', 'text', (c) => c.notNull())
		// One Yjs update (v1 encoding); a write batch merges a document's updates into one row.
		.addColumn('data', 'bytea', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		// Every read and delete is by document in id order; one index serves both and each insert maintains only it.
		.addPrimaryKeyConstraint('doc_update_pkey', ['doc_name', 'id'])
		.execute();

	await db.schema
		.createTable('doc_snapshot')
		.addColumn('doc_name', 'text', (c) => c.primaryKey())
		// Y.encodeStateAsUpdate of a garbage-collected document: deleted content is gone.
		.addColumn('state', 'bytea', (c) => c.notNull())
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('doc_snapshot').execute();
	await db.schema.dropTable('doc_update').execute();
}

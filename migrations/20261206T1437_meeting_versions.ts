import { sql, type Kysely } from 'kysely';

/**
 * Versions of a meeting's live document: its whole encoded Yjs state at the
 * start, at the end, every ten minutes of editing and before a restore, so
 * the chair and secretary can bring back a single item as it was. Stored
 * uncompressed, like snapshots (20261129T0900): a Yjs state is already compact.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('meeting_version')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meeting.id'))
		.addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('start','end','periodic','before_restore')`))
		.addColumn('taken_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('taken_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('state', 'bytea', (c) => c.notNull())
		.execute();
	await sql`alter table meeting_version alter column state set storage external`.execute(db);
	await db.schema.createIndex('meeting_version_meeting_idx').on('meeting_version').columns(['meeting_id', 'taken_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('meeting_version').execute();
}

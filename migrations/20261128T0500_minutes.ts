import { sql, type Kysely } from 'kysely';

/** Minutes: the generated draft's claim, immutable approved versions, and paragraph comments. */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('minutes')
		.addColumn('meeting_id', 'uuid', (c) => c.primaryKey().references('meeting.id'))
		.addColumn('generated_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('generated_at', 'timestamptz', (c) => c.notNull())
		.addColumn('seeded', 'boolean', (c) => c.notNull().defaultTo(false))
		.execute();

	await db.schema
		.createTable('minutes_version')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('meeting_id', 'uuid', (c) => c.notNull().references('minutes.meeting_id'))
		.addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('approved_at_meeting','approved_by_chair','correction')`))
		.addColumn('approved_at_meeting_id', 'uuid', (c) => c.references('meeting.id'))
		.addColumn('reason', 'text')
		.addColumn('amendments', 'text')
		.addColumn('content_json', 'jsonb', (c) => c.notNull())
		.addColumn('content_html', 'text', (c) => c.notNull())
		.addColumn('content_markdown', 'text', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
		.addColumn('created_by', 'uuid', (c) => c.notNull().references('app_user.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull())
		.addUniqueConstraint('minutes_version_number_uq', ['meeting_id', 'number'])
		// The rules of each kind, so no code path can store a version without its grounds.
		.addCheckConstraint(
			'minutes_version_grounds',
			sql`
			(kind = 'approved_at_meeting' and number = 1 and approved_at_meeting_id is not null)
			or (kind = 'approved_by_chair' and number = 1 and approved_at_meeting_id is null and length(coalesce(reason, '')) > 0)
			or (kind = 'correction' and number > 1 and length(coalesce(reason, '')) > 0)`
		)
		.execute();
	await db.schema.createIndex('minutes_version_approved_at_idx').on('minutes_version').column('approved_at_meeting_id').execute();
	await sql`
		create function minutes_version_immutable() returns trigger language plpgsql as $$
		begin
			raise exception 'minutes_version is append-only' using errcode = '42501';
		end;
		$$`.execute(db);
	await sql`
		create trigger minutes_version_no_change before update or delete on minutes_version
		for each row execute function minutes_version_immutable()`.execute(db);
	await sql`
		create trigger minutes_version_no_truncate before truncate on minutes_version
		for each statement execute function minutes_version_immutable()`.execute(db);

	await db.schema
		.createTable('minutes_comment')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('meeting_id', 'uuid', (c) => c.notNull().references('minutes.meeting_id'))
		.addColumn('anchor', 'text', (c) => c.notNull())
		.addColumn('quote', 'text', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('author_id', 'uuid', (c) => c.notNull().references('app_user.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull())
		.addColumn('resolved_at', 'timestamptz')
		.addColumn('resolved_by', 'uuid', (c) => c.references('app_user.id'))
		.execute();
	await db.schema.createIndex('minutes_comment_meeting_idx').on('minutes_comment').columns(['meeting_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('minutes_comment').execute();
	await sql`drop trigger if exists minutes_version_no_truncate on minutes_version`.execute(db);
	await sql`drop trigger if exists minutes_version_no_change on minutes_version`.execute(db);
	await db.schema.dropTable('minutes_version').execute();
	await sql`drop function if exists minutes_version_immutable()`.execute(db);
	await db.schema.dropTable('minutes').execute();
}

import { sql, type Kysely } from 'kysely';

/**
 * Approval by circulation (แจ้งเวียน): the secretariat sends the draft to the
 * members, who confirm it or comment within a set time. The circulated text is
 * kept as sent, so what members confirmed is what is approved; each member
 * answers once. Minutes approved this way are a version of their own kind.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('minutes_circulation')
		.addColumn('meeting_id', 'uuid', (c) => c.primaryKey().references('minutes.meeting_id'))
		.addColumn('started_by', 'uuid', (c) => c.notNull().references('app_user.id'))
		.addColumn('started_at', 'timestamptz', (c) => c.notNull())
		.addColumn('deadline', 'timestamptz', (c) => c.notNull())
		.addColumn('content_json', 'jsonb', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('open')
				.check(sql`status in ('open','approved','returned')`)
		)
		.addColumn('settled_at', 'timestamptz')
		.addCheckConstraint('minutes_circulation_deadline', sql`deadline > started_at`)
		.addCheckConstraint('minutes_circulation_settled', sql`(status = 'open') = (settled_at is null)`)
		.execute();
	await db.schema
		.createTable('minutes_circulation_response')
		.addColumn('meeting_id', 'uuid', (c) => c.notNull().references('minutes_circulation.meeting_id'))
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id'))
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('confirmed','commented')`))
		.addColumn('text', 'text', (c) => c.check(sql`char_length(text) <= 4000`))
		.addColumn('at', 'timestamptz', (c) => c.notNull())
		.addPrimaryKeyConstraint('minutes_circulation_response_pk', ['meeting_id', 'user_id'])
		.addCheckConstraint('minutes_circulation_response_text', sql`kind = 'confirmed' or length(coalesce(text, '')) > 0`)
		.execute();

	await sql`alter table minutes_version drop constraint minutes_version_kind_check`.execute(db);
	await sql`alter table minutes_version drop constraint minutes_version_grounds`.execute(db);
	await sql`alter table minutes_version add constraint minutes_version_kind_check
		check (kind in ('approved_at_meeting','approved_by_circulation','approved_by_chair','correction'))`.execute(db);
	await sql`alter table minutes_version add constraint minutes_version_grounds check (
		(kind = 'approved_at_meeting' and number = 1 and approved_at_meeting_id is not null)
		or (kind = 'approved_by_circulation' and number = 1 and approved_at_meeting_id is null)
		or (kind = 'approved_by_chair' and number = 1 and approved_at_meeting_id is null and length(coalesce(reason, '')) > 0)
		or (kind = 'correction' and number > 1 and length(coalesce(reason, '')) > 0))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table minutes_version drop constraint minutes_version_grounds`.execute(db);
	await sql`alter table minutes_version drop constraint minutes_version_kind_check`.execute(db);
	await sql`alter table minutes_version add constraint minutes_version_kind_check
		check (kind in ('approved_at_meeting','approved_by_chair','correction'))`.execute(db);
	await sql`alter table minutes_version add constraint minutes_version_grounds check (
		(kind = 'approved_at_meeting' and number = 1 and approved_at_meeting_id is not null)
		or (kind = 'approved_by_chair' and number = 1 and approved_at_meeting_id is null and length(coalesce(reason, '')) > 0)
		or (kind = 'correction' and number > 1 and length(coalesce(reason, '')) > 0))`.execute(db);
	await db.schema.dropTable('minutes_circulation_response').execute();
	await db.schema.dropTable('minutes_circulation').execute();
}

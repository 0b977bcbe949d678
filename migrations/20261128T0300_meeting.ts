import { sql, type Kysely } from 'kysely';

/** Read models of a meeting's live document, agenda templates and meeting series. */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('agenda_item')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meeting.id'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('minutes', 'integer')
		.addColumn('presenter_organisation_id', 'uuid', (c) => c.references('organisation.id'))
		.addColumn('standing', 'text', (c) => c.check(sql`standing in ('minutes','followup','situation','cases','aob')`))
		.addColumn('links', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
		.execute();
	await db.schema.createIndex('agenda_item_meeting_idx').on('agenda_item').columns(['meeting_id', 'position']).execute();

	await db.schema
		.createTable('attendance')
		.addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meeting.id'))
		.addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('present','alternate','apologies','absent')`))
		.addColumn('arrived_at', 'timestamptz')
		.addColumn('left_at', 'timestamptz')
		.addPrimaryKeyConstraint('attendance_pk', ['meeting_id', 'organisation_id'])
		.execute();

	await db.schema
		.createTable('agenda_template_item')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('body_id', 'uuid', (c) => c.notNull().references('body.id'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('title_th', 'text', (c) => c.notNull())
		.addColumn('title_en', 'text', (c) => c.notNull())
		.addColumn('standing', 'text', (c) => c.check(sql`standing in ('minutes','followup','situation','cases','aob')`))
		.addColumn('minutes', 'integer')
		.execute();
	await db.schema.createIndex('agenda_template_body_idx').on('agenda_template_item').columns(['body_id', 'position']).execute();

	await db.schema.alterTable('meeting').addColumn('series_id', 'uuid').execute();
	await db.schema.alterTable('meeting').addColumn('started_at', 'timestamptz').execute();
	await db.schema.alterTable('meeting').addColumn('closed_at', 'timestamptz').execute();
	await db.schema
		.alterTable('meeting')
		.addColumn('created_by', 'uuid', (c) => c.references('app_user.id'))
		.execute();
	// The live document was given its first agenda from the template.
	await db.schema
		.alterTable('meeting')
		.addColumn('doc_initialised', 'boolean', (c) => c.notNull().defaultTo(false))
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const c of ['doc_initialised', 'created_by', 'closed_at', 'started_at', 'series_id']) {
		await db.schema.alterTable('meeting').dropColumn(c).execute();
	}
	for (const t of ['agenda_template_item', 'attendance', 'agenda_item']) await db.schema.dropTable(t).execute();
}

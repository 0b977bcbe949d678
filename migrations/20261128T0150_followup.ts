import { sql, type Kysely } from 'kysely';

/**
 * Decisions, action items and their append-only history. Decisions and new
 * action items are projected from a meeting's live document (ids come from the
 * document); an action item's follow-up lives here.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('decision')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meeting.id'))
		.addColumn('agenda_item_id', 'uuid')
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('decision_meeting_idx').on('decision').column('meeting_id').execute();

	await db.schema
		.createTable('decision_organisation')
		.addColumn('decision_id', 'uuid', (c) => c.notNull().references('decision.id').onDelete('cascade'))
		.addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
		.addColumn('responsibility', 'text', (c) => c.notNull().check(sql`responsibility in ('lead','supporting')`))
		.addPrimaryKeyConstraint('decision_organisation_pk', ['decision_id', 'organisation_id'])
		.execute();
	await db.schema.createIndex('decision_organisation_org_idx').on('decision_organisation').column('organisation_id').execute();

	await db.schema
		.createTable('action_item')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('body_id', 'uuid', (c) => c.notNull().references('body.id'))
		.addColumn('meeting_id', 'uuid', (c) => c.references('meeting.id'))
		.addColumn('decision_id', 'uuid', (c) => c.references('decision.id'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('lead_organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
		.addColumn('assignee_id', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('due_on', 'date')
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('open')
				.check(sql`status in ('open','in_progress','awaiting_report','closed','dropped')`)
		)
		.addColumn('closed_meeting_id', 'uuid', (c) => c.references('meeting.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('action_item_body_status_idx').on('action_item').columns(['body_id', 'status', 'due_on']).execute();
	await db.schema.createIndex('action_item_lead_status_idx').on('action_item').columns(['lead_organisation_id', 'status', 'due_on']).execute();
	await db.schema.createIndex('action_item_assignee_idx').on('action_item').columns(['assignee_id', 'status']).execute();

	await db.schema
		.createTable('action_item_organisation')
		.addColumn('action_item_id', 'uuid', (c) => c.notNull().references('action_item.id').onDelete('cascade'))
		.addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
		.addPrimaryKeyConstraint('action_item_organisation_pk', ['action_item_id', 'organisation_id'])
		.execute();
	await db.schema.createIndex('action_item_organisation_org_idx').on('action_item_organisation').column('organisation_id').execute();

	await db.schema
		.createTable('action_update')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('action_item_id', 'uuid', (c) => c.notNull().references('action_item.id'))
		.addColumn('author_id', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('kind', 'text', (c) =>
			c
				.notNull()
				.check(sql`kind in ('created','progress','started','done','report_back','accepted','carried_over','reassigned','handed_over','dropped','reopened')`)
		)
		.addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('meeting_id', 'uuid', (c) => c.references('meeting.id'))
		.addColumn('detail', 'jsonb')
		.execute();
	await db.schema.createIndex('action_update_item_idx').on('action_update').columns(['action_item_id', 'at']).execute();
	// History is append-only, like the audit log.
	await sql`
		create function action_update_immutable() returns trigger language plpgsql as $$
		begin
			raise exception 'action_update is append-only' using errcode = '42501';
		end;
		$$`.execute(db);
	await sql`
		create trigger action_update_no_change before update or delete on action_update
		for each row execute function action_update_immutable()`.execute(db);

	// The successor sees the hand-over note first, until they acknowledge it.
	await db.schema.alterTable('membership').addColumn('handover_seen_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('membership').dropColumn('handover_seen_at').execute();
	await sql`drop trigger if exists action_update_no_change on action_update`.execute(db);
	await db.schema.dropTable('action_update').execute();
	await sql`drop function if exists action_update_immutable()`.execute(db);
	for (const t of ['action_item_organisation', 'action_item', 'decision_organisation', 'decision']) {
		await db.schema.dropTable(t).execute();
	}
}

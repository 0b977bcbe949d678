import { sql, type Kysely } from 'kysely';

/**
 * Boards, the decision log and the calendar feed. The indexes are the ones the
 * follow-up benchmark (`npm run bench:boards`) showed the boards need at a
 * province's twenty years of work.
 */
export async function up(db: Kysely<any>): Promise<void> {
	// A user's calendar feed: the secret is in the URL, so only its hash is kept.
	await db.schema
		.createTable('calendar_feed')
		.addColumn('user_id', 'uuid', (c) => c.primaryKey().references('app_user.id').onDelete('cascade'))
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	// The boards and the outstanding view read a body's open items whole from
	// this small partial index (open items are a few percent of twenty years);
	// the board finds recently finished items by date in the next.
	await sql`create index action_item_open_idx on action_item (body_id, lead_organisation_id)
		include (id, status, due_on, created_at, updated_at, assignee_id, title, closed_meeting_id, meeting_id, decision_id)
		where status in ('open', 'in_progress', 'awaiting_report')`.execute(db);
	await sql`create index action_item_finished_idx on action_item (body_id, updated_at) include (lead_organisation_id, id)
		where status in ('closed', 'dropped')`.execute(db);
	// Items an organisation supports, without reading the table; replaces the single-column index.
	await db.schema.dropIndex('action_item_organisation_org_idx').execute();
	await db.schema.createIndex('action_item_organisation_org_item_idx').on('action_item_organisation').columns(['organisation_id', 'action_item_id']).execute();
	// The decision log: a decision's actions, and the decisions an organisation is named in or leads actions of.
	await db.schema.createIndex('action_item_decision_idx').on('action_item').column('decision_id').execute();
	await db.schema.createIndex('action_item_lead_decision_idx').on('action_item').columns(['lead_organisation_id', 'body_id', 'decision_id']).execute();
	await db.schema.dropIndex('decision_organisation_org_idx').execute();
	await db.schema.createIndex('decision_organisation_org_decision_idx').on('decision_organisation').columns(['organisation_id', 'decision_id']).execute();
	// A decision's meeting and place in it without reading the decision: the
	// log sorts an organisation's decisions by date before reading any text.
	await sql`create unique index decision_meeting_cover_idx on decision (id) include (meeting_id, position)`.execute(db);
	// The decision log lists the newest meetings first.
	await db.schema.createIndex('meeting_starts_idx').on('meeting').column('starts_at').execute();

	// Substring search of decisions (Thai has no spaces) wants trigrams. The
	// embedded engine ships without pg_trgm; it searches few enough rows to scan.
	await sql`
		do $$
		begin
			if exists (select 1 from pg_available_extensions where name = 'pg_trgm') then
				begin
					create extension if not exists pg_trgm;
				exception when insufficient_privilege then
					raise notice 'pg_trgm not installed: decision search will scan';
				end;
			end if;
			if exists (select 1 from pg_extension where extname = 'pg_trgm') then
				execute 'create index decision_text_trgm_idx on decision using gin (text gin_trgm_ops)';
			end if;
		end
		$$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop index if exists decision_text_trgm_idx`.execute(db);
	for (const i of [
		'meeting_starts_idx',
		'decision_meeting_cover_idx',
		'decision_organisation_org_decision_idx',
		'action_item_lead_decision_idx',
		'action_item_decision_idx',
		'action_item_organisation_org_item_idx',
		'action_item_finished_idx',
		'action_item_open_idx'
	]) {
		await db.schema.dropIndex(i).execute();
	}
	await db.schema.createIndex('decision_organisation_org_idx').on('decision_organisation').column('organisation_id').execute();
	await db.schema.createIndex('action_item_organisation_org_idx').on('action_item_organisation').column('organisation_id').execute();
	await db.schema.dropTable('calendar_feed').execute();
}

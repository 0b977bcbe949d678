import { sql, type Kysely } from 'kysely';

/**
 * Cases with their team, restricted identifying record and plan; referrals
 * between organisations; outcome reports up the hierarchy. Case conferences
 * are meetings linked to a case; their decisions and actions carry the case.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('body').addColumn('case_prefix', 'text').execute();
	await db.schema
		.createTable('case_file')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.addColumn('body_id', 'uuid', (c) => c.notNull().references('body.id'))
		.addColumn('category', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`category in ('sexual_exploitation','labour_trafficking','rape','sexual_assault','sexual_harassment','rights_violation','high_vulnerability','other')`
				)
		)
		.addColumn('sex', 'text', (c) => c.notNull().check(sql`sex in ('female','male','other','unknown')`))
		.addColumn('age_band', 'text', (c) => c.notNull().check(sql`age_band in ('0_5','6_11','12_14','15_17','18_24','25_59','60_plus','unknown')`))
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('open')
				.check(sql`status in ('open','in_care','returned_home','closed')`)
		)
		.addColumn('intake_report_id', 'uuid', (c) => c.references('intake_report.id'))
		.addColumn('opened_on', 'date', (c) => c.notNull())
		.addColumn('closed_on', 'date')
		.addColumn('created_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('case_file_body_idx').on('case_file').columns(['body_id', 'opened_on']).execute();

	// A seat on the case team; removal ends it, history stays.
	await db.schema
		.createTable('case_team')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('case_id', 'uuid', (c) => c.notNull().references('case_file.id'))
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id'))
		.addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
		.addColumn('added_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('removed_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('removed_at', 'timestamptz')
		.execute();
	await sql`create unique index case_team_current_key on case_team (case_id, user_id) where removed_at is null`.execute(db);
	await db.schema.createIndex('case_team_user_idx').on('case_team').columns(['user_id', 'case_id']).execute();

	// The restricted record: only the case team reads it, and every read is audited.
	await db.schema
		.createTable('case_identity')
		.addColumn('case_id', 'uuid', (c) => c.primaryKey().references('case_file.id'))
		.addColumn('full_name', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('family', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('date_of_birth', 'date')
		.addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('updated_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema
		.createTable('case_document')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('case_id', 'uuid', (c) => c.notNull().references('case_file.id'))
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('photo','document')`))
		.addColumn('filename', 'text', (c) => c.notNull())
		.addColumn('media_type', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('content', 'bytea', (c) => c.notNull())
		.addColumn('uploaded_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('case_document_case_idx').on('case_document').column('case_id').execute();
	await db.schema
		.createTable('case_need')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('case_id', 'uuid', (c) => c.notNull().references('case_file.id'))
		.addColumn('need', 'text', (c) =>
			c.notNull().check(sql`need in ('physical','emotional','social_rehabilitation','family_community','safe_return','identity_documents')`)
		)
		.addColumn('organisation_id', 'uuid', (c) => c.references('organisation.id'))
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('planned')
				.check(sql`status in ('planned','in_progress','met','not_needed')`)
		)
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('updated_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint('case_need_key', ['case_id', 'need'])
		.execute();

	// A case conference is a meeting linked to its case; what it decides carries the case.
	await db.schema
		.alterTable('meeting')
		.addColumn('case_id', 'uuid', (c) => c.references('case_file.id'))
		.execute();
	await sql`alter table meeting add constraint meeting_case_kind check (case_id is null or kind = 'case_conference')`.execute(db);
	await db.schema
		.alterTable('decision')
		.addColumn('case_id', 'uuid', (c) => c.references('case_file.id'))
		.execute();
	await db.schema
		.alterTable('action_item')
		.addColumn('case_id', 'uuid', (c) => c.references('case_file.id'))
		.execute();
	await db.schema.createIndex('meeting_case_idx').on('meeting').column('case_id').where(sql.ref('case_id'), 'is not', null).execute();
	await db.schema.createIndex('action_item_case_idx').on('action_item').column('case_id').where(sql.ref('case_id'), 'is not', null).execute();
	// Boards read open items from this covering index alone; they now need the case to redact it.
	await sql`drop index action_item_open_idx`.execute(db);
	await sql`create index action_item_open_idx on action_item (body_id, lead_organisation_id)
		include (id, status, due_on, created_at, updated_at, assignee_id, title, closed_meeting_id, meeting_id, decision_id, case_id)
		where status in ('open', 'in_progress', 'awaiting_report')`.execute(db);

	await db.schema
		.createTable('referral')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('body_id', 'uuid', (c) => c.notNull().references('body.id'))
		.addColumn('case_id', 'uuid', (c) => c.references('case_file.id'))
		.addColumn('intake_report_id', 'uuid', (c) => c.references('intake_report.id'))
		.addColumn('decision_id', 'uuid', (c) => c.references('decision.id'))
		.addColumn('from_organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
		.addColumn('to_organisation_id', 'uuid', (c) => c.references('organisation.id'))
		.addColumn('to_body_id', 'uuid', (c) => c.references('body.id'))
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('urgency', 'text', (c) => c.notNull().check(sql`urgency in ('routine','urgent','emergency')`))
		.addColumn('shared', 'text', (c) => c.notNull())
		.addColumn('consent', 'text', (c) => c.notNull().check(sql`consent in ('given','given_by_guardian','not_given','not_applicable')`))
		.addColumn('consent_note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('sent')
				.check(sql`status in ('sent','accepted','declined','in_progress','completed')`)
		)
		.addColumn('declined_reason', 'text')
		.addColumn('outcome', 'text')
		.addColumn('action_item_id', 'uuid', (c) => c.references('action_item.id'))
		.addColumn('created_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint('referral_one_target', sql`(to_organisation_id is null) <> (to_body_id is null)`)
		.execute();
	await db.schema.createIndex('referral_to_org_idx').on('referral').columns(['to_organisation_id', 'status']).execute();
	await db.schema.createIndex('referral_to_body_idx').on('referral').columns(['to_body_id', 'status']).execute();
	await db.schema.createIndex('referral_body_idx').on('referral').columns(['body_id', 'created_at']).execute();
	await db.schema.createIndex('referral_case_idx').on('referral').column('case_id').execute();
	await db.schema
		.createTable('referral_update')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('referral_id', 'uuid', (c) => c.notNull().references('referral.id'))
		.addColumn('author_id', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('sent','accepted','declined','started','progress','completed','handed_over')`))
		.addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
		.execute();
	await db.schema.createIndex('referral_update_idx').on('referral_update').columns(['referral_id', 'at']).execute();
	await sql`
		create trigger referral_update_no_change before update or delete on referral_update
		for each row execute function action_update_immutable()`.execute(db);

	// A periodic report to the parent body: counts only, frozen when submitted.
	await db.schema
		.createTable('outcome_report')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('body_id', 'uuid', (c) => c.notNull().references('body.id'))
		.addColumn('parent_body_id', 'uuid', (c) => c.notNull().references('body.id'))
		.addColumn('period_start', 'date', (c) => c.notNull())
		.addColumn('period_end', 'date', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('draft')
				.check(sql`status in ('draft','submitted')`)
		)
		.addColumn('figures', 'jsonb', (c) => c.notNull())
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('submitted_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('submitted_at', 'timestamptz')
		.addUniqueConstraint('outcome_report_period_key', ['body_id', 'period_start', 'period_end'])
		.addCheckConstraint('outcome_report_period', sql`period_end >= period_start`)
		.execute();
	await db.schema.createIndex('outcome_report_parent_idx').on('outcome_report').columns(['parent_body_id', 'period_start']).execute();

	// Triage may open a case from a report or refer it.
	await sql`alter table intake_report drop constraint intake_report_status_check`.execute(db);
	await sql`alter table intake_report add constraint intake_report_status_check check (status in ('new','on_agenda','dismissed','case_opened','referred'))`.execute(
		db
	);
	await db.schema
		.alterTable('intake_report')
		.addColumn('case_id', 'uuid', (c) => c.references('case_file.id'))
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('intake_report').dropColumn('case_id').execute();
	await sql`alter table intake_report drop constraint intake_report_status_check`.execute(db);
	await sql`alter table intake_report add constraint intake_report_status_check check (status in ('new','on_agenda','dismissed'))`.execute(db);
	await db.schema.dropTable('outcome_report').execute();
	await sql`drop trigger if exists referral_update_no_change on referral_update`.execute(db);
	await db.schema.dropTable('referral_update').execute();
	await db.schema.dropTable('referral').execute();
	await sql`drop index action_item_open_idx`.execute(db);
	for (const t of ['action_item', 'decision', 'meeting']) await db.schema.alterTable(t).dropColumn('case_id').execute();
	await sql`create index action_item_open_idx on action_item (body_id, lead_organisation_id)
		include (id, status, due_on, created_at, updated_at, assignee_id, title, closed_meeting_id, meeting_id, decision_id)
		where status in ('open', 'in_progress', 'awaiting_report')`.execute(db);
	for (const t of ['case_need', 'case_document', 'case_identity', 'case_team', 'case_file']) await db.schema.dropTable(t).execute();
	await db.schema.alterTable('body').dropColumn('case_prefix').execute();
}

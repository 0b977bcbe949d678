import { sql, type Kysely } from 'kysely';

/**
 * Notifications in the app and by e-mail. `notification` holds one row per
 * person, item, kind and day: its unique key is what makes every reminder
 * exactly-once whatever restarts or concurrent schedulers happen. Mail goes
 * through `mail_outbox`, claimed with FOR UPDATE SKIP LOCKED, so a failing
 * SMTP server never holds a request. `notification_job` is the durable
 * scheduler: one row per periodic job, with when it runs next and how far
 * its scan has read.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('notification')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('subject_type', 'text', (c) => c.notNull().check(sql`subject_type in ('action','meeting','referral','intake','minutes')`))
		.addColumn('subject_id', 'uuid', (c) => c.notNull())
		.addColumn('day', 'date', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('read_at', 'timestamptz')
		// When the person's e-mail for it was queued (alone or in a digest); null while it waits for a digest.
		.addColumn('mailed_at', 'timestamptz')
		.addUniqueConstraint('notification_once', ['user_id', 'subject_id', 'kind', 'day'])
		.execute();
	await db.schema.createIndex('notification_user_idx').on('notification').columns(['user_id', 'created_at']).execute();
	await sql`create index notification_unread_idx on notification (user_id) where read_at is null`.execute(db);
	await sql`create index notification_digest_idx on notification (user_id) where mailed_at is null`.execute(db);

	await db.schema
		.createTable('notification_preference')
		.addColumn('user_id', 'uuid', (c) => c.primaryKey().references('app_user.id'))
		// Kinds switched off entirely, and kinds kept in the app but not mailed.
		.addColumn('off', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
		.addColumn('no_mail', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
		.addColumn('delivery', 'text', (c) =>
			c
				.notNull()
				.defaultTo('immediate')
				.check(sql`delivery in ('immediate','digest')`)
		)
		.addColumn('digest_hour', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(7)
				.check(sql`digest_hour between 0 and 23`)
		)
		.addColumn('quiet_from', 'integer', (c) => c.check(sql`quiet_from between 0 and 23`))
		.addColumn('quiet_to', 'integer', (c) => c.check(sql`quiet_to between 0 and 23`))
		.addColumn('meeting_days', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(3)
				.check(sql`meeting_days between 1 and 14`)
		)
		// Signs this person's unsubscribe links; a new key voids every link sent before.
		.addColumn('link_key', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable('mail_outbox')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		// One mail per key: a notification, a day's digest, one version of an invitation.
		.addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id'))
		.addColumn('to_address', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('text_body', 'text', (c) => c.notNull())
		.addColumn('html_body', 'text', (c) => c.notNull())
		.addColumn('ics', 'text')
		.addColumn('ics_method', 'text')
		.addColumn('unsubscribe_url', 'text')
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('pending')
				.check(sql`status in ('pending','sent','failed')`)
		)
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('not_before', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('locked_until', 'timestamptz')
		.addColumn('last_error', 'text')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('sent_at', 'timestamptz')
		.execute();
	await sql`create index mail_outbox_due_idx on mail_outbox (not_before) where status = 'pending'`.execute(db);

	// What each person was last sent about a meeting, so a change goes out with a higher SEQUENCE.
	await db.schema
		.createTable('meeting_invitation')
		.addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meeting.id'))
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id'))
		.addColumn('sequence', 'integer', (c) => c.notNull())
		.addColumn('fingerprint', 'text', (c) => c.notNull())
		.addColumn('cancelled', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addPrimaryKeyConstraint('meeting_invitation_pk', ['meeting_id', 'user_id'])
		.execute();

	await db.schema
		.createTable('notification_job')
		.addColumn('name', 'text', (c) => c.primaryKey())
		.addColumn('run_at', 'timestamptz', (c) => c.notNull())
		.addColumn('cursor', 'timestamptz')
		.addColumn('locked_until', 'timestamptz')
		.execute();

	// The trigger scans read recent history by time.
	await db.schema.createIndex('action_update_at_idx').on('action_update').column('at').execute();
	await db.schema.createIndex('referral_update_at_idx').on('referral_update').column('at').execute();
	await db.schema.createIndex('intake_report_created_at_idx').on('intake_report').column('created_at').execute();
	await db.schema.createIndex('minutes_generated_at_idx').on('minutes').column('generated_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const i of ['action_update_at_idx', 'referral_update_at_idx', 'intake_report_created_at_idx', 'minutes_generated_at_idx'])
		await db.schema.dropIndex(i).ifExists().execute();
	for (const t of ['notification_job', 'meeting_invitation', 'mail_outbox', 'notification_preference', 'notification'])
		await db.schema.dropTable(t).ifExists().execute();
}

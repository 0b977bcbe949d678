import { sql, type Kysely } from 'kysely';

/** Tips, complaints and requests for help, and the throttle of the public form. */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('intake_report')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('reference', 'text', (c) => c.notNull().unique())
		.addColumn('body_id', 'uuid', (c) => c.notNull().references('body.id'))
		.addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('web','postal_box','telephone','watchdog','walk_in')`))
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('tip','complaint','help_request')`))
		.addColumn('message', 'text', (c) => c.notNull())
		.addColumn('location', 'text')
		.addColumn('contact_name', 'text')
		.addColumn('contact_phone', 'text')
		.addColumn('contact_email', 'text')
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('new')
				.check(sql`status in ('new','on_agenda','dismissed')`)
		)
		.addColumn('dismissed_reason', 'text')
		.addColumn('meeting_id', 'uuid', (c) => c.references('meeting.id'))
		.addColumn('recorded_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('triaged_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('triaged_at', 'timestamptz')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('intake_report_body_idx').on('intake_report').columns(['body_id', 'status', 'created_at']).execute();

	await db.schema
		.createTable('intake_attempt')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		// A keyed hash of the sender's address: enough to throttle, not to identify.
		.addColumn('address_hash', 'text', (c) => c.notNull())
		.addColumn('at', 'timestamptz', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('intake_attempt_idx').on('intake_attempt').columns(['address_hash', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('intake_attempt').execute();
	await db.schema.dropTable('intake_report').execute();
}

import { sql, type Kysely } from 'kysely';

/** Sessions, sign-in throttling, one-time links and the append-only audit log. */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('user_session')
		// SHA-256 of the cookie token, hex; the token itself is never stored.
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull())
		.addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
		.addColumn('expires_at', 'timestamptz', (c) => c.notNull())
		.addColumn('absolute_expires_at', 'timestamptz', (c) => c.notNull())
		.addColumn('client_address', 'text')
		.addColumn('user_agent', 'text')
		.execute();
	await db.schema.createIndex('user_session_user_idx').on('user_session').column('user_id').execute();

	await db.schema
		.createTable('login_attempt')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('username', 'text', (c) => c.notNull())
		.addColumn('client_address', 'text', (c) => c.notNull())
		.addColumn('succeeded', 'boolean', (c) => c.notNull())
		.addColumn('attempted_at', 'timestamptz', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('login_attempt_username_idx').on('login_attempt').columns(['username', 'attempted_at']).execute();
	await db.schema.createIndex('login_attempt_address_idx').on('login_attempt').columns(['client_address', 'attempted_at']).execute();

	await db.schema
		.createTable('user_link')
		// SHA-256 of the link token, hex.
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id'))
		.addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('invitation','reset')`))
		.addColumn('created_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull())
		.addColumn('expires_at', 'timestamptz', (c) => c.notNull())
		.addColumn('used_at', 'timestamptz')
		.execute();
	await db.schema.createIndex('user_link_user_idx').on('user_link').column('user_id').execute();

	await db.schema
		.createTable('audit_event')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('actor_id', 'uuid')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('target_type', 'text')
		.addColumn('target_id', 'text')
		.addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('success','failure','denied')`))
		.addColumn('client_address', 'text')
		.addColumn('detail', 'jsonb')
		.execute();
	await db.schema.createIndex('audit_event_at_idx').on('audit_event').column('at').execute();
	await db.schema.createIndex('audit_event_actor_idx').on('audit_event').columns(['actor_id', 'at']).execute();

	// The log is evidence: the database itself refuses to change or remove it.
	await sql`
		create function audit_event_immutable() returns trigger language plpgsql as $$
		begin
			raise exception 'audit_event is append-only' using errcode = '42501';
		end;
		$$`.execute(db);
	await sql`
		create trigger audit_event_no_change before update or delete on audit_event
		for each row execute function audit_event_immutable()`.execute(db);
	await sql`
		create trigger audit_event_no_truncate before truncate on audit_event
		for each statement execute function audit_event_immutable()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop trigger if exists audit_event_no_truncate on audit_event`.execute(db);
	await sql`drop trigger if exists audit_event_no_change on audit_event`.execute(db);
	await db.schema.dropTable('audit_event').execute();
	await sql`drop function if exists audit_event_immutable()`.execute(db);
	for (const t of ['user_link', 'login_attempt', 'user_session']) await db.schema.dropTable(t).execute();
}

import { sql, type Kysely } from 'kysely';

/** Areas, organisations, bodies, people and their seats: the network itself. */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('area')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('parent_id', 'uuid', (c) => c.references('area.id'))
		.addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('province','district','subdistrict','village')`))
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.addColumn('name_th', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('organisation')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('name_th', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text', (c) => c.notNull())
		.addColumn('short_name', 'text', (c) => c.notNull())
		.addColumn('sector', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`sector in ('police','justice','health','hospital','education','social_development','labour','local_administration','district_office','ngo','international','community','other')`
				)
		)
		.addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('national','province','district','subdistrict','village')`))
		.addColumn('area_id', 'uuid', (c) => c.references('area.id'))
		.addColumn('contact_phone', 'text')
		.addColumn('contact_email', 'text')
		.addColumn('contact_address', 'text')
		.addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable('body')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('name_th', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('operation_centre','committee','subcommittee','working_group','case_team','volunteer_network')`)
		)
		.addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('province','district','subdistrict','village')`))
		.addColumn('area_id', 'uuid', (c) => c.notNull().references('area.id'))
		.addColumn('parent_id', 'uuid', (c) => c.references('body.id'))
		.addColumn('secretariat_organisation_id', 'uuid', (c) => c.references('organisation.id'))
		.addColumn('cadence', 'text', (c) =>
			c
				.notNull()
				.defaultTo('monthly')
				.check(sql`cadence in ('monthly','bimonthly','quarterly','as_needed')`)
		)
		.addColumn('quorum_rule', 'text', (c) =>
			c
				.notNull()
				.defaultTo('half')
				.check(sql`quorum_rule in ('half','two_thirds','one_third','none')`)
		)
		.addColumn('terms_th', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('terms_en', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('body_parent_idx').on('body').column('parent_id').execute();

	await db.schema
		.createTable('app_user')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('username', 'text', (c) => c.notNull())
		.addColumn('email', 'text')
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('phone', 'text')
		.addColumn('locale', 'text', (c) =>
			c
				.notNull()
				.defaultTo('th')
				.check(sql`locale in ('th','en')`)
		)
		.addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
		.addColumn('is_admin', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('password_hash', 'text')
		.addColumn('directory_opt_in', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await sql`create unique index app_user_username_key on app_user (lower(username))`.execute(db);
	await sql`create unique index app_user_email_key on app_user (lower(email)) where email is not null`.execute(db);

	await db.schema
		.createTable('membership')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('body_id', 'uuid', (c) => c.notNull().references('body.id'))
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id'))
		.addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('chair','vice_chair','secretary','member','observer','volunteer')`))
		.addColumn('alternate_user_id', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('starts_on', 'date', (c) => c.notNull().defaultTo(sql`current_date`))
		.addColumn('ends_on', 'date')
		.addColumn('predecessor_id', 'uuid', (c) => c.references('membership.id'))
		.addColumn('handover_note', 'text')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint('membership_dates', sql`ends_on is null or ends_on >= starts_on`)
		.execute();
	await db.schema.createIndex('membership_body_idx').on('membership').columns(['body_id', 'ends_on']).execute();
	await db.schema.createIndex('membership_user_idx').on('membership').columns(['user_id', 'ends_on']).execute();
	await db.schema.createIndex('membership_org_idx').on('membership').column('organisation_id').execute();

	await db.schema
		.createTable('meeting')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('body_id', 'uuid', (c) => c.notNull().references('body.id'))
		.addColumn('kind', 'text', (c) =>
			c
				.notNull()
				.defaultTo('regular')
				.check(sql`kind in ('regular','extraordinary','case_conference')`)
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('starts_at', 'timestamptz', (c) => c.notNull())
		.addColumn('ends_at', 'timestamptz')
		.addColumn('place', 'text')
		.addColumn('online_url', 'text')
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('planned')
				.check(sql`status in ('planned','in_progress','ended','minutes_approved','cancelled')`)
		)
		// A chair's lock makes the live document read-only for everyone.
		.addColumn('locked', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('meeting_body_idx').on('meeting').columns(['body_id', 'starts_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of ['meeting', 'membership', 'app_user', 'body', 'organisation', 'area']) {
		await db.schema.dropTable(t).execute();
	}
}

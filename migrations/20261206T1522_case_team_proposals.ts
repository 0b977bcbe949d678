import { sql, type Kysely } from 'kysely';

/**
 * A hand-over never puts anyone on a case team: the successor of a team
 * member is proposed to the team, which accepts or declines. Until then the
 * seat is vacant and the case's open items that were the predecessor's wait,
 * unassigned, listed here (`waiting`, action item ids).
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('case_team_proposal')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('case_id', 'uuid', (c) => c.notNull().references('case_file.id'))
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id'))
		.addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
		.addColumn('predecessor_id', 'uuid', (c) => c.notNull().references('app_user.id'))
		.addColumn('membership_id', 'uuid', (c) => c.notNull().references('membership.id'))
		.addColumn('waiting', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('pending')
				.check(sql`status in ('pending','accepted','declined','superseded')`)
		)
		.addColumn('proposed_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('proposed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('decided_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('decided_at', 'timestamptz')
		.execute();
	await sql`create unique index case_team_proposal_pending_key on case_team_proposal (case_id, user_id) where status = 'pending'`.execute(db);
	await db.schema.createIndex('case_team_proposal_user_idx').on('case_team_proposal').columns(['user_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('case_team_proposal').execute();
}

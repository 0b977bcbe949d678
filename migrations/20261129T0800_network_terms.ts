import { sql, type Kysely } from 'kysely';

/**
 * Terms of reference as rich text (ProseMirror JSON, the format of the
 * minutes), with the plain text kept beside it for the directory and search;
 * and a body's own wording of what each role means on it.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('body').addColumn('terms_th_doc', 'jsonb').execute();
	await db.schema.alterTable('body').addColumn('terms_en_doc', 'jsonb').execute();
	await db.schema
		.createTable('body_role_description')
		.addColumn('body_id', 'uuid', (c) => c.notNull().references('body.id'))
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('chair','vice_chair','secretary','member','observer','volunteer')`))
		.addColumn('text_th', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('text_en', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('updated_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addPrimaryKeyConstraint('body_role_description_pk', ['body_id', 'role'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('body_role_description').execute();
	await db.schema.alterTable('body').dropColumn('terms_en_doc').execute();
	await db.schema.alterTable('body').dropColumn('terms_th_doc').execute();
}

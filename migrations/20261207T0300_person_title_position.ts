import { sql, type Kysely } from 'kysely';

/**
 * Official minutes name each person with their title (นาย, นาง, นางสาว or a
 * rank such as ร.ต.อ.) and their official position. Both are free text: ranks
 * and positions are too many to list, and an empty value prints nothing.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('app_user')
		.addColumn('name_title', 'text', (c) =>
			c
				.notNull()
				.defaultTo('')
				.check(sql`char_length(name_title) <= 40`)
		)
		.addColumn('position', 'text', (c) =>
			c
				.notNull()
				.defaultTo('')
				.check(sql`char_length(position) <= 160`)
		)
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('app_user').dropColumn('position').dropColumn('name_title').execute();
}

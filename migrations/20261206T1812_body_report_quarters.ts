import { sql, type Kysely } from 'kysely';

/**
 * Outcome reports follow the government fiscal year (from 1 October) unless a
 * body's terms of reference say it reports by calendar quarter.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('body')
		.addColumn('report_quarters', 'text', (c) =>
			c
				.notNull()
				.defaultTo('fiscal')
				.check(sql`report_quarters in ('fiscal','calendar')`)
		)
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('body').dropColumn('report_quarters').execute();
}

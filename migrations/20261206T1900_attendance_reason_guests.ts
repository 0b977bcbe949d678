import { sql, type Kysely } from 'kysely';

/**
 * The Thai government minute format names why an organisation was absent
 * (ผู้ไม่มาประชุม … ติดราชการ) and who attended without being a member
 * (ผู้เข้าร่วมประชุม): a reason on attendance, and the meeting's guests.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('attendance')
		.addColumn('reason', 'text', (c) => c.check(sql`char_length(reason) <= 200`))
		.execute();
	await db.schema
		.createTable('meeting_guest')
		.addColumn('id', 'uuid', (c) => c.primaryKey())
		.addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meeting.id'))
		.addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 120`))
		.addColumn('position', 'text', (c) =>
			c
				.notNull()
				.defaultTo('')
				.check(sql`char_length(position) <= 120`)
		)
		.addColumn('organisation', 'text', (c) =>
			c
				.notNull()
				.defaultTo('')
				.check(sql`char_length(organisation) <= 120`)
		)
		.addColumn('sort_order', 'double precision', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('meeting_guest_meeting_idx').on('meeting_guest').columns(['meeting_id', 'sort_order']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('meeting_guest').execute();
	await db.schema.alterTable('attendance').dropColumn('reason').execute();
}

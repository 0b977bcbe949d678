import { sql, type Kysely } from 'kysely';

/**
 * The key of the request that wrote a history entry. A change sent again
 * with the same key (the outbox replaying a request whose answer was lost on
 * the way back) finds its entry and writes nothing twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('action_update').addColumn('request_key', 'uuid').execute();
	await sql`create unique index action_update_request_key_idx on action_update (action_item_id, request_key) where request_key is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop index action_update_request_key_idx`.execute(db);
	await db.schema.alterTable('action_update').dropColumn('request_key').execute();
}

import type { Kysely } from 'kysely';

/**
 * A feed's last content tag and when it was first served, so the feed can
 * answer Last-Modified and If-Modified-Since. Meetings carry no time of last
 * change, and a meeting that leaves the feed (a seat ended, a case closed to
 * the reader) leaves no row behind, so the feed's own change time is the
 * only one that is true for every kind of change.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('calendar_feed').addColumn('content_tag', 'text').addColumn('content_changed_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('calendar_feed').dropColumn('content_tag').dropColumn('content_changed_at').execute();
}

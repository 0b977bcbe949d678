import type { Expression, Kysely, SqlBool } from 'kysely';
import type { DB } from '../../db/schema';
import { seatHeldOn, seatOf } from '../../membership/seats';

/** SQL of calendar feeds (a user's secret URL, stored as its hash) and the meetings a feed shows; no access checks here. */

/** When the user's feed URL was issued, if there is one. */
export function feedOf(db: Kysely<DB>, userId: string) {
	return db.selectFrom('calendar_feed').select('created_at').where('user_id', '=', userId).executeTakeFirst();
}

/** Stores the user's feed token hash, replacing any earlier one. */
export async function storeFeedToken(db: Kysely<DB>, userId: string, tokenHash: string): Promise<void> {
	await db
		.insertInto('calendar_feed')
		.values({ user_id: userId, token_hash: tokenHash, created_at: new Date() })
		.onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: tokenHash, created_at: new Date() }))
		.execute();
}

export async function deleteFeed(db: Kysely<DB>, userId: string): Promise<void> {
	await db.deleteFrom('calendar_feed').where('user_id', '=', userId).execute();
}

/** The active user whose feed token has this hash. */
export function feedUser(db: Kysely<DB>, tokenHash: string) {
	return db
		.selectFrom('calendar_feed as f')
		.innerJoin('app_user as u', 'u.id', 'f.user_id')
		.select(['u.id', 'u.display_name', 'u.locale'])
		.where('f.token_hash', '=', tokenHash)
		.where('u.active', '=', true)
		.executeTakeFirst();
}

/**
 * Meetings since `since` of the bodies where the user holds a seat on `day`,
 * oldest first, among those `listed` lets through (the caller's visibility
 * condition on `mt.case_id`).
 */
export function feedMeetings(db: Kysely<DB>, userId: string, day: string, since: Date, listed: Expression<SqlBool>) {
	return db
		.selectFrom('meeting as mt')
		.innerJoin('body as b', 'b.id', 'mt.body_id')
		.select(['mt.id', 'mt.title', 'mt.starts_at', 'mt.ends_at', 'mt.place', 'mt.online_url', 'mt.status', 'b.name_th as body_th', 'b.name_en as body_en'])
		.where('mt.body_id', 'in', (eb) => eb.selectFrom('membership').select('body_id').where(seatOf(userId)).where(seatHeldOn(day)))
		.where(listed)
		.where('mt.starts_at', '>=', since)
		.orderBy('mt.starts_at')
		.limit(1000)
		.execute();
}

/** The tag of the feed's content last served, and since when it has been that. */
export function feedContentTag(db: Kysely<DB>, userId: string) {
	return db.selectFrom('calendar_feed').select(['content_tag', 'content_changed_at']).where('user_id', '=', userId).executeTakeFirst();
}

export async function setFeedContentTag(db: Kysely<DB>, userId: string, tag: string, changedAt: Date): Promise<void> {
	await db.updateTable('calendar_feed').set({ content_tag: tag, content_changed_at: changedAt }).where('user_id', '=', userId).execute();
}

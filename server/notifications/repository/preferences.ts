import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { NotificationKind, NotificationPreference } from '../../db/schema-notifications';

/** SQL of a person's notification preferences and unsubscribe link key; no access checks here. */

export const DEFAULT_PREFERENCE = { off: [], no_mail: [], delivery: 'immediate', digest_hour: 7, quiet_from: null, quiet_to: null, meeting_days: 3 } as const;

/** A person's preferences, created with their own link key on first use. */
export async function getPreference(db: Kysely<DB>, userId: string): Promise<NotificationPreference> {
	const row = await db.selectFrom('notification_preference').selectAll().where('user_id', '=', userId).executeTakeFirst();
	if (row) return row;
	await db
		.insertInto('notification_preference')
		.values({ user_id: userId, link_key: randomBytes(32).toString('base64url') })
		.onConflict((oc) => oc.column('user_id').doNothing())
		.execute();
	return db.selectFrom('notification_preference').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
}

export interface PreferenceUpdate {
	off?: NotificationKind[];
	no_mail?: NotificationKind[];
	delivery?: 'immediate' | 'digest';
	digest_hour?: number;
	quiet_from?: number | null;
	quiet_to?: number | null;
	meeting_days?: number;
}

export async function updatePreference(db: Kysely<DB>, userId: string, u: PreferenceUpdate, now = new Date()) {
	await getPreference(db, userId);
	const set: Record<string, unknown> = { ...u, updated_at: now };
	if (u.off) set.off = JSON.stringify(u.off);
	if (u.no_mail) set.no_mail = JSON.stringify(u.no_mail);
	await db.updateTable('notification_preference').set(set).where('user_id', '=', userId).execute();
}

/** How many days ahead each of `userIds` wants a meeting's reminder (people with no preferences yet are missing). */
export async function meetingDaysOf(db: Kysely<DB>, userIds: string[]): Promise<Map<string, number>> {
	const rows = await db.selectFrom('notification_preference').select(['user_id', 'meeting_days']).where('user_id', 'in', userIds).execute();
	return new Map(rows.map((r) => [r.user_id, r.meeting_days]));
}

/** What an unsubscribe link is checked against, and the kinds already off by mail. */
export function unsubscribeState(db: Kysely<DB>, userId: string) {
	return db.selectFrom('notification_preference').select(['link_key', 'no_mail']).where('user_id', '=', userId).executeTakeFirst();
}

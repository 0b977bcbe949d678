import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** SQL of what the notifier reads and keeps of a person's account: address, language, whether they are active; no access checks here. */

/** The account a notification or mail goes to, active or not. */
export function accountOf(db: Kysely<DB>, userId: string) {
	return db.selectFrom('app_user').select(['id', 'email', 'locale', 'display_name', 'active']).where('id', '=', userId).executeTakeFirst();
}

/** The language a person reads in; undefined for an unknown person. */
export function localeOf(db: Kysely<DB>, userId: string) {
	return db.selectFrom('app_user').select('locale').where('id', '=', userId).executeTakeFirst();
}

/** The language of a person who must exist. */
export function knownLocaleOf(db: Kysely<DB>, userId: string) {
	return db.selectFrom('app_user').select('locale').where('id', '=', userId).executeTakeFirstOrThrow();
}

/** The mail address of a person who must exist. */
export function emailOf(db: Kysely<DB>, userId: string) {
	return db.selectFrom('app_user').select('email').where('id', '=', userId).executeTakeFirstOrThrow();
}

/** Sets a person's mail address; another person's address fails on the unique key (23505). */
export async function setEmail(db: Kysely<DB>, userId: string, email: string | null, now: Date): Promise<void> {
	await db.updateTable('app_user').set({ email, updated_at: now }).where('id', '=', userId).execute();
}

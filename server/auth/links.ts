import type { Kysely } from 'kysely';
import type { DB, LinkPurpose } from '../db/schema';
import { generateToken, hashToken, isWellFormedToken } from './token';

export const LINK_LIFETIME_MS = 72 * 3600_000;

export type LinkState =
	{ status: 'valid'; linkId: string; userId: string; purpose: LinkPurpose; displayName: string; username: string } | { status: 'invalid' | 'expired' | 'used' };

/**
 * A one-time link to set a password: an invitation for a new user or a reset
 * for an existing one. A new link replaces the user's unused ones.
 */
export async function createLink(
	db: Kysely<DB>,
	userId: string,
	purpose: LinkPurpose,
	createdBy: string | null,
	now = new Date()
): Promise<{ token: string; expiresAt: Date }> {
	const token = generateToken();
	const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS);
	await db.updateTable('user_link').set({ used_at: now }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
	await db
		.insertInto('user_link')
		.values({ id: hashToken(token), user_id: userId, purpose, created_by: createdBy, created_at: now, expires_at: expiresAt })
		.execute();
	return { token, expiresAt };
}

export async function inspectLink(db: Kysely<DB>, token: string, now = new Date()): Promise<LinkState> {
	if (!isWellFormedToken(token)) return { status: 'invalid' };
	const row = await db
		.selectFrom('user_link')
		.innerJoin('app_user', 'app_user.id', 'user_link.user_id')
		.select([
			'user_link.id',
			'user_link.user_id',
			'user_link.purpose',
			'user_link.expires_at',
			'user_link.used_at',
			'app_user.display_name',
			'app_user.username',
			'app_user.active'
		])
		.where('user_link.id', '=', hashToken(token))
		.executeTakeFirst();
	if (!row || !row.active) return { status: 'invalid' };
	if (row.used_at) return { status: 'used' };
	if (row.expires_at.getTime() <= now.getTime()) return { status: 'expired' };
	return { status: 'valid', linkId: row.id, userId: row.user_id, purpose: row.purpose, displayName: row.display_name, username: row.username };
}

/** Marks a link used; false when another request used it first. */
export async function consumeLink(db: Kysely<DB>, linkId: string, now = new Date()): Promise<boolean> {
	const r = await db
		.updateTable('user_link')
		.set({ used_at: now })
		.where('id', '=', linkId)
		.where('used_at', 'is', null)
		.where('expires_at', '>', now)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

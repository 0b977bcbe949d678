import type { Kysely } from 'kysely';
import type { DB, User, UserSession } from '../db/schema';
import { generateToken, hashToken, isWellFormedToken } from './token';

/** Session lifetimes; the defaults are 8 hours idle and 7 days in all. */
export interface SessionPolicy {
	idleMs: number;
	absoluteMs: number;
}

export const defaultPolicy: SessionPolicy = { idleMs: 8 * 3600_000, absoluteMs: 7 * 24 * 3600_000 };

/** Activity is written at most this often, so every request is not a write. */
const TOUCH_INTERVAL_MS = 60_000;

export interface ClientInfo {
	clientAddress: string | null;
	userAgent: string | null;
}

export type SessionUser = Pick<User, 'id' | 'username' | 'display_name' | 'locale' | 'is_admin' | 'active'>;

export interface ValidSession {
	session: UserSession;
	user: SessionUser;
	/** True when the expiry moved, so the cookie should be sent again. */
	refreshed: boolean;
}

export async function createSession(
	db: Kysely<DB>,
	userId: string,
	client: ClientInfo,
	policy: SessionPolicy = defaultPolicy,
	now = new Date()
): Promise<{ token: string; session: UserSession }> {
	const token = generateToken();
	const session: UserSession = {
		id: hashToken(token),
		user_id: userId,
		created_at: now,
		last_seen_at: now,
		expires_at: new Date(Math.min(now.getTime() + policy.idleMs, now.getTime() + policy.absoluteMs)),
		absolute_expires_at: new Date(now.getTime() + policy.absoluteMs),
		client_address: client.clientAddress,
		user_agent: client.userAgent?.slice(0, 300) ?? null
	};
	await db.insertInto('user_session').values(session).execute();
	return { token, session };
}

/**
 * The session a cookie token names, if it is still alive and its user active.
 * Sliding expiry: activity pushes the idle deadline, never past the absolute one.
 */
export async function validateSessionToken(
	db: Kysely<DB>,
	token: string,
	policy: SessionPolicy = defaultPolicy,
	now = new Date()
): Promise<ValidSession | null> {
	if (!isWellFormedToken(token)) return null;
	const id = hashToken(token);
	const row = await db
		.selectFrom('user_session')
		.innerJoin('app_user', 'app_user.id', 'user_session.user_id')
		.selectAll('user_session')
		.select(['app_user.username', 'app_user.display_name', 'app_user.locale', 'app_user.is_admin', 'app_user.active'])
		.where('user_session.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	const t = now.getTime();
	if (!row.active || t >= row.expires_at.getTime() || t >= row.absolute_expires_at.getTime()) {
		await db.deleteFrom('user_session').where('id', '=', id).execute();
		return null;
	}
	const { username, display_name, locale, is_admin, active, ...session } = row;
	let refreshed = false;
	if (t - session.last_seen_at.getTime() >= TOUCH_INTERVAL_MS) {
		session.last_seen_at = now;
		session.expires_at = new Date(Math.min(t + policy.idleMs, session.absolute_expires_at.getTime()));
		await db.updateTable('user_session').set({ last_seen_at: session.last_seen_at, expires_at: session.expires_at }).where('id', '=', id).execute();
		refreshed = true;
	}
	return { session, user: { id: session.user_id, username, display_name, locale, is_admin, active }, refreshed };
}

export async function deleteSession(db: Kysely<DB>, sessionId: string): Promise<void> {
	await db.deleteFrom('user_session').where('id', '=', sessionId).execute();
}

/** Ends every session of a user, or every one but `keep`; returns how many ended. */
export async function deleteUserSessions(db: Kysely<DB>, userId: string, keep?: string): Promise<number> {
	let q = db.deleteFrom('user_session').where('user_id', '=', userId);
	if (keep) q = q.where('id', '!=', keep);
	const r = await q.executeTakeFirst();
	return Number(r.numDeletedRows);
}

export async function listUserSessions(db: Kysely<DB>, userId: string, now = new Date()) {
	return db
		.selectFrom('user_session')
		.select(['id', 'created_at', 'last_seen_at', 'expires_at', 'client_address', 'user_agent'])
		.where('user_id', '=', userId)
		.where('expires_at', '>', now)
		.where('absolute_expires_at', '>', now)
		.orderBy('last_seen_at', 'desc')
		.execute();
}

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

export const THROTTLE_WINDOW_MS = 10 * 60_000;
export const THROTTLE_MAX_FAILURES = 6;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Usernames are compared case-insensitively, like the accounts themselves. */
export function throttleKey(username: string): string {
	return username.trim().toLowerCase().slice(0, 200);
}

/**
 * Refuses a sign-in once six attempts failed within ten minutes, for one
 * username (counting only failures after its last success) or one address.
 */
export async function checkThrottle(
	db: Kysely<DB>,
	username: string,
	clientAddress: string,
	now = new Date()
): Promise<ThrottleVerdict> {
	const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
	const key = throttleKey(username);
	const lastSuccess = db
		.selectFrom('login_attempt')
		.select((eb) => eb.fn.max('attempted_at').as('t'))
		.where('username', '=', key)
		.where('succeeded', '=', true);
	const [byUser, byAddress] = await Promise.all([
		db
			.selectFrom('login_attempt')
			.select(['attempted_at'])
			.where('username', '=', key)
			.where('succeeded', '=', false)
			.where('attempted_at', '>', since)
			.where((eb) => eb.or([eb(lastSuccess, 'is', null), eb('attempted_at', '>', lastSuccess)]))
			.orderBy('attempted_at', 'desc')
			.limit(THROTTLE_MAX_FAILURES)
			.execute(),
		db
			.selectFrom('login_attempt')
			.select(['attempted_at'])
			.where('client_address', '=', clientAddress)
			.where('succeeded', '=', false)
			.where('attempted_at', '>', since)
			.orderBy('attempted_at', 'desc')
			.limit(THROTTLE_MAX_FAILURES)
			.execute()
	]);
	let retryAt = 0;
	for (const failures of [byUser, byAddress]) {
		if (failures.length >= THROTTLE_MAX_FAILURES) {
			// Allowed again once the oldest of the last six leaves the window.
			const oldest = failures[failures.length - 1]!.attempted_at.getTime();
			retryAt = Math.max(retryAt, oldest + THROTTLE_WINDOW_MS);
		}
	}
	if (retryAt === 0) return { allowed: true };
	return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000)) };
}

export async function recordAttempt(
	db: Kysely<DB>,
	username: string,
	clientAddress: string,
	succeeded: boolean,
	now = new Date()
): Promise<void> {
	await db
		.insertInto('login_attempt')
		.values({ username: throttleKey(username), client_address: clientAddress, succeeded, attempted_at: now })
		.execute();
}

/** Old attempts carry no information after the window; keeps the table small. */
export async function pruneAttempts(db: Kysely<DB>, now = new Date()): Promise<void> {
	await db.deleteFrom('login_attempt').where('attempted_at', '<', new Date(now.getTime() - 24 * 3600_000)).execute();
}

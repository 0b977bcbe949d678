import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

/**
 * Sign-in throttling that slows guessing without handing anyone a lockout
 * tool. A hard lock per username let a stranger shut a named person out from
 * anywhere, and a hard lock per address shut out everyone behind a proxy
 * (issue 15), so only the pair of a username and an address is ever locked;
 * the username alone and the address alone only slow down, and every delay
 * runs from the waiting address's own last failure, which nobody elsewhere
 * can renew.
 */

export const THROTTLE_WINDOW_MS = 10 * 60_000;
/** Failures of one username from one address before that pair waits for the window. */
export const PAIR_MAX_FAILURES = 6;
/** Failures of a username (from anywhere) before addresses that have failed wait between tries. */
export const USERNAME_FREE_FAILURES = 3;
export const USERNAME_MAX_DELAY_MS = 2 * 60_000;
/** Failures from one address (any usernames) before it waits between tries; generous for a shared proxy. */
export const ADDRESS_FREE_FAILURES = 20;
export const ADDRESS_MAX_DELAY_MS = 60_000;
/** A username that signed in from an address this recently is not slowed by that address's other failures. */
export const KNOWN_PAIR_MS = 30 * 24 * 3600_000;

export type ThrottleRule = 'pair' | 'username' | 'address';
export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; rule: ThrottleRule };

/** Usernames are compared case-insensitively, like the accounts themselves. */
export function throttleKey(username: string): string {
	return username.trim().toLowerCase().slice(0, 200);
}

/** 1 s, 2 s, 4 s … from the first failure past the free ones, up to the cap. */
export function growingDelayMs(failures: number, free: number, capMs: number): number {
	if (failures < free) return 0;
	return Math.min(capMs, 1000 * 2 ** Math.min(30, failures - free));
}

const count = (row: { n: string | number | bigint } | undefined) => Number(row?.n ?? 0);

export async function checkThrottle(db: Kysely<DB>, username: string, clientAddress: string, now = new Date()): Promise<ThrottleVerdict> {
	const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
	const key = throttleKey(username);
	// A success ends a run of failures: what came before it no longer counts against the username.
	const lastSuccess = db
		.selectFrom('login_attempt')
		.select((eb) => eb.fn.max('attempted_at').as('t'))
		.where('username', '=', key)
		.where('succeeded', '=', true);
	const failuresOfUsername = db
		.selectFrom('login_attempt')
		.where('username', '=', key)
		.where('succeeded', '=', false)
		.where('attempted_at', '>', since)
		.where((eb) => eb.or([eb(lastSuccess, 'is', null), eb('attempted_at', '>', lastSuccess)]));
	const [byUsername, byPair, byAddress, known] = await Promise.all([
		failuresOfUsername.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
		failuresOfUsername.select('attempted_at').where('client_address', '=', clientAddress).orderBy('attempted_at', 'desc').limit(PAIR_MAX_FAILURES).execute(),
		db
			.selectFrom('login_attempt')
			.select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('attempted_at').as('last')])
			.where('client_address', '=', clientAddress)
			.where('succeeded', '=', false)
			.where('attempted_at', '>', since)
			.executeTakeFirst(),
		db
			.selectFrom('login_attempt')
			.select('id')
			.where('username', '=', key)
			.where('client_address', '=', clientAddress)
			.where('succeeded', '=', true)
			.where('attempted_at', '>', new Date(now.getTime() - KNOWN_PAIR_MS))
			.limit(1)
			.executeTakeFirst()
	]);

	const waits: { rule: ThrottleRule; until: number }[] = [];
	if (byPair.length >= PAIR_MAX_FAILURES) {
		// The pair may try again once the oldest of its last six failures leaves the window.
		waits.push({ rule: 'pair', until: byPair[byPair.length - 1]!.attempted_at.getTime() + THROTTLE_WINDOW_MS });
	}
	const addressFailures = count(byAddress);
	// An address with no recent failure is never slowed: the person whose username is under attack still gets in.
	if (addressFailures > 0 && byAddress?.last) {
		const last = new Date(byAddress.last).getTime();
		const usernameDelay = growingDelayMs(count(byUsername), USERNAME_FREE_FAILURES, USERNAME_MAX_DELAY_MS);
		if (usernameDelay) waits.push({ rule: 'username', until: last + usernameDelay });
		const addressDelay = known ? 0 : growingDelayMs(addressFailures, ADDRESS_FREE_FAILURES, ADDRESS_MAX_DELAY_MS);
		if (addressDelay) waits.push({ rule: 'address', until: last + addressDelay });
	}
	const longest = waits.reduce<(typeof waits)[number] | null>((a, w) => (!a || w.until > a.until ? w : a), null);
	if (!longest || longest.until <= now.getTime()) return { allowed: true };
	return { allowed: false, rule: longest.rule, retryAfterSeconds: Math.max(1, Math.ceil((longest.until - now.getTime()) / 1000)) };
}

export async function recordAttempt(db: Kysely<DB>, username: string, clientAddress: string, succeeded: boolean, now = new Date()): Promise<void> {
	await db
		.insertInto('login_attempt')
		.values({ username: throttleKey(username), client_address: clientAddress, succeeded, attempted_at: now })
		.execute();
}

/** Failures carry nothing after a day; successes are kept as long as they vouch for a known pair. */
export async function pruneAttempts(db: Kysely<DB>, now = new Date()): Promise<void> {
	await db
		.deleteFrom('login_attempt')
		.where((eb) =>
			eb.or([
				eb.and([eb('succeeded', '=', false), eb('attempted_at', '<', new Date(now.getTime() - 24 * 3600_000))]),
				eb('attempted_at', '<', new Date(now.getTime() - KNOWN_PAIR_MS))
			])
		)
		.execute();
}

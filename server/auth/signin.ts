import type { Kysely } from 'kysely';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import { events } from '../events';
import { hashPassword, verifyPassword } from './password';
import { createSession, deleteSession, deleteUserSessions, type ClientInfo, type SessionPolicy } from './session';
import { checkThrottle, recordAttempt, throttleKey } from './throttle';

export type SignInResult =
	| { ok: true; token: string; userId: string; locale: 'th' | 'en'; expiresAt: Date }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

// Verifying against this when the username is unknown keeps the timing the same.
let decoyHash: Promise<string> | undefined;

/**
 * Checks a username and password. Unknown users, wrong passwords and disabled
 * accounts all answer the same `invalid`, so nothing reveals who has an account.
 */
export async function signIn(
	db: Kysely<DB>,
	input: { username: string; password: string } & ClientInfo,
	policy: SessionPolicy,
	now = new Date()
): Promise<SignInResult> {
	const address = input.clientAddress ?? 'unknown';
	const key = throttleKey(input.username);
	const verdict = await checkThrottle(db, key, address, now);
	if (!verdict.allowed) {
		await audit(db, {
			actorId: null,
			action: 'auth.sign_in',
			outcome: 'denied',
			clientAddress: address,
			at: now,
			detail: { reason: 'throttled', rule: verdict.rule }
		});
		return { ok: false, reason: 'throttled', retryAfterSeconds: verdict.retryAfterSeconds };
	}

	const user = key
		? await db
				.selectFrom('app_user')
				.select(['id', 'password_hash', 'active', 'locale'])
				.where((eb) => eb.or([eb(eb.fn('lower', ['username']), '=', key), eb(eb.fn('lower', ['email']), '=', key)]))
				.executeTakeFirst()
		: undefined;
	const hash = user?.password_hash ?? (await (decoyHash ??= hashPassword('decoy-password-never-matches')));
	const passwordOk = await verifyPassword(hash, input.password);
	const ok = Boolean(user && user.active && user.password_hash && passwordOk);

	return db.transaction().execute(async (tx) => {
		await recordAttempt(tx, key, address, ok, now);
		if (!ok || !user) {
			await audit(tx, {
				actorId: user?.id ?? null,
				action: 'auth.sign_in',
				outcome: 'failure',
				clientAddress: address,
				at: now,
				detail: { reason: user && !user.active ? 'disabled' : 'bad_credentials' }
			});
			return { ok: false, reason: 'invalid' } as const;
		}
		const { token, session } = await createSession(tx, user.id, input, policy, now);
		await audit(tx, { actorId: user.id, action: 'auth.sign_in', outcome: 'success', clientAddress: address, at: now });
		return { ok: true, token, userId: user.id, locale: user.locale, expiresAt: session.expires_at } as const;
	});
}

export async function signOut(db: Kysely<DB>, userId: string, sessionId: string, clientAddress: string | null): Promise<void> {
	await db.transaction().execute(async (tx) => {
		await deleteSession(tx, sessionId);
		await audit(tx, { actorId: userId, action: 'auth.sign_out', outcome: 'success', clientAddress });
	});
	events.emit('sessions.ended', { userId, sessionIds: [sessionId], reason: 'sign_out' });
}

export async function signOutEverywhere(db: Kysely<DB>, userId: string, clientAddress: string | null): Promise<number> {
	const ended = await db.transaction().execute(async (tx) => {
		const n = await deleteUserSessions(tx, userId);
		await audit(tx, {
			actorId: userId,
			action: 'auth.sign_out_everywhere',
			outcome: 'success',
			clientAddress,
			detail: { sessions: n }
		});
		return n;
	});
	events.emit('sessions.ended', { userId, reason: 'sign_out_everywhere' });
	return ended;
}

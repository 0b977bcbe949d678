import { createHmac, timingSafeEqual } from 'node:crypto';
import { NOTIFICATION_KINDS, type NotificationKind } from '../db/schema-notifications';

/**
 * Unsubscribe links work without signing in, so each is signed with the
 * person's own key and says exactly one thing: stop mail of one kind (or all)
 * for this person. It cannot sign in, read anything or change anything else,
 * and a new key (`rotate`) voids every link sent before.
 */

const PURPOSE = 'concord.unsubscribe.v1';
export type Scope = NotificationKind | 'all';

const mac = (key: string, userId: string, scope: Scope) => createHmac('sha256', key).update(`${PURPOSE}\n${userId}\n${scope}`).digest('base64url');

export function signUnsubscribe(key: string, userId: string, scope: Scope): string {
	return `${userId}.${scope}.${mac(key, userId, scope)}`;
}

/** The parts of a token, before its signature is checked against the person's key. */
export function parseUnsubscribe(token: string): { userId: string; scope: Scope; sig: string } | null {
	const [userId = '', scope = '', sig = '', ...rest] = token.split('.');
	if (rest.length || !sig) return null;
	if (!/^[0-9a-f-]{36}$/.test(userId)) return null;
	if (scope !== 'all' && !(NOTIFICATION_KINDS as string[]).includes(scope)) return null;
	return { userId, scope: scope as Scope, sig };
}

export function verifyUnsubscribe(key: string, t: { userId: string; scope: Scope; sig: string }): boolean {
	const want = Buffer.from(mac(key, t.userId, t.scope));
	const got = Buffer.from(t.sig);
	return want.length === got.length && timingSafeEqual(want, got);
}

import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether an Authorization header carries the metrics token. Both sides are
 * hashed first so the comparison takes the same time whatever the guess,
 * its length included.
 */
export function bearerMatches(header: string | null, token: string): boolean {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
	const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
	return timingSafeEqual(digest(match?.[1] ?? ''), digest(token)) && match !== null;
}

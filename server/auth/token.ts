import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** A random secret for a cookie or a one-time link: 200 bits, base32. */
export function generateToken(): string {
	const bytes = new Uint8Array(25);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** What the database stores instead of a token: its SHA-256, hex. */
export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Tokens are base32 of a fixed length; anything else is rejected before a lookup. */
export function isWellFormedToken(value: unknown): value is string {
	return typeof value === 'string' && /^[a-z2-7]{40}$/.test(value);
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Spam protection without a third party: the public form carries a signed
 * issue time; a post that comes back faster than a person can type, or hours
 * later, or with the hidden field filled, is refused.
 */
const secret: Buffer = process.env.CONCORD_SECRET ? Buffer.from(process.env.CONCORD_SECRET) : randomBytes(32);

/**
 * How long a person takes at least to fill the form (3 s). INTAKE_MIN_FILL_SECONDS
 * changes it, e.g. to 0 for a browser test suite that would otherwise wait.
 */
export const MIN_FILL_MS = fillSeconds(process.env.INTAKE_MIN_FILL_SECONDS) * 1000;

function fillSeconds(value: string | undefined): number {
	const n = value === undefined || value === '' ? 3 : Number(value);
	if (!Number.isFinite(n) || n < 0 || n > 600) throw new Error('INTAKE_MIN_FILL_SECONDS must be a number of seconds from 0 to 600');
	return n;
}
export const MAX_AGE_MS = 2 * 3600_000;

function sign(value: string): string {
	return createHmac('sha256', secret).update(value).digest('base64url');
}

export function issueFormToken(now = Date.now()): string {
	const issued = String(now);
	return `${issued}.${sign(issued)}`;
}

export type TokenVerdict = 'ok' | 'too_fast' | 'expired' | 'invalid';

export function checkFormToken(token: unknown, now = Date.now()): TokenVerdict {
	if (typeof token !== 'string') return 'invalid';
	const [issued, mac] = token.split('.');
	if (!issued || !mac || !/^\d{10,16}$/.test(issued)) return 'invalid';
	const expected = Buffer.from(sign(issued));
	const given = Buffer.from(mac);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
	const age = now - Number(issued);
	if (age < MIN_FILL_MS) return 'too_fast';
	if (age > MAX_AGE_MS) return 'expired';
	return 'ok';
}

/** A keyed hash of a client address, for throttling without keeping the address. */
export function addressKey(address: string): string {
	return sign(`address:${address}`);
}

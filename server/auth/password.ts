import { hash, verify } from '@node-rs/argon2';
import { commonPasswords } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

// argon2id with OWASP's recommended floor (19 MiB, 2 passes, 1 lane).
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, { ...options, algorithm: 2 /* Argon2id */ });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common';

/** Length and a short common-password list; no composition rules (NIST 800-63B). */
export function checkPasswordStrength(password: string): PasswordProblem | null {
	const length = [...password].length;
	if (length < MIN_PASSWORD_LENGTH) return 'too_short';
	if (length > MAX_PASSWORD_LENGTH) return 'too_long';
	if (commonPasswords.has(password.toLowerCase())) return 'too_common';
	return null;
}

import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { CaseFileTable } from '../db/schema-cases';
import { codesStartingWith, insertUnderCode } from './repository/case';
import { toBuddhistYear } from '../../src/lib/calendar';

/**
 * Case codes: `<prefix>-<Buddhist year>-<sequence>`, e.g. `DKT-2569-014`.
 * The code says nothing about the person; the URL carries the random id, so
 * a code seen in a meeting document does not lead to the case.
 */

export const DEFAULT_PREFIX = 'CASE';

/** The Buddhist year of a `YYYY-MM-DD` date. */
export const buddhistYear = (date: string) => toBuddhistYear(Number(date.slice(0, 4)));

export function formatCode(prefix: string, year: number, sequence: number): string {
	return `${prefix}-${year}-${String(sequence).padStart(3, '0')}`;
}

/**
 * The next free sequence for a prefix and year. Bodies with their own prefix
 * count their own cases; bodies without one share the `CASE` series, which
 * keeps every code unique.
 */
export async function nextSequence(db: Kysely<DB>, prefix: string, year: number): Promise<number> {
	const stem = `${prefix}-${year}-`;
	let max = 0;
	for (const code of await codesStartingWith(db, stem)) {
		const tail = code.slice(stem.length);
		if (/^\d+$/.test(tail)) max = Math.max(max, Number(tail));
	}
	return max + 1;
}

/**
 * Inserts a case under the next free code. Two openings at once may pick the
 * same number: the loser's insert does nothing and it takes the next one.
 */
export async function insertWithCode(db: Kysely<DB>, prefix: string, values: Omit<Insertable<CaseFileTable>, 'code'>): Promise<{ id: string; code: string }> {
	const year = buddhistYear(values.opened_on);
	for (let attempt = 0; attempt < 20; attempt++) {
		const code = formatCode(prefix, year, await nextSequence(db, prefix, year));
		const row = await insertUnderCode(db, { ...values, code });
		if (row) return row;
	}
	throw new Error('case.code_exhausted');
}

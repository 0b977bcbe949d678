import { cursorFrom, UUID } from './board-pages';
import type { BoardCursor } from './repository/board';

/**
 * The order of the outstanding view's lists, made total: the lead
 * organisation's Thai name, the organisation's id, the due date (nulls last),
 * creation, id.
 *
 * The name is compared byte-wise (`collate "C"`), not by Thai dictionary
 * order: PGlite and PostgreSQL ship different locales, and only "C" orders
 * the same on both, so the first page and every cursor page agree on either
 * engine. It keeps one organisation's items together, which is what the
 * lists need.
 */

/** A row's place in the order; created is Postgres text, exact to the microsecond. */
export interface OutstandingCursor extends BoardCursor {
	name: string;
	organisationId: string;
}

export function encodeOutstandingCursor(c: OutstandingCursor): string {
	return Buffer.from(JSON.stringify([c.name, c.organisationId, c.due, c.created, c.id])).toString('base64url');
}

/** A cursor from the URL; anything malformed means the first page. */
export function decodeOutstandingCursor(raw: string | null | undefined): OutstandingCursor | undefined {
	if (!raw || raw.length > 1200) return undefined;
	try {
		const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
		if (!Array.isArray(v) || v.length !== 5) return undefined;
		const [name, organisationId, ...rest] = v as unknown[];
		if (typeof name !== 'string' || typeof organisationId !== 'string' || !UUID.test(organisationId)) return undefined;
		const at = cursorFrom(rest);
		return at ? { name, organisationId, ...at } : undefined;
	} catch {
		return undefined;
	}
}

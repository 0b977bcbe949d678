import { sql, type RawBuilder } from 'kysely';
import { afterCursor, type BoardCursor } from './board';
import { cursorFrom, UUID } from './board-pages';

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

/** The order's columns over `action_item as a` joined to its lead `organisation as o`. */
export const OUTSTANDING_ORDER = [sql`o.name_th collate "C"`, sql`a.lead_organisation_id`, sql`a.due_on asc nulls last`, sql`a.created_at`, sql`a.id`] as const;

/** Rows strictly after the cursor in the order. */
export function afterOutstanding(c: OutstandingCursor): RawBuilder<boolean> {
	const name = sql`o.name_th collate "C"`;
	const sameOrganisation = sql<boolean>`(a.lead_organisation_id > ${c.organisationId}::uuid or (a.lead_organisation_id = ${c.organisationId}::uuid and ${afterCursor(c)}))`;
	return sql<boolean>`(${name} > ${c.name} collate "C" or (${name} = ${c.name} collate "C" and ${sameOrganisation}))`;
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

import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { requireAccess, type Actor } from './access';
import { searchAudit, type AuditFilter } from './audit';
import type { AuditOutcome, DB } from './db/schema';
import * as field from './validate';
import { bangkokMidnight } from '../src/lib/calendar';

const OUTCOMES: AuditOutcome[] = ['success', 'failure', 'denied'];
const PAGE = 50;

/** The log's filters, from the query string: one that does not parse is not applied. */
const AuditQuery = v.object({
	action: field.lenient(
		v.pipe(
			field.text({ max: 60 }),
			v.transform((action) => action || undefined)
		)
	),
	outcome: field.lenient(field.oneOf(OUTCOMES)),
	/** A username, in any case. */
	actor: v.nullish(v.string()),
	/** Bangkok days, `YYYY-MM-DD`. */
	from: v.nullish(v.string()),
	to: v.nullish(v.string()),
	/** The page starts below this event's id. */
	before: v.nullish(v.string())
});
export type AuditQuery = v.InferInput<typeof AuditQuery>;

function day(value: string | null | undefined, endOfDay = false): Date | undefined {
	if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
	// Days are Bangkok days.
	const d = bangkokMidnight(value, endOfDay ? 1 : 0);
	return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Administrators browse the audit log, newest first, 50 at a time. */
export async function browseAudit(db: Kysely<DB>, actor: Actor | null, q: AuditQuery) {
	await requireAccess(db, actor, 'audit.read', { kind: 'system' });
	const { values } = field.parse(AuditQuery, q);
	const filter: AuditFilter = { limit: PAGE + 1 };
	if (values.action) filter.action = values.action;
	if (values.outcome) filter.outcome = values.outcome;
	if (values.actor) filter.actorUsername = values.actor;
	filter.from = day(values.from);
	filter.to = day(values.to, true);
	const before = Number(values.before);
	if (Number.isInteger(before) && before > 0) filter.before = before;
	const rows = await searchAudit(db, filter);
	const more = rows.length > PAGE;
	const events = rows.slice(0, PAGE);
	return { events, nextBefore: more ? events[events.length - 1]!.id : null };
}

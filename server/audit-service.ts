import type { Kysely } from 'kysely';
import { requireAccess, type Actor } from './access';
import { searchAudit, type AuditFilter } from './audit';
import type { AuditOutcome, DB } from './db/schema';
import * as v from './validate';
import { bangkokMidnight } from '../src/lib/calendar';

export interface AuditQuery {
	action?: string | null;
	outcome?: string | null;
	actor?: string | null;
	from?: string | null;
	to?: string | null;
	before?: string | null;
}

const OUTCOMES: AuditOutcome[] = ['success', 'failure', 'denied'];
const PAGE = 50;

function day(value: string | null | undefined, endOfDay = false): Date | undefined {
	if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
	// Days are Bangkok days.
	const d = bangkokMidnight(value, endOfDay ? 1 : 0);
	return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Administrators browse the audit log, newest first, 50 at a time. */
export async function browseAudit(db: Kysely<DB>, actor: Actor | null, q: AuditQuery) {
	await requireAccess(db, actor, 'audit.read', { kind: 'system' });
	const filter: AuditFilter = { limit: PAGE + 1 };
	const action = v.text(q.action, { max: 60 });
	if (action.ok && action.value) filter.action = action.value;
	const outcome = v.oneOf(q.outcome, OUTCOMES);
	if (outcome.ok) filter.outcome = outcome.value;
	if (q.actor) {
		const user = await db
			.selectFrom('app_user')
			.select('id')
			.where((eb) => eb(eb.fn('lower', ['username']), '=', q.actor!.trim().toLowerCase()))
			.executeTakeFirst();
		filter.actorId = user?.id ?? '00000000-0000-0000-0000-000000000000';
	}
	filter.from = day(q.from);
	filter.to = day(q.to, true);
	const before = Number(q.before);
	if (Number.isInteger(before) && before > 0) filter.before = before;
	const rows = await searchAudit(db, filter);
	const more = rows.length > PAGE;
	const events = rows.slice(0, PAGE);
	return { events, nextBefore: more ? events[events.length - 1]!.id : null };
}

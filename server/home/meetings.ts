import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { endedMeetingCount, endedMeetings, nextAgendas } from './repository/meetings';

/**
 * The meetings side of the home: what is coming up (`upcomingMeetings`, a
 * list query of the repository), what the secretariat has to prepare before
 * it, and which held meetings still wait for their minutes to be approved.
 */

/**
 * The next planned meeting of each body whose secretary the person is: the
 * agenda to prepare, however far off, with how many items it has so far.
 */
export function agendasToPrepare(db: Kysely<DB>, o: { bodyIds: string[]; now: Date; limit: number }) {
	if (!o.bodyIds.length) return Promise.resolve([]);
	return nextAgendas(db, o).then((rows) => rows.map((r) => ({ ...r, agenda_items: Number(r.agenda_items ?? 0) })));
}

/** Held meetings of bodies the person runs whose minutes are not approved yet: the oldest first, and how many in all. */
export async function minutesAwaitingApproval(db: Kysely<DB>, o: { bodyIds: string[]; limit: number }) {
	if (!o.bodyIds.length) return { count: 0, items: [] };
	const [count, items] = await Promise.all([endedMeetingCount(db, o.bodyIds), endedMeetings(db, o.bodyIds, o.limit)]);
	return { count: Number(count.n), items };
}

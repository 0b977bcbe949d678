import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import * as repo from './repository/actions';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * The follow-up side of the home. The organisation's items come from the
 * representative's board query itself (same scope, same order), cut to the
 * ones due soon or late; the rest are counts and short lists in SQL. Every
 * row is read as the person may read it (server/access/redact.ts).
 */

/** "Due soon" on the home: within this many days. */
export const DUE_SOON_DAYS = 14;
const DAY_MS = 24 * 3600_000;
/** A planned meeting still counts as the next one this long after its start time. */
const LATE_START_MS = 12 * 3600_000;

/** The person's organisations' open items that are overdue or due soon, with how many of each. */
export async function organisationItemsDue(db: Kysely<DB>, userId: string, o: { now: Date; limit: number }) {
	const today = bangkokToday(o.now);
	const soon = bangkokToday(new Date(o.now.getTime() + DUE_SOON_DAYS * DAY_MS));
	const [rows, counts] = await Promise.all([
		repo.dueOrganisationItems(db, userId, { soon, now: o.now, limit: o.limit }),
		repo.dueOrganisationItemCounts(db, userId, { soon, today, now: o.now })
	]);
	return {
		days: DUE_SOON_DAYS,
		overdue: Number(counts.overdue),
		dueSoon: Number(counts.soon),
		items: rows.map((i) => ({
			id: i.id,
			title: i.title,
			status: i.status,
			due_on: i.due_on,
			overdue: !!i.due_on && i.due_on < today,
			body_th: i.body_th,
			body_en: i.body_en,
			lead_th: i.lead_th,
			lead_en: i.lead_en,
			caseCode: i.caseCode
		}))
	};
}

/**
 * Report-backs the person owes at the next meeting of a body: items their
 * organisation leads there that fall due by that meeting and are not done,
 * or were marked done and not yet reported to a meeting. The next meetings
 * are found first, one per body, so only the person's few bodies are read.
 */
export async function reportBacksOwed(db: Kysely<DB>, userId: string, o: { seats: { bodyId: string; organisationId: string }[]; now: Date; limit: number }) {
	const none = { count: 0, items: [] };
	if (!o.seats.length) return none;
	const cutoff = new Date(o.now.getTime() - LATE_START_MS);
	const next = await repo.nextMeetingsOfBodies(db, [...new Set(o.seats.map((s) => s.bodyId))], cutoff);
	const meetingOf = new Map(next.map((n) => [n.body_id, n]));
	const seats = o.seats
		.filter((s) => meetingOf.has(s.bodyId))
		.map((s) => ({ bodyId: s.bodyId, organisationId: s.organisationId, dueBy: bangkokToday(meetingOf.get(s.bodyId)!.starts_at) }));
	if (!seats.length) return none;
	const [count, rows] = await Promise.all([repo.owedItemCount(db, seats), repo.owedItems(db, userId, seats, o.limit)]);
	const today = bangkokToday(o.now);
	return {
		count: Number(count.n),
		items: rows
			.map((i) => ({
				...i,
				meeting_id: meetingOf.get(i.body_id)!.id,
				meeting_starts_at: meetingOf.get(i.body_id)!.starts_at,
				overdue: !!i.due_on && i.due_on < today
			}))
			.sort((a, b) => new Date(a.meeting_starts_at).getTime() - new Date(b.meeting_starts_at).getTime())
	};
}

/** Items reported done on the bodies the person chairs, waiting for the meeting to accept them. */
export async function awaitingAcceptance(db: Kysely<DB>, viewerId: string, o: { bodyIds: string[]; limit: number }) {
	if (!o.bodyIds.length) return { count: 0, items: [] };
	const [count, rows] = await Promise.all([repo.awaitingAcceptanceCount(db, o.bodyIds), repo.awaitingAcceptanceItems(db, viewerId, o.bodyIds, o.limit)]);
	return { count: Number(count.n), items: rows };
}

/** Open, overdue and awaiting-acceptance counts of each body, for the link to its outstanding view. */
export async function outstandingCounts(db: Kysely<DB>, o: { bodyIds: string[]; now: Date }) {
	if (!o.bodyIds.length) return new Map<string, { open: number; overdue: number; awaiting: number }>();
	const rows = await repo.openCountsByBody(db, o.bodyIds, bangkokToday(o.now));
	return new Map(rows.map((r) => [r.body_id, { open: Number(r.open), overdue: Number(r.overdue), awaiting: Number(r.awaiting) }]));
}

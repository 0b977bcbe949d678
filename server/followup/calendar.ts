import type { Kysely } from 'kysely';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import { generateToken, hashToken, isWellFormedToken } from '../auth/token';
import type { DB } from '../db/schema';
import { listable } from '../access/meeting-thread';
import { boardItems } from './board';
import * as repo from './repository/calendar';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * A user's calendar feed at a secret URL: their bodies' meetings and the due
 * dates of their organisations' open actions. The URL is the credential, so
 * only its hash is stored and issuing a new one retires the old.
 */

/** Meetings this far back stay in the feed, so last month's meeting does not vanish from the calendar. */
const PAST_DAYS = 180;

export async function calendarStatus(db: Kysely<DB>, actor: Actor | null) {
	await requireAccess(db, actor, 'account.manage', { kind: 'user', id: actor?.userId ?? '' });
	const row = await repo.feedOf(db, actor!.userId);
	return { active: row !== undefined, createdAt: row?.created_at ?? null };
}

/** Issues a new secret feed URL token, replacing any earlier one; the token is shown once. */
export async function issueCalendarToken(db: Kysely<DB>, actor: Actor | null, clientAddress: string | null = null): Promise<string> {
	await requireAccess(db, actor, 'account.manage', { kind: 'user', id: actor?.userId ?? '' }, { clientAddress });
	const token = generateToken();
	await db.transaction().execute(async (tx) => {
		await repo.storeFeedToken(tx, actor!.userId, hashToken(token));
		await audit(tx, { actorId: actor!.userId, action: 'calendar.issue', outcome: 'success', targetType: 'user', targetId: actor!.userId, clientAddress });
	});
	return token;
}

export async function revokeCalendarToken(db: Kysely<DB>, actor: Actor | null, clientAddress: string | null = null): Promise<void> {
	await requireAccess(db, actor, 'account.manage', { kind: 'user', id: actor?.userId ?? '' }, { clientAddress });
	await db.transaction().execute(async (tx) => {
		await repo.deleteFeed(tx, actor!.userId);
		await audit(tx, { actorId: actor!.userId, action: 'calendar.revoke', outcome: 'success', targetType: 'user', targetId: actor!.userId, clientAddress });
	});
}

/** What the feed behind a token shows now, or null for an unknown token or a disabled account. */
export async function calendarFeed(db: Kysely<DB>, token: unknown, now = new Date()) {
	if (!isWellFormedToken(token)) return null;
	const user = await repo.feedUser(db, hashToken(token));
	if (!user) return null;
	const d = bangkokToday(now);
	const listed = await listable(db, user.id, 'mt.case_id');
	const [meetings, actions] = await Promise.all([
		repo.feedMeetings(db, user.id, d, new Date(now.getTime() - PAST_DAYS * 24 * 3600_000), listed),
		boardItems(db, user.id, {}, { now })
	]);
	return { user, meetings, actions: actions.filter((a) => a.due_on) };
}

/**
 * When the feed's content last changed: the time it was first served with
 * this tag (to the second, as HTTP dates go). A changed tag is recorded now.
 */
export async function feedChangedAt(db: Kysely<DB>, userId: string, tag: string, now = new Date()): Promise<Date> {
	const second = new Date(Math.floor(now.getTime() / 1000) * 1000);
	const row = await repo.feedContentTag(db, userId);
	if (row?.content_tag === tag && row.content_changed_at) return row.content_changed_at;
	await repo.setFeedContentTag(db, userId, tag, second);
	return second;
}

/**
 * Whether a conditional GET may be answered 304 (RFC 9110 §13.2.2): by the
 * tag when the client sends If-None-Match, else by the date of If-Modified-Since.
 */
export function notModified(headers: Headers, tag: string, changedAt: Date): boolean {
	const wanted = headers.get('if-none-match');
	if (wanted !== null) return wanted.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === tag);
	const since = Date.parse(headers.get('if-modified-since') ?? '');
	return Number.isFinite(since) && changedAt.getTime() <= since;
}

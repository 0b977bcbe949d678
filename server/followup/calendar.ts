import type { Kysely } from 'kysely';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import { generateToken, hashToken, isWellFormedToken } from '../auth/token';
import type { DB } from '../db/schema';
import { listable } from '../access/meeting-thread';
import { boardItems } from './board';
import { seatHeldOn, seatOf } from '../membership/seats';
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
	const row = await db.selectFrom('calendar_feed').select('created_at').where('user_id', '=', actor!.userId).executeTakeFirst();
	return { active: row !== undefined, createdAt: row?.created_at ?? null };
}

/** Issues a new secret feed URL token, replacing any earlier one; the token is shown once. */
export async function issueCalendarToken(db: Kysely<DB>, actor: Actor | null, clientAddress: string | null = null): Promise<string> {
	await requireAccess(db, actor, 'account.manage', { kind: 'user', id: actor?.userId ?? '' }, { clientAddress });
	const token = generateToken();
	await db.transaction().execute(async (tx) => {
		await tx
			.insertInto('calendar_feed')
			.values({ user_id: actor!.userId, token_hash: hashToken(token), created_at: new Date() })
			.onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: hashToken(token), created_at: new Date() }))
			.execute();
		await audit(tx, { actorId: actor!.userId, action: 'calendar.issue', outcome: 'success', targetType: 'user', targetId: actor!.userId, clientAddress });
	});
	return token;
}

export async function revokeCalendarToken(db: Kysely<DB>, actor: Actor | null, clientAddress: string | null = null): Promise<void> {
	await requireAccess(db, actor, 'account.manage', { kind: 'user', id: actor?.userId ?? '' }, { clientAddress });
	await db.transaction().execute(async (tx) => {
		await tx.deleteFrom('calendar_feed').where('user_id', '=', actor!.userId).execute();
		await audit(tx, { actorId: actor!.userId, action: 'calendar.revoke', outcome: 'success', targetType: 'user', targetId: actor!.userId, clientAddress });
	});
}

/** What the feed behind a token shows now, or null for an unknown token or a disabled account. */
export async function calendarFeed(db: Kysely<DB>, token: unknown, now = new Date()) {
	if (!isWellFormedToken(token)) return null;
	const user = await db
		.selectFrom('calendar_feed as f')
		.innerJoin('app_user as u', 'u.id', 'f.user_id')
		.select(['u.id', 'u.display_name', 'u.locale'])
		.where('f.token_hash', '=', hashToken(token))
		.where('u.active', '=', true)
		.executeTakeFirst();
	if (!user) return null;
	const d = bangkokToday(now);
	const [meetings, actions] = await Promise.all([
		db
			.selectFrom('meeting as mt')
			.innerJoin('body as b', 'b.id', 'mt.body_id')
			.select(['mt.id', 'mt.title', 'mt.starts_at', 'mt.ends_at', 'mt.place', 'mt.online_url', 'mt.status', 'b.name_th as body_th', 'b.name_en as body_en'])
			.where('mt.body_id', 'in', (eb) => eb.selectFrom('membership').select('body_id').where(seatOf(user.id)).where(seatHeldOn(d)))
			.where(await listable(db, user.id, 'mt.case_id'))
			.where('mt.starts_at', '>=', new Date(now.getTime() - PAST_DAYS * 24 * 3600_000))
			.orderBy('mt.starts_at')
			.limit(1000)
			.execute(),
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
	const row = await db.selectFrom('calendar_feed').select(['content_tag', 'content_changed_at']).where('user_id', '=', userId).executeTakeFirst();
	if (row?.content_tag === tag && row.content_changed_at) return row.content_changed_at;
	await db.updateTable('calendar_feed').set({ content_tag: tag, content_changed_at: second }).where('user_id', '=', userId).execute();
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

import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { NotificationKind, NotificationPreference, OutboxMail, SubjectType } from '../db/schema-notifications';

/** SQL of notifications, preferences, the outbox and the scheduler's jobs. */

export const DEFAULT_PREFERENCE = { off: [], no_mail: [], delivery: 'immediate', digest_hour: 7, quiet_from: null, quiet_to: null, meeting_days: 3 } as const;

/** A person's preferences, created with their own link key on first use. */
export async function getPreference(db: Kysely<DB>, userId: string): Promise<NotificationPreference> {
	const row = await db.selectFrom('notification_preference').selectAll().where('user_id', '=', userId).executeTakeFirst();
	if (row) return row;
	await db
		.insertInto('notification_preference')
		.values({ user_id: userId, link_key: randomBytes(32).toString('base64url') })
		.onConflict((oc) => oc.column('user_id').doNothing())
		.execute();
	return db.selectFrom('notification_preference').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
}

export interface PreferenceUpdate {
	off?: NotificationKind[];
	no_mail?: NotificationKind[];
	delivery?: 'immediate' | 'digest';
	digest_hour?: number;
	quiet_from?: number | null;
	quiet_to?: number | null;
	meeting_days?: number;
}

export async function updatePreference(db: Kysely<DB>, userId: string, u: PreferenceUpdate, now = new Date()) {
	await getPreference(db, userId);
	const set: Record<string, unknown> = { ...u, updated_at: now };
	if (u.off) set.off = JSON.stringify(u.off);
	if (u.no_mail) set.no_mail = JSON.stringify(u.no_mail);
	await db.updateTable('notification_preference').set(set).where('user_id', '=', userId).execute();
}

export interface NewNotification {
	userId: string;
	kind: NotificationKind;
	subjectType: SubjectType;
	subjectId: string;
	day: string;
}

/** Inserts the notification unless its key exists; the new row, or undefined when it was already there. */
export function insertOnce(db: Kysely<DB>, n: NewNotification, now: Date) {
	return db
		.insertInto('notification')
		.values({ user_id: n.userId, kind: n.kind, subject_type: n.subjectType, subject_id: n.subjectId, day: n.day, created_at: now })
		.onConflict((oc) => oc.constraint('notification_once').doNothing())
		.returning(['id', 'user_id', 'kind', 'subject_type', 'subject_id', 'day', 'created_at'])
		.executeTakeFirst();
}

export function listForUser(db: Kysely<DB>, userId: string, limit = 100) {
	return db.selectFrom('notification').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
}

export async function unreadCount(db: Kysely<DB>, userId: string): Promise<number> {
	const r = await db
		.selectFrom('notification')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('user_id', '=', userId)
		.where('read_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

export async function markRead(db: Kysely<DB>, userId: string, ids: string[] | 'all', now = new Date()): Promise<number> {
	let q = db.updateTable('notification').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null);
	if (ids !== 'all') {
		if (!ids.length) return 0;
		q = q.where('id', 'in', ids);
	}
	const r = await q.executeTakeFirst();
	return Number(r.numUpdatedRows);
}

export interface NewMail {
	dedupeKey: string;
	userId: string;
	to: string;
	subject: string;
	text: string;
	html: string;
	ics?: { method: 'REQUEST' | 'CANCEL'; body: string };
	unsubscribeUrl?: string;
	notBefore: Date;
}

/** Queues a mail once per key; true when it was queued now. */
export async function enqueueMail(db: Kysely<DB>, m: NewMail, now: Date): Promise<boolean> {
	const r = await db
		.insertInto('mail_outbox')
		.values({
			dedupe_key: m.dedupeKey,
			user_id: m.userId,
			to_address: m.to,
			subject: m.subject,
			text_body: m.text,
			html_body: m.html,
			ics: m.ics?.body ?? null,
			ics_method: m.ics?.method ?? null,
			unsubscribe_url: m.unsubscribeUrl ?? null,
			not_before: m.notBefore,
			created_at: now
		})
		.onConflict((oc) => oc.column('dedupe_key').doNothing())
		.returning('id')
		.executeTakeFirst();
	return !!r;
}

/**
 * Claims due mail for this sender for `leaseMs`: rows another sender holds are
 * skipped, not waited for, and a sender that died lets its rows go when the lease ends.
 */
export async function claimMail(db: Kysely<DB>, now: Date, leaseMs: number, limit: number): Promise<OutboxMail[]> {
	const until = new Date(now.getTime() + leaseMs);
	const r = await sql<OutboxMail>`
		update mail_outbox set locked_until = ${until}
		where id in (
			select id from mail_outbox
			where status = 'pending' and not_before <= ${now} and (locked_until is null or locked_until <= ${now})
			order by not_before, created_at
			limit ${limit}
			for update skip locked
		)
		returning *`.execute(db);
	return r.rows;
}

/** Records a delivery, only while this sender's claim still holds. */
export async function markSent(db: Kysely<DB>, mail: OutboxMail, now: Date): Promise<void> {
	await db
		.updateTable('mail_outbox')
		.set({ status: 'sent', sent_at: now, locked_until: null, attempts: sql`attempts + 1`, last_error: null })
		.where('id', '=', mail.id)
		.where('status', '=', 'pending')
		.execute();
}

export const MAX_ATTEMPTS = 5;

/** Records a failure: retried after a doubling delay, given up after five. */
export async function markFailed(db: Kysely<DB>, mail: OutboxMail, error: string, now: Date, permanent = false): Promise<'retry' | 'failed'> {
	const attempts = mail.attempts + 1;
	const give_up = permanent || attempts >= MAX_ATTEMPTS;
	const delay = Math.min(60_000 * 2 ** (attempts - 1), 3600_000);
	await db
		.updateTable('mail_outbox')
		.set({ attempts, last_error: error.slice(0, 500), locked_until: null, status: give_up ? 'failed' : 'pending', not_before: new Date(now.getTime() + delay) })
		.where('id', '=', mail.id)
		.where('status', '=', 'pending')
		.execute();
	return give_up ? 'failed' : 'retry';
}

export function failedMail(db: Kysely<DB>, limit = 200) {
	return db
		.selectFrom('mail_outbox')
		.innerJoin('app_user', 'app_user.id', 'mail_outbox.user_id')
		.select([
			'mail_outbox.id',
			'mail_outbox.to_address',
			'mail_outbox.attempts',
			'mail_outbox.last_error',
			'mail_outbox.created_at',
			'mail_outbox.not_before',
			'app_user.username'
		])
		.where('mail_outbox.status', '=', 'failed')
		.orderBy('mail_outbox.created_at', 'desc')
		.limit(limit)
		.execute();
}

/** Mails not yet sent or given up on, due or not: the outbox's depth. */
export async function pendingMailCount(db: Kysely<DB>): Promise<number> {
	const r = await db
		.selectFrom('mail_outbox')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('status', '=', 'pending')
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

/** Gives a failed mail five more tries, starting now. */
export async function retryMail(db: Kysely<DB>, id: string, now = new Date()): Promise<boolean> {
	const r = await db
		.updateTable('mail_outbox')
		.set({ status: 'pending', attempts: 0, not_before: now, locked_until: null })
		.where('id', '=', id)
		.where('status', '=', 'failed')
		.executeTakeFirst();
	return Number(r.numUpdatedRows) > 0;
}

/**
 * Claims a periodic job when it is due and nobody else holds it. The caller
 * gets the job's cursor and must `finishJob` with the next run time.
 */
export async function claimJob(db: Kysely<DB>, name: string, now: Date, leaseMs: number): Promise<{ cursor: Date | null } | null> {
	await db
		.insertInto('notification_job')
		.values({ name, run_at: now, cursor: null })
		.onConflict((oc) => oc.column('name').doNothing())
		.execute();
	const r = await sql<{ cursor: Date | null }>`
		update notification_job set locked_until = ${new Date(now.getTime() + leaseMs)}
		where name = (
			select name from notification_job
			where name = ${name} and run_at <= ${now} and (locked_until is null or locked_until <= ${now})
			for update skip locked
		)
		returning cursor`.execute(db);
	return r.rows[0] ?? null;
}

export async function finishJob(db: Kysely<DB>, name: string, next: Date, cursor?: Date): Promise<void> {
	await db
		.updateTable('notification_job')
		.set({ run_at: next, locked_until: null, ...(cursor ? { cursor } : {}) })
		.where('name', '=', name)
		.execute();
}

const DAY_MS = 24 * 3600_000;

/**
 * Forgets what nobody needs any more: mail sent a month ago, notifications
 * read three months ago. Every key a scan can still meet (this week's overdue
 * reminder, a coming meeting, a recent change) is younger, so exactly-once holds.
 */
export async function prune(db: Kysely<DB>, now: Date): Promise<void> {
	await db
		.deleteFrom('mail_outbox')
		.where('status', '=', 'sent')
		.where('sent_at', '<', new Date(now.getTime() - 30 * DAY_MS))
		.execute();
	await db
		.deleteFrom('notification')
		.where('read_at', '<', new Date(now.getTime() - 90 * DAY_MS))
		.where('created_at', '<', new Date(now.getTime() - 90 * DAY_MS))
		.execute();
}

/** Marks a mail failed after its bounce report; false when it was not sent or pending (already failed, or unknown). */
export async function markBounced(db: Kysely<DB>, mailId: string, lastError: string): Promise<boolean> {
	const r = await db
		.updateTable('mail_outbox')
		.set({ status: 'failed', locked_until: null, last_error: lastError })
		.where('id', '=', mailId)
		.where('status', 'in', ['sent', 'pending'])
		.executeTakeFirst();
	return Number(r.numUpdatedRows) > 0;
}

/** Whether a mail with this key was ever queued. */
export async function mailQueued(db: Kysely<DB>, dedupeKey: string): Promise<boolean> {
	return (await db.selectFrom('mail_outbox').select('id').where('dedupe_key', '=', dedupeKey).executeTakeFirst()) !== undefined;
}

/** People who chose a digest and have notifications not yet mailed: their hour, and when the oldest came. */
export function digestsWaiting(db: Kysely<DB>) {
	return db
		.selectFrom('notification as n')
		.innerJoin('notification_preference as p', 'p.user_id', 'n.user_id')
		.select((eb) => ['n.user_id', 'p.digest_hour', eb.fn.min<Date>('n.created_at').as('oldest')])
		.where('n.mailed_at', 'is', null)
		.where('p.delivery', '=', 'digest')
		.groupBy(['n.user_id', 'p.digest_hour'])
		.execute();
}

/** Marks a person's notifications up to `upTo` that were not yet mailed as mailed now, and returns them. */
export function takeUnmailed(db: Kysely<DB>, userId: string, upTo: Date, now: Date) {
	return db
		.updateTable('notification')
		.set({ mailed_at: now })
		.where('user_id', '=', userId)
		.where('mailed_at', 'is', null)
		.where('created_at', '<=', upTo)
		.returning(['kind', 'subject_type', 'subject_id'])
		.execute();
}

export async function markMailed(db: Kysely<DB>, notificationId: string, now: Date): Promise<void> {
	await db.updateTable('notification').set({ mailed_at: now }).where('id', '=', notificationId).execute();
}

/** Of `userIds`, those already notified of this occasion. */
export async function alreadyNotified(db: Kysely<DB>, o: { subjectId: string; kind: NotificationKind; day: string }, userIds: string[]): Promise<Set<string>> {
	const rows = await db
		.selectFrom('notification')
		.select('user_id')
		.where('subject_id', '=', o.subjectId)
		.where('kind', '=', o.kind)
		.where('day', '=', o.day)
		.where('user_id', 'in', userIds)
		.execute();
	return new Set(rows.map((r) => r.user_id));
}

/** How many days ahead each of `userIds` wants a meeting's reminder (people with no preferences yet are missing). */
export async function meetingDaysOf(db: Kysely<DB>, userIds: string[]): Promise<Map<string, number>> {
	const rows = await db.selectFrom('notification_preference').select(['user_id', 'meeting_days']).where('user_id', 'in', userIds).execute();
	return new Map(rows.map((r) => [r.user_id, r.meeting_days]));
}

/** What an unsubscribe link is checked against, and the kinds already off by mail. */
export function unsubscribeState(db: Kysely<DB>, userId: string) {
	return db.selectFrom('notification_preference').select(['link_key', 'no_mail']).where('user_id', '=', userId).executeTakeFirst();
}

/** The version of the meeting invitation a person was last sent, if any. */
export async function invitationSequence(db: Kysely<DB>, meetingId: string, userId: string): Promise<number | null> {
	const row = await db.selectFrom('meeting_invitation').select('sequence').where('meeting_id', '=', meetingId).where('user_id', '=', userId).executeTakeFirst();
	return row ? row.sequence : null;
}

/** Records the invitation version sent for a meeting, with what it said (its fingerprint). */
export async function recordInvitation(
	db: Kysely<DB>,
	i: { meetingId: string; userId: string; sequence: number; fingerprint: string },
	now: Date
): Promise<void> {
	await db
		.insertInto('meeting_invitation')
		.values({ meeting_id: i.meetingId, user_id: i.userId, sequence: i.sequence, fingerprint: i.fingerprint, updated_at: now })
		.onConflict((oc) =>
			oc.columns(['meeting_id', 'user_id']).doUpdateSet({ sequence: i.sequence, fingerprint: i.fingerprint, cancelled: false, updated_at: now })
		)
		.execute();
}

/** Invitations still standing for meetings that start after `since`, with what the meeting says now. */
export function standingInvitations(db: Kysely<DB>, since: Date) {
	return db
		.selectFrom('meeting_invitation as i')
		.innerJoin('meeting as m', 'm.id', 'i.meeting_id')
		.select(['i.meeting_id', 'i.user_id', 'i.sequence', 'i.fingerprint', 'm.starts_at', 'm.ends_at', 'm.place', 'm.title', 'm.status'])
		.where('i.cancelled', '=', false)
		.where('m.starts_at', '>', since)
		.execute();
}

/** Moves an invitation on from the version `from` only; false when another scan moved it first. */
export async function moveInvitation(
	db: Kysely<DB>,
	i: { meetingId: string; userId: string; from: number; fingerprint: string; cancelled: boolean },
	now: Date
): Promise<boolean> {
	const moved = await db
		.updateTable('meeting_invitation')
		.set({ sequence: i.from + 1, fingerprint: i.fingerprint, cancelled: i.cancelled, updated_at: now })
		.where('meeting_id', '=', i.meetingId)
		.where('user_id', '=', i.userId)
		.where('sequence', '=', i.from)
		.executeTakeFirst();
	return Number(moved.numUpdatedRows) > 0;
}

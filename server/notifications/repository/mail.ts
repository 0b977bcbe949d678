import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { OutboxMail } from '../../db/schema-notifications';

/** SQL of the mail outbox, bounces, digests and the meeting invitations sent; no access checks here. */

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

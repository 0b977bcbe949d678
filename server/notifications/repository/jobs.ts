import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** SQL of the scheduler's periodic jobs and of forgetting old mail and notifications; no access checks here. */

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

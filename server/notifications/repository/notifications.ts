import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { NotificationKind, SubjectType } from '../../db/schema-notifications';

/** SQL of the in-app notifications: written once per occasion, listed, counted and marked read; no access checks here. */

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

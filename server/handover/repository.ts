import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { OPEN_STATUSES } from '../db/schema-followup';

export function getSeat(db: Kysely<DB>, membershipId: string) {
	return db.selectFrom('membership').selectAll().where('id', '=', membershipId).executeTakeFirst();
}

/** A user who may take a seat: only an active one. */
export function getActiveUser(db: Kysely<DB>, userId: string) {
	return db.selectFrom('app_user').select(['id', 'display_name']).where('id', '=', userId).where('active', '=', true).executeTakeFirst();
}

export function getDisplayName(db: Kysely<DB>, userId: string) {
	return db.selectFrom('app_user').select('display_name').where('id', '=', userId).executeTakeFirstOrThrow();
}

/** The user's seat on the body that is held on `from` or later, if any. */
export function seatFrom(db: Kysely<DB>, bodyId: string, userId: string, from: string) {
	return db
		.selectFrom('membership')
		.select('id')
		.where('body_id', '=', bodyId)
		.where('user_id', '=', userId)
		.where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', from)]))
		.executeTakeFirst();
}

export async function endSeat(db: Kysely<DB>, membershipId: string, endsOn: string): Promise<void> {
	await db.updateTable('membership').set({ ends_on: endsOn }).where('id', '=', membershipId).execute();
}

export function insertSeat(db: Kysely<DB>, seat: Insertable<DB['membership']>) {
	return db.insertInto('membership').values(seat).returning('id').executeTakeFirstOrThrow();
}

/** Reassigns the open action items of a body, outside any case, from one user to another; the items moved. */
export function reassignOpenActions(db: Kysely<DB>, r: { bodyId: string; fromUserId: string; toUserId: string; at: Date }) {
	return db
		.updateTable('action_item')
		.set({ assignee_id: r.toUserId, updated_at: r.at })
		.where('body_id', '=', r.bodyId)
		.where('assignee_id', '=', r.fromUserId)
		.where('case_id', 'is', null)
		.where('status', 'in', OPEN_STATUSES)
		.returning('id')
		.execute();
}

/** One `handed_over` entry in the history of each item moved. */
export async function recordHandedOver(
	db: Kysely<DB>,
	r: { actionItemIds: string[]; authorId: string; note: string; detail: { from: string; to: string; membership: string } }
): Promise<void> {
	await db
		.insertInto('action_update')
		.values(
			r.actionItemIds.map((id) => ({
				action_item_id: id,
				author_id: r.authorId,
				kind: 'handed_over' as const,
				text: r.note,
				meeting_id: null,
				detail: JSON.stringify(r.detail)
			}))
		)
		.execute();
}

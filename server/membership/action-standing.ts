import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { seatHeldOn, seatOf } from './seats';
import { bangkokToday } from '../../src/lib/calendar';

/** The body an action item belongs to, or undefined for an unknown item. */
export async function actionBodyId(db: Kysely<DB>, actionItemId: string): Promise<string | undefined> {
	return (await actionScope(db, actionItemId))?.body_id;
}

/** The body and case (if any) an action item answers to; undefined for an unknown item. */
export function actionScope(db: Kysely<DB>, actionItemId: string) {
	return db.selectFrom('action_item').select(['body_id', 'case_id']).where('id', '=', actionItemId).executeTakeFirst();
}

/**
 * True when the user holds a current seat on the action's body for its lead
 * organisation, or stands in for such a seat as its alternate: the people who
 * speak for the organisation that owns the action.
 */
export async function representsLead(db: Kysely<DB>, userId: string, actionItemId: string, now = new Date()): Promise<boolean> {
	const d = bangkokToday(now);
	const row = await db
		.selectFrom('action_item as a')
		.innerJoin('membership as m', (j) => j.onRef('m.body_id', '=', 'a.body_id').onRef('m.organisation_id', '=', 'a.lead_organisation_id'))
		.select('m.id')
		.where('a.id', '=', actionItemId)
		.where(seatOf(userId, 'm'))
		.where(seatHeldOn(d, 'm'))
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

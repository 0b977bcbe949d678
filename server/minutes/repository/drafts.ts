import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Handle = Kysely<DB> | Transaction<DB>;

/** Records who built the draft that stands now, and when: a rebuilt draft is as new as its rebuilding. */
export async function restamp(db: Handle, meetingId: string, userId: string, at: Date): Promise<void> {
	await db.updateTable('minutes').set({ generated_by: userId, generated_at: at }).where('meeting_id', '=', meetingId).execute();
}

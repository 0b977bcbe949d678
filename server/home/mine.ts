import type { Kysely } from 'kysely';
import type { Actor } from '../access';
import { teamCaseIds } from '../membership/case-team';
import type { DB } from '../db/schema';
import { openActionsOf } from '../network/repository';
import { upcomingMeetings } from './meetings';
import { currentSeats } from './seats';
import { bangkokToday } from '../../src/lib/calendar';

/** Meetings listed on "Mine": a few more than the home shows. */
const MY_MEETINGS = 10;

/**
 * "Mine": the person's next meetings (their bodies' and their cases'
 * conferences) and the open items assigned to them, the late ones marked.
 * The items are the network's own list, already redacted by case.
 */
export async function mine(db: Kysely<DB>, actor: Actor, now = new Date()) {
	const [seats, cases, actions] = await Promise.all([
		currentSeats(db, actor.userId, now),
		teamCaseIds(db, actor.userId, now),
		openActionsOf(db, actor.userId, { assigneeId: actor.userId })
	]);
	const today = bangkokToday(now);
	const meetings = await upcomingMeetings(db, { bodyIds: [...new Set(seats.map((s) => s.bodyId))], caseIds: [...cases], now, limit: MY_MEETINGS });
	return { meetings, actions: actions.map((a) => ({ ...a, overdue: !!a.due_on && a.due_on < today })) };
}

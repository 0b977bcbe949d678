import type { Kysely } from 'kysely';
import type { Actor } from '../access';
import { teamCaseIds } from '../membership/case-team';
import type { DB } from '../db/schema';
import { openActionCountOf, openActionsOf } from '../network/repository/actions';
import { upcomingMeetings } from './repository/meetings';
import { currentSeats } from './seats';
import { bangkokToday } from '../../src/lib/calendar';

/** Meetings listed on "Mine": a few more than the home shows. */
const MY_MEETINGS = 10;
/** Items listed on "Mine", the soonest due first; the board has the rest. */
export const MY_ACTIONS = 20;

/**
 * "Mine": the person's next meetings (their bodies' and their cases'
 * conferences) and the open items assigned to them, the late ones marked.
 * The items are the network's own list, already redacted by case: the
 * first MY_ACTIONS of them, with how many there are in all.
 */
export async function mine(db: Kysely<DB>, actor: Actor, now = new Date()) {
	const [seats, cases, actions, actionCount] = await Promise.all([
		currentSeats(db, actor.userId, now),
		teamCaseIds(db, actor.userId, now),
		openActionsOf(db, actor.userId, { assigneeId: actor.userId }, MY_ACTIONS),
		openActionCountOf(db, actor.userId)
	]);
	const today = bangkokToday(now);
	const meetings = await upcomingMeetings(db, { bodyIds: [...new Set(seats.map((s) => s.bodyId))], caseIds: [...cases], now, limit: MY_MEETINGS });
	return { meetings, actions: actions.map((a) => ({ ...a, overdue: !!a.due_on && a.due_on < today })), actionCount };
}

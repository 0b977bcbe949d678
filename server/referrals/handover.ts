import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import * as repo from './repository/referral';

/** Kinds of history entry that mean the author was handling a referral on the receiving side. */
const HANDLING = ['accepted', 'started', 'progress'] as const;

export interface SeatHandover {
	bodyId: string;
	organisationId: string;
	fromUserId: string;
	toUserId: string;
	authorId: string;
	/** Names shown in the entry: the people who did and will do the work. */
	fromName: string;
	toName: string;
	at: Date;
}

/**
 * Referrals have no assignee: whoever sits for the organisation answers. When
 * a seat changes hands, every pending referral its holder sent from that seat,
 * or was handling for that organisation (or, escalated, for that body), gets a
 * `handed_over` entry so the successor finds the trail. Returns how many.
 */
export async function recordReferralHandover(tx: Kysely<DB>, h: SeatHandover): Promise<number> {
	const rows = await repo.pendingOfSeat(tx, { bodyId: h.bodyId, organisationId: h.organisationId, userId: h.fromUserId }, HANDLING);
	for (const r of rows) await repo.append(tx, { referralId: r.id, authorId: h.authorId, kind: 'handed_over', text: `${h.fromName} → ${h.toName}`, at: h.at });
	return rows.length;
}

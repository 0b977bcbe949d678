import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { PENDING_REFERRAL_STATUSES } from '../db/schema-cases';
import * as repo from './repository';

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
	const rows = await tx
		.selectFrom('referral as r')
		.select('r.id')
		.where('r.status', 'in', PENDING_REFERRAL_STATUSES)
		.where((eb) =>
			eb.or([
				eb.and([eb('r.body_id', '=', h.bodyId), eb('r.created_by', '=', h.fromUserId), eb('r.from_organisation_id', '=', h.organisationId)]),
				eb.and([
					eb.or([eb('r.to_organisation_id', '=', h.organisationId), eb('r.to_body_id', '=', h.bodyId)]),
					eb.exists(
						eb
							.selectFrom('referral_update as u')
							.select(sql.lit(1).as('one'))
							.whereRef('u.referral_id', '=', 'r.id')
							.where('u.author_id', '=', h.fromUserId)
							.where('u.kind', 'in', HANDLING)
					)
				])
			])
		)
		.execute();
	for (const r of rows) await repo.append(tx, { referralId: r.id, authorId: h.authorId, kind: 'handed_over', text: `${h.fromName} → ${h.toName}`, at: h.at });
	return rows.length;
}

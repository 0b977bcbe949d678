import type { Kysely } from 'kysely';
import type { Actor } from '../access';
import type { DB } from '../db/schema';
import { incomingReferrals } from '../referrals/read';

/**
 * Referrals sent to the person's organisations (or escalated to a body they
 * run) that nobody has answered yet. The list is the referrals page's own;
 * the home keeps who sent it, how urgent and the case code, never the reason.
 */
export async function referralsAwaitingAnswer(db: Kysely<DB>, actor: Actor, o: { now: Date; limit: number }) {
	const rows = await incomingReferrals(db, actor, { state: 'sent' }, o.now);
	return {
		count: rows.length,
		items: rows.slice(0, o.limit).map((r) => ({
			id: r.id,
			urgency: r.urgency,
			created_at: r.created_at,
			case_code: r.case_code,
			from_th: r.from_th,
			from_en: r.from_en,
			to_th: r.to_org_th ?? r.to_body_th,
			to_en: r.to_org_en ?? r.to_body_en
		}))
	};
}

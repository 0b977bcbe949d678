import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { DB } from '../../db/schema';
import { PENDING_REFERRAL_STATUSES, type ReferralTable, type ReferralUpdateKind } from '../../db/schema-cases';

/** SQL of referrals and their append-only history; no access checks here. */

export function get(db: Kysely<DB>, id: string) {
	return db.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The referral, locked until the transaction ends, so two answers cannot both win. */
export function getForUpdate(db: Kysely<DB>, id: string) {
	return db.selectFrom('referral').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

export async function insert(db: Kysely<DB>, referral: Insertable<ReferralTable>): Promise<string> {
	const row = await db.insertInto('referral').values(referral).returning('id').executeTakeFirstOrThrow();
	return row.id;
}

export async function update(db: Kysely<DB>, id: string, values: Updateable<ReferralTable>): Promise<void> {
	await db.updateTable('referral').set(values).where('id', '=', id).execute();
}

export async function append(
	db: Kysely<DB>,
	u: { referralId: string; authorId: string | null; kind: ReferralUpdateKind; text: string; at: Date }
): Promise<void> {
	await db.insertInto('referral_update').values({ referral_id: u.referralId, author_id: u.authorId, kind: u.kind, text: u.text, at: u.at }).execute();
}

/** The history of a referral, oldest first, with who wrote each entry. */
export function historyOf(db: Kysely<DB>, referralId: string) {
	return db
		.selectFrom('referral_update as u')
		.leftJoin('app_user as p', 'p.id', 'u.author_id')
		.select(['u.id', 'u.at', 'u.kind', 'u.text', 'p.display_name as author'])
		.where('u.referral_id', '=', referralId)
		.orderBy('u.at')
		.orderBy('u.id')
		.execute();
}

/**
 * The pending referrals a seat's holder sent from it (on its body, for its
 * organisation), or was handling on the receiving side: sent to its
 * organisation or escalated to its body, with an entry of theirs of one of
 * the `handling` kinds.
 */
export function pendingOfSeat(db: Kysely<DB>, seat: { bodyId: string; organisationId: string; userId: string }, handling: readonly ReferralUpdateKind[]) {
	return db
		.selectFrom('referral as r')
		.select('r.id')
		.where('r.status', 'in', PENDING_REFERRAL_STATUSES)
		.where((eb) =>
			eb.or([
				eb.and([eb('r.body_id', '=', seat.bodyId), eb('r.created_by', '=', seat.userId), eb('r.from_organisation_id', '=', seat.organisationId)]),
				eb.and([
					eb.or([eb('r.to_organisation_id', '=', seat.organisationId), eb('r.to_body_id', '=', seat.bodyId)]),
					eb.exists(
						eb
							.selectFrom('referral_update as u')
							.select(sql.lit(1).as('one'))
							.whereRef('u.referral_id', '=', 'r.id')
							.where('u.author_id', '=', seat.userId)
							.where('u.kind', 'in', handling)
					)
				])
			])
		)
		.execute();
}

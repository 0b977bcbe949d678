import type { Kysely } from 'kysely';
import { caseLead, onCaseTeam } from '../membership/case-team';
import type { DB, Role } from '../db/schema';
import { rolesOnBody } from './roles';
import { seatHeldOn, seatOf } from '../membership/seats';
import { bangkokToday } from '../../src/lib/calendar';

/** Facts the access rules of cases and referrals ask about. */

const workers: Role[] = ['chair', 'vice_chair', 'secretary', 'member', 'volunteer'];
const officers: Role[] = ['chair', 'vice_chair', 'secretary'];

/**
 * Who changes a case team (rule `case.team`): on the team, and either its
 * lead or an officer of the case's body. Nobody else, however senior on the
 * body, adds, removes or accepts anyone.
 */
export async function leadsCaseTeam(db: Kysely<DB>, userId: string, caseId: string, now = new Date()): Promise<boolean> {
	if (!(await onCaseTeam(db, userId, caseId, now))) return false;
	if ((await caseLead(db, caseId, now)) === userId) return true;
	const bodyId = await caseBodyId(db, caseId);
	return bodyId !== undefined && hasAny(await rolesOnBody(db, userId, bodyId, now), officers);
}

export async function caseBodyId(db: Kysely<DB>, caseId: string): Promise<string | undefined> {
	const row = await db.selectFrom('case_file').select('body_id').where('id', '=', caseId).executeTakeFirst();
	return row?.body_id;
}

/** True when the user holds a current seat, on any body, for the organisation (or stands in for one). */
export async function speaksFor(db: Kysely<DB>, userId: string, organisationId: string, now = new Date()): Promise<boolean> {
	const d = bangkokToday(now);
	const row = await db
		.selectFrom('membership')
		.select('id')
		.where('organisation_id', '=', organisationId)
		.where(seatOf(userId))
		.where('role', '!=', 'observer')
		.where(seatHeldOn(d))
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

/**
 * The sides a user stands on for a referral. The sender's side is the case
 * team (or, for a referral without a case, the working members of the body
 * that made it); the receiver's side speaks for the receiving organisation, or
 * holds an office on the receiving body.
 */
export async function referralSides(db: Kysely<DB>, userId: string, referralId: string, now = new Date()) {
	const r = await db.selectFrom('referral').select(['body_id', 'case_id', 'to_organisation_id', 'to_body_id']).where('id', '=', referralId).executeTakeFirst();
	if (!r) return { sender: false, receiver: false };
	const sender = r.case_id ? await onCaseTeam(db, userId, r.case_id, now) : hasAny(await rolesOnBody(db, userId, r.body_id, now), workers);
	const receiver = r.to_organisation_id
		? await speaksFor(db, userId, r.to_organisation_id, now)
		: hasAny(await rolesOnBody(db, userId, r.to_body_id!, now), officers);
	return { sender, receiver };
}

const hasAny = (held: Set<Role>, wanted: Role[]) => wanted.some((r) => held.has(r));

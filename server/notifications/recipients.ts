import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema';
import { teamUserIds } from '../membership/case-team';
import { bangkokDate } from '../../src/lib/calendar';

/**
 * Who hears of what. Everyone named here may already read the item through
 * the access rules; a case's work goes to its case team alone.
 */

/** Active people seated now on a body, optionally for one organisation or in some roles (alternates stand in with their seat). */
async function seated(
	db: Kysely<DB>,
	bodyId: string,
	now: Date,
	o: { organisationId?: string; roles?: Role[]; notObserver?: boolean } = {}
): Promise<string[]> {
	const d = bangkokDate(now);
	let q = db
		.selectFrom('membership')
		.select(['user_id', 'alternate_user_id'])
		.where('body_id', '=', bodyId)
		.where('starts_on', '<=', d)
		.where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', d)]));
	if (o.organisationId) q = q.where('organisation_id', '=', o.organisationId);
	if (o.roles) q = q.where('role', 'in', o.roles);
	if (o.notObserver) q = q.where('role', '!=', 'observer');
	const rows = await q.execute();
	return active(
		db,
		rows.flatMap((r) => [r.user_id, r.alternate_user_id]).filter((x): x is string => !!x)
	);
}

async function active(db: Kysely<DB>, ids: string[]): Promise<string[]> {
	const unique = [...new Set(ids)];
	if (!unique.length) return [];
	const rows = await db.selectFrom('app_user').select('id').where('id', 'in', unique).where('active', '=', true).execute();
	return rows.map((r) => r.id).sort();
}

async function onlyTeam(db: Kysely<DB>, caseId: string | null, ids: string[], now: Date): Promise<string[]> {
	if (!caseId) return ids;
	const team = await teamUserIds(db, caseId, now);
	return ids.filter((id) => team.has(id));
}

/** The person an action is assigned to, or else the representatives of its lead organisation on its body. */
export async function actionPeople(db: Kysely<DB>, actionId: string, now: Date): Promise<string[]> {
	const a = await db
		.selectFrom('action_item')
		.select(['body_id', 'lead_organisation_id', 'assignee_id', 'case_id'])
		.where('id', '=', actionId)
		.executeTakeFirst();
	if (!a) return [];
	const ids = a.assignee_id
		? await active(db, [a.assignee_id])
		: await seated(db, a.body_id, now, { organisationId: a.lead_organisation_id, notObserver: true });
	return onlyTeam(db, a.case_id, ids, now);
}

/** Everyone seated on a meeting's body; for a case conference, those of them on the case team. */
export async function meetingPeople(db: Kysely<DB>, meeting: { body_id: string; case_id: string | null }, now: Date): Promise<string[]> {
	return onlyTeam(db, meeting.case_id, await seated(db, meeting.body_id, now), now);
}

/** The chair and secretary of a meeting's body, who approve its minutes. */
export async function minutesPeople(db: Kysely<DB>, meetingId: string, now: Date): Promise<string[]> {
	const m = await db.selectFrom('meeting').select(['body_id', 'case_id']).where('id', '=', meetingId).executeTakeFirst();
	if (!m) return [];
	return onlyTeam(db, m.case_id, await seated(db, m.body_id, now, { roles: ['chair', 'secretary'] }), now);
}

/** Everyone who answers a circulation of the meeting's minutes: the body's members, observers excepted. */
export async function circulationPeople(db: Kysely<DB>, meetingId: string, now: Date): Promise<string[]> {
	const m = await db.selectFrom('meeting').select(['body_id', 'case_id']).where('id', '=', meetingId).executeTakeFirst();
	if (!m) return [];
	return onlyTeam(db, m.case_id, await seated(db, m.body_id, now, { notObserver: true }), now);
}

/** The receiving body's chair and secretary, who triage its intake. */
export function intakePeople(db: Kysely<DB>, bodyId: string, now: Date): Promise<string[]> {
	return seated(db, bodyId, now, { roles: ['chair', 'secretary'] });
}

/** The receiving side of a referral: its organisation's working seats, or the receiving body's officers. */
export async function referralReceivers(db: Kysely<DB>, referralId: string, now: Date): Promise<string[]> {
	const r = await db.selectFrom('referral').select(['to_organisation_id', 'to_body_id']).where('id', '=', referralId).executeTakeFirst();
	if (!r) return [];
	const ids: string[] = [];
	if (r.to_body_id) ids.push(...(await seated(db, r.to_body_id, now, { roles: ['chair', 'vice_chair', 'secretary'] })));
	if (r.to_organisation_id) {
		const d = bangkokDate(now);
		const rows = await db
			.selectFrom('membership')
			.select(['user_id', 'alternate_user_id'])
			.where('organisation_id', '=', r.to_organisation_id)
			.where('role', '!=', 'observer')
			.where('starts_on', '<=', d)
			.where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', d)]))
			.execute();
		ids.push(...rows.flatMap((x) => [x.user_id, x.alternate_user_id]).filter((x): x is string => !!x));
	}
	return active(db, ids);
}

/** The sending side of a referral: who sent it and, for a case, its team. */
export async function referralSenders(db: Kysely<DB>, referralId: string, now: Date): Promise<string[]> {
	const r = await db.selectFrom('referral').select(['created_by', 'case_id']).where('id', '=', referralId).executeTakeFirst();
	if (!r) return [];
	const ids = r.created_by ? [r.created_by] : [];
	if (r.case_id) ids.push(...(await teamUserIds(db, r.case_id, now)));
	return active(db, ids);
}

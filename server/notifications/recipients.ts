import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema';
import { teamUserIds } from '../membership/case-team';
import {
	actionResponsibility,
	activeUsersAmong,
	meetingBodyAndCase,
	organisationWorkingSeats,
	referralDestination,
	referralOrigin,
	seatHolders
} from './repository/recipients';
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
	const rows = await seatHolders(db, bodyId, bangkokDate(now), o);
	return active(
		db,
		rows.flatMap((r) => [r.user_id, r.alternate_user_id]).filter((x): x is string => !!x)
	);
}

async function active(db: Kysely<DB>, ids: string[]): Promise<string[]> {
	const unique = [...new Set(ids)];
	if (!unique.length) return [];
	const rows = await activeUsersAmong(db, unique);
	return rows.map((r) => r.id).sort();
}

async function onlyTeam(db: Kysely<DB>, caseId: string | null, ids: string[], now: Date): Promise<string[]> {
	if (!caseId) return ids;
	const team = await teamUserIds(db, caseId, now);
	return ids.filter((id) => team.has(id));
}

/** The person an action is assigned to, or else the representatives of its lead organisation on its body. */
export async function actionPeople(db: Kysely<DB>, actionId: string, now: Date): Promise<string[]> {
	const a = await actionResponsibility(db, actionId);
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
	const m = await meetingBodyAndCase(db, meetingId);
	if (!m) return [];
	return onlyTeam(db, m.case_id, await seated(db, m.body_id, now, { roles: ['chair', 'secretary'] }), now);
}

/** Everyone who answers a circulation of the meeting's minutes: the body's members, observers excepted. */
export async function circulationPeople(db: Kysely<DB>, meetingId: string, now: Date): Promise<string[]> {
	const m = await meetingBodyAndCase(db, meetingId);
	if (!m) return [];
	return onlyTeam(db, m.case_id, await seated(db, m.body_id, now, { notObserver: true }), now);
}

/** The receiving body's chair and secretary, who triage its intake. */
export function intakePeople(db: Kysely<DB>, bodyId: string, now: Date): Promise<string[]> {
	return seated(db, bodyId, now, { roles: ['chair', 'secretary'] });
}

/** The receiving side of a referral: its organisation's working seats, or the receiving body's officers. */
export async function referralReceivers(db: Kysely<DB>, referralId: string, now: Date): Promise<string[]> {
	const r = await referralDestination(db, referralId);
	if (!r) return [];
	const ids: string[] = [];
	if (r.to_body_id) ids.push(...(await seated(db, r.to_body_id, now, { roles: ['chair', 'vice_chair', 'secretary'] })));
	if (r.to_organisation_id) {
		const rows = await organisationWorkingSeats(db, r.to_organisation_id, bangkokDate(now));
		ids.push(...rows.flatMap((x) => [x.user_id, x.alternate_user_id]).filter((x): x is string => !!x));
	}
	return active(db, ids);
}

/** The sending side of a referral: who sent it and, for a case, its team. */
export async function referralSenders(db: Kysely<DB>, referralId: string, now: Date): Promise<string[]> {
	const r = await referralOrigin(db, referralId);
	if (!r) return [];
	const ids = r.created_by ? [r.created_by] : [];
	if (r.case_id) ids.push(...(await teamUserIds(db, r.case_id, now)));
	return active(db, ids);
}

import type { Kysely } from 'kysely';
import { can, type Actor } from '../access';
import type { DB } from '../db/schema';
import { receivingBodies } from '../intake/service';
import { myBodies } from '../network/service';

export interface Place {
	bodyId: string;
	name_th: string;
	name_en: string;
}

/** The per-body pages a person works from, for the navigation: none of them is reached through the body's page any more. */
export interface Places {
	/** Outstanding follow-ups of the bodies the person is an officer of. */
	followup: Place[];
	/** Intake queues of the district bodies that receive tips and that the person triages. */
	intake: Place[];
	/** Outcome reports the person prepares. */
	reports: Place[];
}

/**
 * Where the navigation sends this person, beyond the pages everyone has.
 * Candidates are the bodies the person holds a seat on (bodies overseen from
 * above are reached through the network page, or the menu would list a
 * province's every district); each entry is then asked of the access module,
 * so the menu never offers a page that would be refused.
 */
export async function navigationPlaces(db: Kysely<DB>, actor: Actor, now = new Date()): Promise<Places> {
	const seats = await myBodies(db, actor);
	const bodies = new Map<string, Place>();
	for (const s of seats) bodies.set(s.body_id, { bodyId: s.body_id, name_th: s.body_th, name_en: s.body_en });
	const receiving = new Set((await receivingBodies(db)).map((b) => b.bodyId));
	const places: Places = { followup: [], intake: [], reports: [] };
	for (const place of bodies.values()) {
		const body = { kind: 'body' as const, id: place.bodyId };
		const [followup, intake, reports] = await Promise.all([
			can(db, actor, 'body.followup', body, now),
			receiving.has(place.bodyId) ? can(db, actor, 'intake.triage', body, now) : false,
			can(db, actor, 'outcome.prepare', body, now)
		]);
		if (followup) places.followup.push(place);
		if (intake) places.intake.push(place);
		if (reports) places.reports.push(place);
	}
	return places;
}

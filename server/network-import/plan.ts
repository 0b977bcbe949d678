import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { ENTITIES } from './columns';
import { NameIndex, planBodies, planOrganisations } from './plan-network';
import { planPeople } from './plan-people';
import type { Counts, Plan } from './plan-types';
import type { Sheet } from './read';
import { snapshot } from './repository';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * What importing these sheets would do, row by row, against the network as it
 * is now. Nothing is written: organisations first (bodies and seats name
 * them), then bodies (seats name them), then people and their seats.
 */
export async function planImport(db: Kysely<DB>, sheets: Sheet[], today = bangkokToday()): Promise<Plan> {
	const snap = await snapshot(db, today);
	const plan: Plan = {
		rows: [],
		organisations: { create: [], update: [] },
		bodies: { create: [], update: [] },
		users: { create: [], update: [] },
		seats: { create: [], update: [] },
		touchedUsers: [],
		missing: [],
		counts: {} as Counts
	};
	const orgs = new NameIndex();
	for (const o of snap.organisations) orgs.add(o.id, o.name_th, o.name_en, o.short_name);
	const bodies = new NameIndex();
	for (const b of snap.bodies) bodies.add(b.id, b.name_th, b.name_en);
	const rowsOf = (entity: Sheet['entity']) => sheets.filter((s) => s.entity === entity).flatMap((s) => s.rows);
	planOrganisations(rowsOf('organisations'), snap, plan, orgs);
	planBodies(rowsOf('bodies'), snap, plan, orgs, bodies);
	planPeople(rowsOf('people'), snap, plan, orgs, bodies, today);
	for (const e of ENTITIES) {
		plan.counts[e] = { create: 0, update: 0, unchanged: 0, refused: 0 };
		for (const r of plan.rows) if (r.entity === e) plan.counts[e][r.verdict]++;
	}
	return plan;
}

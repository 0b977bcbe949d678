import { sql, type Kysely } from 'kysely';
import type { Actor } from '../../server/access';
import { addToTeam, openCase } from '../../server/cases/service';
import type { DB } from '../../server/db/schema';
import { expect } from 'vitest';
import { followupAction, makeBody, makeOrganisation, makeUser, seatOn } from './factories';

/**
 * A working group with one case, as the demo has it: the secretary opened the
 * case (its lead) and the hospital's representative is on the team; the
 * chair and the police representative sit on the body but not on the team.
 */
export async function caseScene(db: Kysely<DB>) {
	const body = await makeBody(db, { roles: ['chair', 'secretary', 'member', 'volunteer', 'observer'] });
	const s = body.seats;
	// The police representative sits on the working group for the police, on no team.
	const policeUser = await makeUser(db);
	const policeOrg = await makeOrganisation(db);
	const police = {
		...policeUser,
		organisationId: policeOrg.id,
		membershipId: await seatOn(db, { bodyId: body.id, userId: policeUser.id, organisationId: policeOrg.id, role: 'member' })
	};
	const admin = await makeUser(db, { admin: true });
	const opened = await openCase(db, s.secretary!.actor, { bodyId: body.id, category: 'labour_trafficking', sex: 'female', ageBand: '15_17' }, null);
	if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
	const added = await addToTeam(db, s.secretary!.actor, opened.id, s.member!.id, null);
	if (!added.ok) throw new Error(JSON.stringify(added.errors));
	return {
		body,
		caseId: opened.id,
		code: opened.code,
		admin,
		secretary: s.secretary!,
		chair: s.chair!,
		hospital: s.member!,
		volunteer: s.volunteer!,
		observer: s.observer!,
		police
	};
}

/** An open action of the case, led by an organisation and assigned to someone. */
export async function caseAction(
	db: Kysely<DB>,
	o: { bodyId: string; caseId: string; organisationId: string; assigneeId: string | null; status?: 'open' | 'in_progress' | 'awaiting_report' }
) {
	const id = await followupAction(db, {
		bodyId: o.bodyId,
		organisationId: o.organisationId,
		assigneeId: o.assigneeId,
		status: o.status ?? 'open',
		title: 'ประสานนักจิตวิทยาประเมินสภาพจิตใจ'
	});
	await db.updateTable('action_item').set({ case_id: o.caseId }).where('id', '=', id).execute();
	return id;
}

/** Tables a refused request must leave exactly as they were. */
export const WATCHED = [
	'membership',
	'case_team',
	'case_team_proposal',
	'case_file',
	'case_identity',
	'meeting',
	'action_item',
	'action_update',
	'agenda_template_item',
	'decision'
] as const;

/**
 * Every row of the watched tables, and every audit row except refusals (a
 * refusal is the one write a refused request makes). Compare two snapshots
 * taken around a request to prove it changed nothing.
 */
export async function snapshot(db: Kysely<DB>): Promise<Record<string, unknown[]>> {
	const out: Record<string, unknown[]> = {};
	for (const table of WATCHED) {
		const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by 1`.execute(db);
		out[table] = rows.map((r) => JSON.parse(JSON.stringify(r)));
	}
	const { rows } = await sql<
		Record<string, unknown>
	>`select id, action, actor_id, target_id from audit_event where action <> 'access.denied' order by id`.execute(db);
	out.audit_event = rows;
	return out;
}

export const refusedWith = (status: 403 | 404) => expect.objectContaining({ name: 'AccessDenied', status });

export type Who = [name: string, actor: Actor];

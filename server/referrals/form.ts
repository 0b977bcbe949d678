import type { Kysely } from 'kysely';
import { refuse, requireAccess, type Actor } from '../access';
import type { DB } from '../db/schema';
import * as field from '../validate';
import * as places from './repository/places';
import { bodiesWithRole, senderOrganisations } from './repository/seats';

/**
 * What the referral form offers, for one of three starting points: a case, an
 * intake report, or a body (optionally with one of its decisions). The same
 * access rules as sending apply, so nobody sees a form they could not send.
 */

export interface FormStart {
	caseId?: string | null;
	intakeReportId?: string | null;
	bodyId?: string | null;
	decisionId?: string | null;
}

const NIL = '00000000-0000-0000-0000-000000000000';
const idOrNil = (x: unknown) => {
	const id = field.check(field.uuid, x);
	return id.ok ? id.value : NIL;
};

/** The bodies from which the user may send a referral without a case: where they are a working member. */
export async function sendingBodies(db: Kysely<DB>, actor: Actor | null) {
	if (!actor) return [];
	const ids = await bodiesWithRole(db, actor.userId, ['chair', 'vice_chair', 'secretary', 'member', 'volunteer']);
	if (!ids.length) return [];
	return places.bodyNames(db, ids);
}

export async function referralForm(db: Kysely<DB>, actor: Actor | null, start: FormStart, clientAddress: string | null = null) {
	let bodyId: string;
	let caseRow: { id: string; code: string } | null = null;
	let intake: { id: string; reference: string; kind: string; referable: boolean } | null = null;
	if (start.caseId) {
		const id = idOrNil(start.caseId);
		await requireAccess(db, actor, 'case.refer', { kind: 'case', id }, { hide: true, clientAddress });
		const c = await places.caseWithCode(db, id);
		caseRow = { id: c.id, code: c.code };
		bodyId = c.body_id;
	} else if (start.intakeReportId) {
		const report = await places.intakeReport(db, idOrNil(start.intakeReportId));
		if (!report) return refuse(db, actor, 'referral.send', { type: 'intake_report' }, 404, clientAddress);
		// Triage is done by the body's working members, all of whom may send referrals.
		await requireAccess(db, actor, 'intake.triage', { kind: 'body', id: report.body_id }, { hide: true, clientAddress });
		intake = { id: report.id, reference: report.reference, kind: report.kind, referable: report.status === 'new' || report.status === 'on_agenda' };
		bodyId = report.body_id;
	} else {
		bodyId = idOrNil(start.bodyId);
		await requireAccess(db, actor, 'referral.send', { kind: 'body', id: bodyId }, { clientAddress });
	}

	const [body, from, organisations, above, decisions] = await Promise.all([
		places.bodyName(db, bodyId),
		senderOrganisations(db, actor!.userId, bodyId),
		places.activeOrganisations(db),
		places.ancestorBodies(db, bodyId),
		places.decisionChoices(db, bodyId, caseRow?.id ?? null)
	]);
	const decisionId = start.decisionId && decisions.some((d) => d.id === start.decisionId) ? start.decisionId : null;
	// The select shows organisations by sector, in the order the rows came.
	const sectors = new Map<string, typeof organisations>();
	for (const o of organisations) sectors.set(o.sector, [...(sectors.get(o.sector) ?? []), o]);
	return {
		body,
		case: caseRow,
		intake,
		fromOrganisations: from,
		sectors: [...sectors].map(([sector, list]) => ({ sector, organisations: list })),
		ancestors: above.map(({ id, name_th, name_en }) => ({ id, name_th, name_en })),
		decisions: decisions.map((d) => ({
			id: d.id,
			text: d.text,
			meeting_title: d.meeting_title,
			meeting_starts_at: d.meeting_starts_at,
			conference: d.case_id !== null
		})),
		decisionId
	};
}

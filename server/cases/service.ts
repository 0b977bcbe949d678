import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { can, refuse, requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import { AGE_BANDS, CASE_CATEGORIES, CASE_NEEDS, CASE_SEXES, CASE_STATUSES } from '../db/schema-cases';
import * as field from '../validate';
import { bodyName, casesOf, getCase, lockStatusAndCategories, setStatusAndCategories } from './repository/case';
import { conferences as caseConferences } from './repository/conference';
import { actions as caseActions, activeOrganisations, needs } from './repository/plan';
import { pendingProposals } from './repository/proposals';
import { currentTeam, teamCandidates } from './repository/team';
import { caseLead, teamCaseIds } from '../membership/case-team';
import { bangkokToday } from '../../src/lib/calendar';

export { openCase, intakeForCase } from './open';
export { addToTeam, removeFromTeam } from './members';
export { setNeed } from './plan';
export { identityView, saveIdentity } from './identity';
export { uploadDocument, downloadDocument, MAX_DOCUMENT_BYTES } from './documents';
export { callConference } from './conference';
export { answerProposal } from './proposals';

type Errors = Record<string, string>;

/**
 * Everything the case page shows, for the case team only; to anyone else the
 * case does not exist. Every view is written to the audit log.
 */
export async function caseView(db: Kysely<DB>, actor: Actor | null, caseId: string, clientAddress: string | null, now = new Date()) {
	await requireAccess(db, actor, 'case.read', { kind: 'case', id: caseId }, { clientAddress, hide: true, now });
	const found = await getCase(db, caseId);
	if (!found) return refuse(db, actor, 'case.read', { type: 'case', id: caseId }, 404, clientAddress);
	const [team, candidates, needRows, organisations, conferences, actions, proposals, lead, canManageTeam] = await Promise.all([
		currentTeam(db, caseId, now),
		teamCandidates(db, found.body_id, now),
		needs(db, caseId),
		activeOrganisations(db),
		caseConferences(db, caseId),
		caseActions(db, caseId),
		pendingProposals(db, caseId),
		caseLead(db, caseId, now),
		can(db, actor, 'case.team', { kind: 'case', id: caseId }, now)
	]);
	await audit(db, { actorId: actor!.userId, action: 'case.view', outcome: 'success', targetType: 'case', targetId: caseId, clientAddress });
	const onTeam = new Set(team.map((t) => t.user_id));
	// The plan lists every kind of need, planned or not yet.
	const plan = CASE_NEEDS.map((need) => {
		const row = needRows.find((n) => n.need === need);
		return {
			need,
			organisation_id: row?.organisation_id ?? null,
			org_th: row?.org_th ?? null,
			org_en: row?.org_en ?? null,
			status: row?.status ?? null,
			note: row?.note ?? '',
			updated_at: row?.updated_at ?? null
		};
	});
	return {
		case: found,
		team: team.map((t) => ({ ...t, lead: t.user_id === lead })),
		// Who changes the team: its lead and the body's officers on it; everyone on it sees the proposals.
		canManageTeam,
		proposals: proposals.map((p) => ({ ...p, waiting: p.waiting.length, mine: p.user_id === actor!.userId })),
		candidates: canManageTeam ? candidates.filter((c) => !onTeam.has(c.userId)) : [],
		plan,
		organisations,
		conferences,
		actions
	};
}

/** The actor's cases on one body: codes and categories only, never identity. */
export async function listCases(db: Kysely<DB>, actor: Actor | null, bodyId: string, now = new Date()) {
	await requireAccess(db, actor, 'case.list', { kind: 'body', id: bodyId }, { now });
	const ids = await teamCaseIds(db, actor!.userId, now);
	const [body, cases, canOpen] = await Promise.all([
		bodyName(db, bodyId),
		casesOf(db, [...ids], bodyId),
		can(db, actor, 'case.open', { kind: 'body', id: bodyId }, now)
	]);
	return { body, cases, canOpen };
}

/** Every case the actor is on the team of, across bodies. */
export async function myCases(db: Kysely<DB>, actor: Actor | null, now = new Date()) {
	if (!actor) return refuse(db, actor, 'case.list', { type: 'system' }, 403);
	const ids = await teamCaseIds(db, actor.userId, now);
	return casesOf(db, [...ids]);
}

const UpdateCaseInput = v.object({
	status: field.oneOf(CASE_STATUSES),
	category: field.oneOf(CASE_CATEGORIES),
	sex: field.oneOf(CASE_SEXES),
	ageBand: field.oneOf(AGE_BANDS)
});
export type UpdateCaseInput = v.InferInput<typeof UpdateCaseInput>;

/** Changes the case's status or categories. Closing dates the case; reopening clears the date. */
export async function updateCase(
	db: Kysely<DB>,
	actor: Actor | null,
	caseId: string,
	input: UpdateCaseInput,
	clientAddress: string | null,
	now = new Date()
): Promise<{ ok: true } | { ok: false; errors: Errors }> {
	await requireAccess(db, actor, 'case.edit', { kind: 'case', id: caseId }, { clientAddress, hide: true, now });
	const { values, errors } = field.parse(UpdateCaseInput, input);
	if (Object.keys(errors).length) return { ok: false, errors: errors as Errors };
	await db.transaction().execute(async (tx) => {
		const before = await lockStatusAndCategories(tx, caseId);
		const closedOn = values.status === 'closed' ? (before.status === 'closed' ? before.closed_on : bangkokToday(now)) : null;
		await setStatusAndCategories(tx, caseId, {
			status: values.status,
			category: values.category,
			sex: values.sex,
			age_band: values.ageBand,
			closed_on: closedOn,
			updated_at: now
		});
		// Which fields changed, and the new status: enumerations, never free text.
		const changed = (['status', 'category', 'sex', 'age_band'] as const).filter(
			(k) => before[k] !== { status: values.status, category: values.category, sex: values.sex, age_band: values.ageBand }[k]
		);
		await audit(tx, {
			actorId: actor!.userId,
			action: 'case.update',
			outcome: 'success',
			targetType: 'case',
			targetId: caseId,
			clientAddress,
			detail: { changed, ...(changed.includes('status') ? { status: values.status } : {}) }
		});
	});
	return { ok: true };
}

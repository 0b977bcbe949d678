import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import { CASE_NEED_STATUSES, CASE_NEEDS } from '../db/schema-cases';
import * as field from '../validate';
import { organisation, upsertNeed } from './repository/plan';

const NeedInput = v.object({
	need: field.oneOf(CASE_NEEDS),
	/** An active organisation, or empty while nobody has taken the need on. */
	organisationId: field.optional(field.uuid, null),
	status: field.oneOf(CASE_NEED_STATUSES),
	note: field.line({ max: 2000 })
});
export type NeedInput = v.InferInput<typeof NeedInput>;

/** Sets one need of the case plan: who meets it, how far it is, a note for the team. */
export async function setNeed(
	db: Kysely<DB>,
	actor: Actor | null,
	caseId: string,
	input: NeedInput,
	clientAddress: string | null,
	now = new Date()
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
	await requireAccess(db, actor, 'case.edit', { kind: 'case', id: caseId }, { clientAddress, hide: true, now });
	const { values, errors } = field.parse(NeedInput, input);
	const problems: Record<string, string> = { ...(errors as Record<string, string>) };
	let organisationId: string | null = null;
	if (values.organisationId) {
		const org = await organisation(db, values.organisationId);
		if (!org || !org.active) problems.organisationId = 'invalid';
		else organisationId = org.id;
	}
	if (Object.keys(problems).length) return { ok: false, errors: problems };
	await db.transaction().execute(async (tx) => {
		await upsertNeed(tx, {
			case_id: caseId,
			need: values.need,
			organisation_id: organisationId,
			status: values.status,
			note: values.note,
			updated_by: actor!.userId,
			updated_at: now
		});
		// The note may name people: the audit keeps the need and its status only.
		await audit(tx, {
			actorId: actor!.userId,
			action: 'case.need',
			outcome: 'success',
			targetType: 'case',
			targetId: caseId,
			clientAddress,
			detail: { need: values.need, status: values.status }
		});
	});
	return { ok: true };
}

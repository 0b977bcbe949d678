import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { refuse, requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import * as field from '../validate';
import { getCase } from './repository/case';
import * as record from './repository/identity';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * The restricted record: who the person is, their family, where they live,
 * photos and documents. Only the case team opens it, each opening is
 * audited, and its text never leaves this record: not into audit details,
 * logs, lists, meeting documents or exports.
 */
export async function identityView(db: Kysely<DB>, actor: Actor | null, caseId: string, clientAddress: string | null, now = new Date()) {
	await requireAccess(db, actor, 'case.identity', { kind: 'case', id: caseId }, { clientAddress, hide: true, now });
	const found = await getCase(db, caseId);
	if (!found) return refuse(db, actor, 'case.identity', { type: 'case', id: caseId }, 404, clientAddress);
	const [identity, documents] = await Promise.all([record.identity(db, caseId), record.documents(db, caseId)]);
	await audit(db, { actorId: actor!.userId, action: 'case.identity_view', outcome: 'success', targetType: 'case', targetId: caseId, clientAddress });
	return {
		case: { id: found.id, code: found.code, body_id: found.body_id, body_th: found.body_th, body_en: found.body_en, status: found.status },
		identity: identity ?? null,
		documents
	};
}

const IdentityInput = v.object({
	fullName: field.line({ max: 200 }),
	family: field.text({ max: 2000 }),
	address: field.text({ max: 1000 }),
	dateOfBirth: field.optional(field.date, null),
	contact: field.line({ max: 500 }),
	notes: field.text({ max: 5000 })
});
export type IdentityInput = v.InferInput<typeof IdentityInput>;

export async function saveIdentity(
	db: Kysely<DB>,
	actor: Actor | null,
	caseId: string,
	input: IdentityInput,
	clientAddress: string | null,
	now = new Date()
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
	await requireAccess(db, actor, 'case.identity', { kind: 'case', id: caseId }, { clientAddress, hide: true, now });
	const { values, errors } = field.parse(IdentityInput, input);
	const problems: Record<string, string> = { ...(errors as Record<string, string>) };
	if (!problems.dateOfBirth && values.dateOfBirth && values.dateOfBirth > bangkokToday(now)) problems.dateOfBirth = 'in_future';
	if (Object.keys(problems).length) return { ok: false, errors: problems };
	const row = {
		full_name: values.fullName,
		family: values.family,
		address: values.address,
		date_of_birth: values.dateOfBirth,
		contact: values.contact,
		notes: values.notes,
		updated_by: actor!.userId,
		updated_at: now
	};
	await db.transaction().execute(async (tx) => {
		await record.upsertIdentity(tx, caseId, row);
		await audit(tx, { actorId: actor!.userId, action: 'case.identity_update', outcome: 'success', targetType: 'case', targetId: caseId, clientAddress });
	});
	return { ok: true };
}

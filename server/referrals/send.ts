import type { Kysely } from 'kysely';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import { REFERRAL_CONSENTS, REFERRAL_URGENCIES } from '../db/schema-cases';
import * as v from '../validate';
import * as repo from './repository';
import { notifySoon } from '../notifications/soon';

type Errors = Record<string, string>;

export interface SendInput {
	/** The sending body; for a case, the case's body (may be left out). */
	bodyId?: unknown;
	caseId?: unknown;
	intakeReportId?: unknown;
	decisionId?: unknown;
	fromOrganisationId: unknown;
	/** Exactly one of the two targets: another organisation, or a body above (an escalation). */
	toOrganisationId?: unknown;
	toBodyId?: unknown;
	reason: unknown;
	urgency: unknown;
	shared: unknown;
	consent: unknown;
	consentNote?: unknown;
}

export type SendResult = { ok: true; id: string } | { ok: false; errors: Errors };

const NIL = '00000000-0000-0000-0000-000000000000';
const TEXT_MAX = 2000;
/** Intake reports not yet dealt with otherwise. */
const REFERABLE_INTAKE = ['new', 'on_agenda'];

const given = (x: unknown) => x !== undefined && x !== null && x !== '';
/** A choice that must be made: empty is `required`, anything outside the list `invalid`. */
const choice = <T extends string>(x: unknown, allowed: readonly T[]): v.Checked<T> => (given(x) ? v.oneOf(x, allowed) : { ok: false, error: 'required' });
const requiredId = (x: unknown): v.Checked<string> => (given(x) ? v.uuid(x) : { ok: false, error: 'required' });

/** Where the referral is made from and who may make it: the case team for a case, the body's working members otherwise. */
async function sendingContext(
	db: Kysely<DB>,
	actor: Actor | null,
	input: SendInput,
	clientAddress: string | null
): Promise<{ bodyId: string; caseId: string | null } | { errors: Errors }> {
	if (given(input.caseId)) {
		const c = v.uuid(input.caseId);
		// A malformed id names nothing, exactly like an unknown case.
		await requireAccess(db, actor, 'case.refer', { kind: 'case', id: c.ok ? c.value : NIL }, { hide: true, clientAddress });
		const row = await db
			.selectFrom('case_file')
			.select(['id', 'body_id', 'status'])
			.where('id', '=', c.ok ? c.value : NIL)
			.executeTakeFirstOrThrow();
		if (given(input.bodyId) && input.bodyId !== row.body_id) return { errors: { bodyId: 'invalid' } };
		if (row.status === 'closed') return { errors: { caseId: 'case_closed' } };
		return { bodyId: row.body_id, caseId: row.id };
	}
	const b = requiredId(input.bodyId);
	if (!b.ok) return { errors: { bodyId: b.error } };
	await requireAccess(db, actor, 'referral.send', { kind: 'body', id: b.value }, { clientAddress });
	return { bodyId: b.value, caseId: null };
}

/**
 * Sends a referral to another organisation, or escalates it to a body above.
 * Consent is recorded; without it a referral is possible only in an emergency,
 * with the legal ground written down. Referring an intake report marks it
 * referred; its contact details are never copied into the referral.
 */
export async function sendReferral(db: Kysely<DB>, actor: Actor | null, input: SendInput, clientAddress: string | null = null): Promise<SendResult> {
	const context = await sendingContext(db, actor, input, clientAddress);
	if ('errors' in context) return { ok: false, errors: context.errors };
	const { bodyId, caseId } = context;
	let intakeReportId: string | null = null;
	if (given(input.intakeReportId)) {
		// The report's contents are the triage group's: a volunteer may refer, but not from the queue.
		await requireAccess(db, actor, 'intake.triage', { kind: 'body', id: bodyId }, { clientAddress });
		const id = v.uuid(input.intakeReportId);
		if (!id.ok) return { ok: false, errors: { intakeReportId: 'invalid' } };
		intakeReportId = id.value;
	}

	const { values, errors } = v.collect({
		fromOrganisationId: requiredId(input.fromOrganisationId),
		reason: v.text(input.reason, { required: true, max: TEXT_MAX }),
		shared: v.text(input.shared, { required: true, max: TEXT_MAX }),
		urgency: choice(input.urgency, REFERRAL_URGENCIES),
		consent: choice(input.consent, REFERRAL_CONSENTS),
		consentNote: v.text(input.consentNote, { max: TEXT_MAX }),
		decisionId: given(input.decisionId) ? v.uuid(input.decisionId) : ({ ok: true, value: null } as v.Checked<string | null>)
	});
	const e: Errors = { ...(errors as Errors) };
	// Without consent only an emergency justifies sharing, and the legal ground must be written down.
	if (values.consent === 'not_given' && (values.urgency !== 'emergency' || !values.consentNote)) {
		e.consent = 'consent_required';
		if (!values.consentNote && !e.consentNote) e.consentNote = 'required';
	}

	const toOrg = given(input.toOrganisationId) ? v.uuid(input.toOrganisationId) : null;
	const toBody = given(input.toBodyId) ? v.uuid(input.toBodyId) : null;
	if (!toOrg && !toBody) e.target = 'required';
	else if (toOrg && toBody) e.target = 'invalid';
	else if (toOrg && !toOrg.ok) e.toOrganisationId = 'invalid';
	else if (toBody && !toBody.ok) e.toBodyId = 'invalid';

	if (!e.fromOrganisationId) {
		const mine = await repo.senderOrganisations(db, actor!.userId, bodyId);
		if (!mine.some((o) => o.id === values.fromOrganisationId)) e.fromOrganisationId = 'not_seated';
	}
	if (toOrg?.ok && !e.target) {
		const org = await db.selectFrom('organisation').select('id').where('id', '=', toOrg.value).where('active', '=', true).executeTakeFirst();
		if (!org) e.toOrganisationId = 'invalid';
		else if (toOrg.value === values.fromOrganisationId) e.toOrganisationId = 'same_organisation';
	}
	if (toBody?.ok && !e.target) {
		const above = await repo.ancestorBodies(db, bodyId);
		if (!above.some((b) => b.id === toBody.value)) e.toBodyId = 'not_ancestor';
	}
	if (values.decisionId && !e.decisionId) {
		const d = await repo.decisionPlace(db, values.decisionId);
		if (!d) e.decisionId = 'invalid';
		// A decision of this body; a case conference's only for its own case.
		else if (d.body_id !== bodyId || (d.meeting_case_id ?? caseId) !== caseId || (d.case_id ?? caseId) !== caseId) e.decisionId = 'decision_not_on_body';
	}
	if (Object.keys(e).length) return { ok: false, errors: e };

	const now = new Date();
	return db.transaction().execute(async (tx): Promise<SendResult> => {
		if (intakeReportId) {
			const report = await tx.selectFrom('intake_report').select(['id', 'body_id', 'status']).where('id', '=', intakeReportId).forUpdate().executeTakeFirst();
			if (!report || report.body_id !== bodyId) return { ok: false, errors: { intakeReportId: 'invalid' } };
			if (!REFERABLE_INTAKE.includes(report.status)) return { ok: false, errors: { intakeReportId: 'already_triaged' } };
			await tx.updateTable('intake_report').set({ status: 'referred', triaged_by: actor!.userId, triaged_at: now }).where('id', '=', report.id).execute();
		}
		const row = await tx
			.insertInto('referral')
			.values({
				body_id: bodyId,
				case_id: caseId,
				intake_report_id: intakeReportId,
				decision_id: values.decisionId,
				from_organisation_id: values.fromOrganisationId,
				to_organisation_id: toOrg?.ok ? toOrg.value : null,
				to_body_id: toBody?.ok ? toBody.value : null,
				reason: values.reason,
				urgency: values.urgency,
				shared: values.shared,
				consent: values.consent,
				consent_note: values.consentNote,
				created_by: actor!.userId,
				created_at: now,
				updated_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await repo.append(tx, { referralId: row.id, authorId: actor!.userId, kind: 'sent', text: '', at: now });
		await audit(tx, {
			actorId: actor!.userId,
			action: 'referral.send',
			outcome: 'success',
			targetType: 'referral',
			targetId: row.id,
			clientAddress,
			detail: {
				urgency: values.urgency,
				consent: values.consent,
				target: toOrg ? 'organisation' : 'body',
				...(intakeReportId ? { intake: intakeReportId } : {})
			}
		});
		notifySoon();
		return { ok: true, id: row.id };
	});
}

import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import { REFERRAL_CONSENTS, REFERRAL_URGENCIES } from '../db/schema-cases';
import * as field from '../validate';
import * as places from './repository/places';
import * as repo from './repository/referral';
import { senderOrganisations } from './repository/seats';
import { notifySoon } from '../notifications/soon';

type Errors = Record<string, string>;

const TEXT_MAX = 2000;

const SendReferralInput = v.object({
	/** The sending body; for a case, the case's body (may be left out). */
	bodyId: field.optional(field.uuid, null),
	caseId: field.optional(field.uuid, null),
	intakeReportId: field.optional(field.uuid, null),
	decisionId: field.optional(field.uuid, null),
	fromOrganisationId: field.required(field.uuid),
	/** Exactly one of the two targets: another organisation, or a body above (an escalation). */
	toOrganisationId: field.optional(field.uuid, null),
	toBodyId: field.optional(field.uuid, null),
	reason: field.text({ required: true, max: TEXT_MAX }),
	urgency: field.required(field.oneOf(REFERRAL_URGENCIES)),
	shared: field.text({ required: true, max: TEXT_MAX }),
	consent: field.required(field.oneOf(REFERRAL_CONSENTS)),
	consentNote: field.text({ max: TEXT_MAX })
});
export type SendInput = v.InferInput<typeof SendReferralInput>;
type Sending = field.Parsed<typeof SendReferralInput>;

export type SendResult = { ok: true; id: string } | { ok: false; errors: Errors };

const NIL = '00000000-0000-0000-0000-000000000000';
/** Intake reports not yet dealt with otherwise. */
const REFERABLE_INTAKE = ['new', 'on_agenda'];

/** Where the referral is made from and who may make it: the case team for a case, the body's working members otherwise. */
async function sendingContext(
	db: Kysely<DB>,
	actor: Actor | null,
	input: SendInput,
	{ values, errors }: Sending,
	clientAddress: string | null
): Promise<{ bodyId: string; caseId: string | null } | { errors: Errors }> {
	if (field.given(input.caseId)) {
		// A malformed id names nothing, exactly like an unknown case.
		const caseId = values.caseId ?? NIL;
		await requireAccess(db, actor, 'case.refer', { kind: 'case', id: caseId }, { hide: true, clientAddress });
		const row = await places.caseWithStatus(db, caseId);
		if (field.given(input.bodyId) && input.bodyId !== row.body_id) return { errors: { bodyId: 'invalid' } };
		if (row.status === 'closed') return { errors: { caseId: 'case_closed' } };
		return { bodyId: row.body_id, caseId: row.id };
	}
	if (errors.bodyId || !values.bodyId) return { errors: { bodyId: errors.bodyId ?? 'required' } };
	await requireAccess(db, actor, 'referral.send', { kind: 'body', id: values.bodyId }, { clientAddress });
	return { bodyId: values.bodyId, caseId: null };
}

/**
 * Sends a referral to another organisation, or escalates it to a body above.
 * Consent is recorded; without it a referral is possible only in an emergency,
 * with the legal ground written down. Referring an intake report marks it
 * referred; its contact details are never copied into the referral.
 */
export async function sendReferral(db: Kysely<DB>, actor: Actor | null, input: SendInput, clientAddress: string | null = null): Promise<SendResult> {
	// Checked in full here, but no error is answered before the sender's access is.
	const parsed = field.parse(SendReferralInput, input);
	const { values, errors } = parsed;
	const context = await sendingContext(db, actor, input, parsed, clientAddress);
	if ('errors' in context) return { ok: false, errors: context.errors };
	const { bodyId, caseId } = context;
	let intakeReportId: string | null = null;
	if (field.given(input.intakeReportId)) {
		// The report's contents are the triage group's: a volunteer may refer, but not from the queue.
		await requireAccess(db, actor, 'intake.triage', { kind: 'body', id: bodyId }, { clientAddress });
		if (errors.intakeReportId) return { ok: false, errors: { intakeReportId: 'invalid' } };
		intakeReportId = values.intakeReportId;
	}

	// The place's fields were answered above; the target's are answered below, as one choice.
	const { toOrganisationId: toOrgError, toBodyId: toBodyError, ...e } = errors as Errors;
	// Without consent only an emergency justifies sharing, and the legal ground must be written down.
	if (values.consent === 'not_given' && (values.urgency !== 'emergency' || !values.consentNote)) {
		e.consent = 'consent_required';
		if (!values.consentNote && !e.consentNote) e.consentNote = 'required';
	}

	const toOrgGiven = field.given(input.toOrganisationId);
	const toBodyGiven = field.given(input.toBodyId);
	if (!toOrgGiven && !toBodyGiven) e.target = 'required';
	else if (toOrgGiven && toBodyGiven) e.target = 'invalid';
	else if (toOrgError) e.toOrganisationId = toOrgError;
	else if (toBodyError) e.toBodyId = toBodyError;
	const toOrg = values.toOrganisationId ?? null;
	const toBody = values.toBodyId ?? null;

	if (!e.fromOrganisationId) {
		const mine = await senderOrganisations(db, actor!.userId, bodyId);
		if (!mine.some((o) => o.id === values.fromOrganisationId)) e.fromOrganisationId = 'not_seated';
	}
	if (toOrg && !e.target) {
		const org = await places.activeOrganisation(db, toOrg);
		if (!org) e.toOrganisationId = 'invalid';
		else if (toOrg === values.fromOrganisationId) e.toOrganisationId = 'same_organisation';
	}
	if (toBody && !e.target) {
		const above = await places.ancestorBodies(db, bodyId);
		if (!above.some((b) => b.id === toBody)) e.toBodyId = 'not_ancestor';
	}
	if (values.decisionId && !e.decisionId) {
		const d = await places.decisionPlace(db, values.decisionId);
		if (!d) e.decisionId = 'invalid';
		// A decision of this body; a case conference's only for its own case.
		else if (d.body_id !== bodyId || (d.meeting_case_id ?? caseId) !== caseId || (d.case_id ?? caseId) !== caseId) e.decisionId = 'decision_not_on_body';
	}
	if (Object.keys(e).length) return { ok: false, errors: e };

	const now = new Date();
	return db.transaction().execute(async (tx): Promise<SendResult> => {
		if (intakeReportId) {
			const report = await places.lockIntakeReport(tx, intakeReportId);
			if (!report || report.body_id !== bodyId) return { ok: false, errors: { intakeReportId: 'invalid' } };
			if (!REFERABLE_INTAKE.includes(report.status)) return { ok: false, errors: { intakeReportId: 'already_triaged' } };
			await places.markIntakeReferred(tx, report.id, actor!.userId, now);
		}
		const id = await repo.insert(tx, {
			body_id: bodyId,
			case_id: caseId,
			intake_report_id: intakeReportId,
			decision_id: values.decisionId,
			from_organisation_id: values.fromOrganisationId,
			to_organisation_id: toOrg,
			to_body_id: toBody,
			reason: values.reason,
			urgency: values.urgency,
			shared: values.shared,
			consent: values.consent,
			consent_note: values.consentNote,
			created_by: actor!.userId,
			created_at: now,
			updated_at: now
		});
		await repo.append(tx, { referralId: id, authorId: actor!.userId, kind: 'sent', text: '', at: now });
		await audit(tx, {
			actorId: actor!.userId,
			action: 'referral.send',
			outcome: 'success',
			targetType: 'referral',
			targetId: id,
			clientAddress,
			detail: {
				urgency: values.urgency,
				consent: values.consent,
				target: toOrgGiven ? 'organisation' : 'body',
				...(intakeReportId ? { intake: intakeReportId } : {})
			}
		});
		notifySoon();
		return { ok: true, id };
	});
}

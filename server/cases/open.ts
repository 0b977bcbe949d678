import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import { AGE_BANDS, CASE_CATEGORIES, CASE_SEXES } from '../db/schema-cases';
import * as field from '../validate';
import { DEFAULT_PREFIX, insertWithCode } from './code';
import { bodyName, casePrefix } from './repository/case';
import { intakeReportHead, intakeReportOfBody, markCaseOpened } from './repository/intake';
import { insertTeamSeat, workingSeat } from './repository/team';
import { bangkokToday } from '../../src/lib/calendar';

type Errors = Record<string, string>;

const OpenCaseInput = v.object({
	category: field.oneOf(CASE_CATEGORIES),
	sex: field.oneOf(CASE_SEXES),
	ageBand: field.oneOf(AGE_BANDS),
	/** The intake report the case grows out of, triaged by this opening. */
	intakeReportId: field.optional(field.uuid, null),
	/** The date the case was opened, `YYYY-MM-DD`; today in Bangkok when left empty. */
	openedOn: field.optional(field.date, null)
});
/** The body is the page's, checked for access before anything else. */
export type OpenCaseInput = v.InferInput<typeof OpenCaseInput> & { bodyId: string };

const OPENABLE = ['new', 'on_agenda'];

/** A refusal that must roll the opening back after the report changed under it. */
class AlreadyTriaged extends Error {}

/**
 * Opens a case on a body under the next code. The opener joins the team for
 * the organisation of their seat. From an intake report, the report is
 * triaged in the same transaction.
 */
export async function openCase(
	db: Kysely<DB>,
	actor: Actor | null,
	input: OpenCaseInput,
	clientAddress: string | null,
	now = new Date()
): Promise<{ ok: true; id: string; code: string } | { ok: false; errors: Errors }> {
	await requireAccess(db, actor, 'case.open', { kind: 'body', id: input.bodyId }, { clientAddress });
	const fromIntake = field.given(input.intakeReportId);
	if (fromIntake) await requireAccess(db, actor, 'intake.triage', { kind: 'body', id: input.bodyId }, { clientAddress });
	const today = bangkokToday(now);
	const { values, errors } = field.parse(OpenCaseInput, input);
	// A malformed report id answers as an unknown report, below.
	const { intakeReportId: _malformed, ...problems } = errors as Errors;
	const openedOn = values.openedOn ?? today;
	if (!problems.openedOn && openedOn > today) problems.openedOn = 'in_future';
	let reportId: string | null = null;
	if (fromIntake) {
		const report = values.intakeReportId ? await intakeReportHead(db, values.intakeReportId) : undefined;
		// Another body's report answers as an unknown one: its existence is that body's business.
		if (!report || report.body_id !== input.bodyId) problems.intakeReportId = 'not_found';
		else if (!OPENABLE.includes(report.status)) problems.intakeReportId = 'already_triaged';
		else reportId = report.id;
	}
	if (Object.keys(problems).length) return { ok: false, errors: problems };

	const [body, seat] = await Promise.all([casePrefix(db, input.bodyId), workingSeat(db, input.bodyId, actor!.userId, now)]);
	if (!seat) return { ok: false, errors: { bodyId: 'not_on_body' } };
	try {
		const created = await db.transaction().execute(async (tx) => {
			const row = await insertWithCode(tx, body.case_prefix || DEFAULT_PREFIX, {
				body_id: input.bodyId,
				category: values.category,
				sex: values.sex,
				age_band: values.ageBand,
				status: 'open',
				intake_report_id: reportId,
				opened_on: openedOn,
				closed_on: null,
				created_by: actor!.userId,
				created_at: now,
				updated_at: now
			});
			await insertTeamSeat(tx, { case_id: row.id, user_id: actor!.userId, organisation_id: seat.organisation_id, added_by: actor!.userId, added_at: now });
			if (reportId) {
				const triaged = await markCaseOpened(tx, reportId, row.id, actor!.userId, now);
				if (!triaged) throw new AlreadyTriaged();
			}
			await audit(tx, {
				actorId: actor!.userId,
				action: 'case.open',
				outcome: 'success',
				targetType: 'case',
				targetId: row.id,
				clientAddress,
				detail: { body: input.bodyId, ...(reportId ? { intakeReport: reportId } : {}) }
			});
			return row;
		});
		return { ok: true, ...created };
	} catch (err) {
		if (err instanceof AlreadyTriaged) return { ok: false, errors: { intakeReportId: 'already_triaged' } };
		throw err;
	}
}

/**
 * The intake report a case is about to be opened from, for someone who
 * triages the body's reports. Its contact details stay in the queue.
 */
export async function intakeForCase(db: Kysely<DB>, actor: Actor | null, bodyId: string, reportId: unknown, clientAddress: string | null) {
	await requireAccess(db, actor, 'intake.triage', { kind: 'body', id: bodyId }, { clientAddress });
	const id = field.check(field.uuid, reportId);
	if (!id.ok) return null;
	const body = await bodyName(db, bodyId);
	const report = await intakeReportOfBody(db, bodyId, id.value);
	if (!report) return null;
	await audit(db, { actorId: actor!.userId, action: 'intake.view', outcome: 'success', targetType: 'intake_report', targetId: report.id, clientAddress });
	return { body, report: { ...report, openable: OPENABLE.includes(report.status) } };
}

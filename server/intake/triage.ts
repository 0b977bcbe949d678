import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { refuse, requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import * as meetings from '../meetings/repository/meetings';
import * as field from '../validate';
import * as repo from './repository';

type Errors = Record<string, string>;

const Dismissal = v.object({ id: field.uuid, reason: field.text({ required: true, max: 1000 }) });

/** The working group's queue: new reports first, then those on an agenda, then recently dismissed. */
export async function triageQueue(db: Kysely<DB>, actor: Actor | null, bodyId: string, clientAddress: string | null = null) {
	await requireAccess(db, actor, 'intake.triage', { kind: 'body', id: bodyId }, { clientAddress });
	const rows = await repo.queueOf(db, bodyId, new Date(Date.now() - 90 * 24 * 3600_000));
	// Reading the queue shows contact details: it is recorded like a case view.
	await audit(db, { actorId: actor!.userId, action: 'intake.view_queue', outcome: 'success', targetType: 'body', targetId: bodyId, clientAddress });
	const order = { new: 0, on_agenda: 1, case_opened: 2, referred: 2, dismissed: 3 } as const;
	return rows.sort((a, b) => order[a.status] - order[b.status]);
}

/**
 * The report, once the actor may triage it. An unknown id is refused exactly
 * as a report of a body the actor does not work on: a tip's existence is
 * its body's business.
 */
async function triageable(db: Kysely<DB>, actor: Actor | null, id: unknown, clientAddress: string | null) {
	const rid = field.check(field.uuid, id);
	const report = rid.ok ? await repo.head(db, rid.value) : undefined;
	if (!report) return refuse(db, actor, 'intake.triage', { type: 'intake_report', id: rid.ok ? rid.value : undefined }, 404, clientAddress);
	await requireAccess(db, actor, 'intake.triage', { kind: 'body', id: report.body_id }, { clientAddress, hide: true });
	return report;
}

export async function dismissReport(
	db: Kysely<DB>,
	actor: Actor | null,
	input: v.InferInput<typeof Dismissal>,
	clientAddress: string | null
): Promise<{ ok: true } | { ok: false; errors: Errors }> {
	const report = await triageable(db, actor, input.id, clientAddress);
	const { values, errors } = field.parse(Dismissal, input);
	if (errors.reason) return { ok: false, errors: { reason: errors.reason } };
	if (report.status === 'dismissed') return { ok: false, errors: { id: 'already_dismissed' } };
	await db.transaction().execute(async (tx) => {
		await repo.dismiss(tx, report.id, values.reason, actor!.userId, new Date());
		await audit(tx, { actorId: actor!.userId, action: 'intake.dismiss', outcome: 'success', targetType: 'intake_report', targetId: report.id, clientAddress });
	});
	return { ok: true };
}

/** Puts a report on the "new cases and tips" item of the body's next meeting. */
export async function putOnAgenda(
	db: Kysely<DB>,
	actor: Actor | null,
	input: { id: unknown },
	clientAddress: string | null,
	now = new Date()
): Promise<{ ok: true; meetingId: string } | { ok: false; errors: Errors }> {
	const report = await triageable(db, actor, input.id, clientAddress);
	if (report.status !== 'new') return { ok: false, errors: { id: 'already_triaged' } };
	// A meeting that began this morning and is not yet marked running still takes it.
	const next = await meetings.nextRegular(db, report.body_id, now, 12 * 3600_000);
	if (!next) return { ok: false, errors: { id: 'no_meeting' } };
	await db.transaction().execute(async (tx) => {
		await repo.placeOnAgenda(tx, report.id, next.id, actor!.userId, now);
		await audit(tx, {
			actorId: actor!.userId,
			action: 'intake.on_agenda',
			outcome: 'success',
			targetType: 'intake_report',
			targetId: report.id,
			clientAddress,
			detail: { meeting: next.id }
		});
	});
	return { ok: true, meetingId: next.id };
}

/** Reports placed on a meeting's agenda; the caller has authorised the meeting document. */
export function reportsOnAgenda(db: Kysely<DB>, meetingId: string) {
	return repo.onAgendaOf(db, meetingId);
}

import type { Kysely } from 'kysely';
import { refuse, requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import * as v from '../validate';

type Errors = Record<string, string>;

/** The working group's queue: new reports first, then those on an agenda, then recently dismissed. */
export async function triageQueue(db: Kysely<DB>, actor: Actor | null, bodyId: string, clientAddress: string | null = null) {
	await requireAccess(db, actor, 'intake.triage', { kind: 'body', id: bodyId }, { clientAddress });
	const rows = await db
		.selectFrom('intake_report as r')
		.leftJoin('meeting as mt', 'mt.id', 'r.meeting_id')
		.leftJoin('app_user as u', 'u.id', 'r.recorded_by')
		.leftJoin('case_file as c', 'c.id', 'r.case_id')
		.select([
			'r.id',
			'r.reference',
			'r.channel',
			'r.kind',
			'r.message',
			'r.location',
			'r.contact_name',
			'r.contact_phone',
			'r.contact_email',
			'r.status',
			'r.dismissed_reason',
			'r.meeting_id',
			'r.created_at',
			'mt.title as meeting_title',
			'mt.starts_at as meeting_starts_at',
			'u.display_name as recorded_by_name',
			'r.case_id',
			'c.code as case_code'
		])
		.where('r.body_id', '=', bodyId)
		.where((eb) => eb.or([eb('r.status', '!=', 'dismissed'), eb('r.triaged_at', '>', new Date(Date.now() - 90 * 24 * 3600_000))]))
		.orderBy('r.created_at', 'desc')
		.limit(300)
		.execute();
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
	const rid = v.uuid(id);
	const report = rid.ok ? await db.selectFrom('intake_report').select(['id', 'body_id', 'status']).where('id', '=', rid.value).executeTakeFirst() : undefined;
	if (!report) return refuse(db, actor, 'intake.triage', { type: 'intake_report', id: rid.ok ? rid.value : undefined }, 404, clientAddress);
	await requireAccess(db, actor, 'intake.triage', { kind: 'body', id: report.body_id }, { clientAddress, hide: true });
	return report;
}

export async function dismissReport(
	db: Kysely<DB>,
	actor: Actor | null,
	input: { id: unknown; reason: unknown },
	clientAddress: string | null
): Promise<{ ok: true } | { ok: false; errors: Errors }> {
	const report = await triageable(db, actor, input.id, clientAddress);
	const reason = v.text(input.reason, { required: true, max: 1000 });
	if (!reason.ok) return { ok: false, errors: { reason: reason.error } };
	if (report.status === 'dismissed') return { ok: false, errors: { id: 'already_dismissed' } };
	await db.transaction().execute(async (tx) => {
		await tx
			.updateTable('intake_report')
			.set({ status: 'dismissed', dismissed_reason: reason.value, triaged_by: actor!.userId, triaged_at: new Date() })
			.where('id', '=', report.id)
			.execute();
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
	const next = await db
		.selectFrom('meeting')
		.select(['id'])
		.where('body_id', '=', report.body_id)
		.where('case_id', 'is', null)
		.where((eb) =>
			eb.or([eb('status', '=', 'in_progress'), eb.and([eb('status', '=', 'planned'), eb('starts_at', '>=', new Date(now.getTime() - 12 * 3600_000))])])
		)
		.orderBy('starts_at')
		.limit(1)
		.executeTakeFirst();
	if (!next) return { ok: false, errors: { id: 'no_meeting' } };
	await db.transaction().execute(async (tx) => {
		await tx
			.updateTable('intake_report')
			.set({ status: 'on_agenda', meeting_id: next.id, triaged_by: actor!.userId, triaged_at: now })
			.where('id', '=', report.id)
			.execute();
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
	return db
		.selectFrom('intake_report')
		.select(['id', 'reference', 'kind', 'channel', 'message', 'location', 'created_at'])
		.where('meeting_id', '=', meetingId)
		.orderBy('created_at')
		.execute();
}

import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import type { IntakeChannel, IntakeKind } from '../db/schema-intake';
import { log } from '../log';
import * as field from '../validate';
import { addressKey, checkFormToken } from './form-token';
import * as repo from './repository';
import { notifySoon } from '../notifications/soon';
import { bangkokToday, toBuddhistYear } from '../../src/lib/calendar';

export const KINDS: IntakeKind[] = ['tip', 'complaint', 'help_request'];
export const STAFF_CHANNELS: IntakeChannel[] = ['postal_box', 'telephone', 'watchdog', 'walk_in'];
export const PUBLIC_LIMIT = 5;
export const PUBLIC_WINDOW_MS = 3600_000;

type Errors = Record<string, string>;
export type SubmitResult = { ok: true; reference: string } | { ok: false; errors: Errors; retryAfterMinutes?: number };

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A reference the sender can quote later: readable, unguessable, with the Buddhist year. */
export function newReference(now = new Date()): string {
	const bytes = crypto.getRandomValues(new Uint8Array(6));
	const code = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
	return `R${toBuddhistYear(Number(bangkokToday(now).slice(0, 4)))}-${code}`;
}

/** Districts and the body that receives their reports: the working group, else the operation centre. */
export async function receivingBodies(db: Kysely<DB>) {
	const rows = await repo.districtReceivers(db);
	const byArea = new Map<string, (typeof rows)[number]>();
	for (const r of rows) {
		const known = byArea.get(r.area_id);
		if (!known || (known.kind !== 'working_group' && r.kind === 'working_group')) byArea.set(r.area_id, r);
	}
	return [...byArea.values()].map((r) => ({ bodyId: r.id, name_th: r.name_th, name_en: r.name_en }));
}

const ReportInput = v.object({
	/** The receiving body: "please choose" sends nothing, so a sender who skipped the district is told so, not told it is malformed. */
	bodyId: v.pipe(
		v.unknown(),
		v.check((x) => !(x === undefined || x === null || (typeof x === 'string' && !x.trim())), 'required'),
		field.uuid
	),
	kind: field.oneOf(KINDS),
	message: field.text({ required: true, max: 5000, min: 10 }),
	location: field.text({ max: 300 }),
	contactName: field.text({ max: 120 }),
	contactPhone: field.phone,
	contactEmail: field.email
});
export type ReportInput = v.InferInput<typeof ReportInput>;

const RecordedReport = v.object({ ...ReportInput.entries, channel: field.oneOf(STAFF_CHANNELS) });

async function insertReport(db: Kysely<DB>, values: v.InferOutput<typeof ReportInput>, channel: IntakeChannel, recordedBy: string | null, now: Date) {
	for (let attempt = 0; attempt < 5; attempt++) {
		const reference = newReference(now);
		const row = await repo.insertReport(db, {
			reference,
			body_id: values.bodyId,
			channel,
			kind: values.kind,
			message: values.message,
			location: values.location || null,
			contact_name: values.contactName || null,
			contact_phone: values.contactPhone,
			contact_email: values.contactEmail,
			dismissed_reason: null,
			meeting_id: null,
			recorded_by: recordedBy,
			triaged_by: null,
			triaged_at: null,
			created_at: now
		});
		if (row) return row;
	}
	throw new Error('could not allocate an intake reference');
}

/**
 * The public form: anyone, anonymous allowed. Five reports an hour from one
 * address; a signed form token and a hidden field keep robots out.
 */
export async function submitPublicReport(
	db: Kysely<DB>,
	input: ReportInput & { formToken: unknown; website: unknown },
	clientAddress: string,
	now = new Date()
): Promise<SubmitResult> {
	if (typeof input.website === 'string' && input.website.trim()) return { ok: false, errors: { form: 'rejected' } };
	const token = checkFormToken(input.formToken, now.getTime());
	if (token !== 'ok') return { ok: false, errors: { form: token } };
	const key = addressKey(clientAddress);
	const recent = await repo.attemptsSince(db, key, new Date(now.getTime() - PUBLIC_WINDOW_MS));
	if (recent.length >= PUBLIC_LIMIT) {
		const retry = recent[0]!.at.getTime() + PUBLIC_WINDOW_MS - now.getTime();
		return { ok: false, errors: { form: 'throttled' }, retryAfterMinutes: Math.max(1, Math.ceil(retry / 60_000)) };
	}
	const { values, errors } = field.parse(ReportInput, input);
	if (Object.keys(errors).length) return { ok: false, errors: errors as Errors };
	const receiving = (await receivingBodies(db)).some((b) => b.bodyId === values.bodyId);
	if (!receiving) return { ok: false, errors: { bodyId: 'invalid' } };
	const row = await db.transaction().execute(async (tx) => {
		await repo.recordAttempt(tx, key, now);
		const r = await insertReport(tx, values, 'web', null, now);
		// No content and no address: the log knows only that a report arrived.
		await audit(tx, { actorId: null, action: 'intake.submit', outcome: 'success', targetType: 'intake_report', targetId: r.id, at: now });
		return r;
	});
	log.info('intake.received', { channel: 'web', body: values.bodyId });
	notifySoon();
	return { ok: true, reference: row.reference };
}

/** A secretary records a report that came by the postal box, telephone or a watchdog volunteer. */
export async function recordReport(
	db: Kysely<DB>,
	actor: Actor | null,
	input: v.InferInput<typeof RecordedReport>,
	clientAddress: string | null,
	now = new Date()
): Promise<SubmitResult> {
	const body = field.check(field.uuid, input.bodyId);
	if (!body.ok) return { ok: false, errors: { bodyId: 'invalid' } };
	await requireAccess(db, actor, 'intake.record', { kind: 'body', id: body.value }, { clientAddress });
	const { values, errors } = field.parse(RecordedReport, input);
	if (Object.keys(errors).length) return { ok: false, errors: errors as Errors };
	const row = await db.transaction().execute(async (tx) => {
		const r = await insertReport(tx, values, values.channel, actor!.userId, now);
		await audit(tx, {
			actorId: actor!.userId,
			action: 'intake.record',
			outcome: 'success',
			targetType: 'intake_report',
			targetId: r.id,
			clientAddress,
			at: now
		});
		return r;
	});
	notifySoon();
	return { ok: true, reference: row.reference };
}

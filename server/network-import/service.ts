import { readNotifyConfig } from '../notifications/config';
import { mailInvitations } from '../notifications/invitation-mail';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import * as field from '../validate';
import { applyPlan, ImportRefused, type Applied } from './apply';
import { COLUMNS, type Entity } from './columns';
import { planImport } from './plan';
import type { Plan } from './plan-types';
import { MAX_BYTES, MAX_ROWS, readUpload, type ReadResult } from './read';
import { exportNetwork, template } from './template';
import { bangkokToday } from '../../src/lib/calendar';

/** Both rules an import needs: it makes organisations and bodies, and it invites people. */
async function requireImport(db: Kysely<DB>, actor: Actor | null, clientAddress: string | null = null) {
	await requireAccess(db, actor, 'network.manage', { kind: 'system' }, { clientAddress });
	await requireAccess(db, actor, 'user.invite', { kind: 'system' }, { clientAddress });
}

interface Held {
	actorId: string;
	bytes: Uint8Array;
	fileName: string;
	until: number;
}
/**
 * Files between their preview and the administrator's confirmation, for half
 * an hour, in this process's memory: a preview is a moment's work, and a
 * restart only means choosing the file again.
 */
const held = new Map<string, Held>();
const HOLD_MS = 30 * 60_000;

export type Preview =
	{ ok: true; token: string; fileName: string; encoding: string; plan: Plan } | { ok: false; error: Exclude<ReadResult, { ok: true }>['error'] };

/** Reads the file and says what importing it would do; nothing is written. */
export async function previewImport(db: Kysely<DB>, actor: Actor | null, file: { bytes: Uint8Array; name: string }, now = Date.now()): Promise<Preview> {
	await requireImport(db, actor);
	const read = await readUpload(file.bytes);
	if (!read.ok) return read;
	const plan = await planImport(db, read.sheets);
	for (const [k, h] of held) if (h.until < now) held.delete(k);
	const token = crypto.randomUUID();
	held.set(token, { actorId: actor!.userId, bytes: file.bytes, fileName: file.name, until: now + HOLD_MS });
	return { ok: true, token, fileName: file.name, encoding: read.encoding, plan };
}

export type Confirmed = ({ ok: true; mailed: number } & Applied) | { ok: false; error: string; detail?: string };

const ConfirmInput = v.object({
	/** The preview's own token: what was uploaded, by whom, until when. */
	token: v.unknown(),
	/** Seats the file no longer lists that the confirmer ends; an id that does not parse ends nothing. */
	endSeats: v.pipe(
		v.array(field.lenient(field.uuid)),
		v.transform((ids) => ids.filter((id) => id !== undefined))
	),
	/** When those seats end, and why (the file's name when left empty or unreadable). */
	endsOn: field.date,
	note: field.lenient(field.text({ max: 4000 }))
});

/**
 * Imports the previewed file. It is planned again against the network as it is
 * now, so a change made since the preview is seen, and written in one transaction.
 */
export async function confirmImport(
	db: Kysely<DB>,
	actor: Actor | null,
	input: v.InferInput<typeof ConfirmInput>,
	clientAddress: string | null
): Promise<Confirmed> {
	await requireImport(db, actor, clientAddress);
	const h = typeof input.token === 'string' ? held.get(input.token) : undefined;
	if (!h || h.actorId !== actor!.userId || h.until < Date.now()) return { ok: false, error: 'expired' };
	const read = await readUpload(h.bytes);
	if (!read.ok) return { ok: false, error: read.error };
	const { values, errors } = field.parse(ConfirmInput, input);
	const ids = values.endSeats ?? [];
	let end;
	if (ids.length) {
		if (errors.endsOn) return { ok: false, error: 'ends_on' };
		end = { membershipIds: ids, endsOn: values.endsOn, note: values.note || `นำเข้าจากไฟล์ ${h.fileName}` };
	}
	const plan = await planImport(db, read.sheets, bangkokToday());
	try {
		const applied = await applyPlan(db, actor!, plan, { end, fileName: h.fileName, encoding: read.encoding, clientAddress });
		held.delete(input.token as string);
		// After the commit: the mail goes through the outbox, and a failing mail server never undoes an import.
		const mailed = await mailInvitations(db, readNotifyConfig(), applied.invitations);
		return { ok: true, ...applied, mailed };
	} catch (e) {
		if (e instanceof ImportRefused) return { ok: false, error: e.code, detail: e.detail };
		throw e;
	}
}

/** The import page: the column headers of each sheet, in both languages, to name a refused cell. */
export async function importPage(db: Kysely<DB>, actor: Actor | null) {
	await requireImport(db, actor);
	return { columns: COLUMNS, limits: { bytes: MAX_BYTES, rows: MAX_ROWS } };
}

export async function importTemplate(db: Kysely<DB>, actor: Actor | null, format: 'xlsx' | 'csv', entity: Entity) {
	await requireImport(db, actor);
	return template(format, entity);
}

/** The network's people with their contact details leave the system: the export is audited. */
export async function importExport(db: Kysely<DB>, actor: Actor | null, format: 'xlsx' | 'csv', entity: Entity, clientAddress: string | null = null) {
	await requireImport(db, actor, clientAddress);
	const bytes = await exportNetwork(db, format, entity);
	await audit(db, {
		actorId: actor!.userId,
		action: 'network.export',
		outcome: 'success',
		targetType: 'network',
		clientAddress,
		detail: { format, sheet: format === 'csv' ? entity : 'all' }
	});
	return bytes;
}

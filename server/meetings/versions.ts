import type { Kysely } from 'kysely';
import * as v from 'valibot';
import * as Y from 'yjs';
import { refuse, requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import { loadDocument } from '../collab/load';
import type { CollabServer } from '../collab/server';
import type { DB } from '../db/schema';
import type { MeetingVersionReason } from '../db/schema-meeting';
import { log } from '../log';
import * as field from '../validate';
import * as repo from './repository/meetings';
import * as versions from './repository/versions';
import { compare, entityIn, outline, restoreItem, RESTORE_KINDS, type RestoreKind } from './version-restore';

/** How often a document being edited gets a version at least. */
export const VERSION_EVERY_MS = 10 * 60_000;

const MEETING_DOC = /^meeting:([0-9a-f-]{36})$/;
const documentName = (meetingId: string) => `meeting:${meetingId}`;

/** Meetings whose latest version time is remembered; beyond this the memory starts again. */
const REMEMBERED = 2000;
/** When each meeting's latest version was taken in this process, so most edits cost no query. */
const latest = new Map<string, number>();
/** Counts a version as taken now (one is on its way), so the periodic hook does not take another beside it. */
export function remember(meetingId: string, at = Date.now()) {
	if (latest.size >= REMEMBERED) latest.clear();
	latest.set(meetingId, Math.max(at, latest.get(meetingId) ?? 0));
}

/** Stores a version of a meeting document from its encoded state. */
export async function takeVersion(db: Kysely<DB>, meetingId: string, reason: MeetingVersionReason, state: Uint8Array, takenBy: string | null, at = new Date()) {
	const row = await versions.create(db, { meetingId, reason, takenBy, state, at });
	remember(meetingId, at.getTime());
	return row;
}

/**
 * Takes a version of every meeting document at least every `everyMs` while
 * it is being edited (after a durable change, when the latest version is
 * older than that). Versions at the start and end come from the meeting's
 * status changes (live-state.ts).
 */
export function registerMeetingVersions(db: Kysely<DB>, collab: CollabServer, everyMs = VERSION_EVERY_MS, clock = () => Date.now()): () => void {
	return collab.onDocumentChanged(async (name, doc) => {
		const match = MEETING_DOC.exec(name);
		if (!match) return;
		const meetingId = match[1]!;
		const now = clock();
		const known = latest.get(meetingId);
		if (known !== undefined && now - known < everyMs) return;
		// The document holds only durable state until the first await: encode it now.
		const state = Y.encodeStateAsUpdate(doc);
		if (known === undefined) {
			const stored = (await versions.latestAt(db, meetingId))?.getTime();
			if (stored !== undefined) remember(meetingId, stored);
			if (stored !== undefined && now - stored < everyMs) return;
		}
		const exists = await repo.get(db, meetingId);
		if (!exists) return;
		await takeVersion(db, meetingId, 'periodic', state, null, new Date(now));
		log.debug('meeting.version_taken', { meeting: meetingId, reason: 'periodic', bytes: state.length });
	});
}

/** Reads the live document as it is now: from memory when loaded, else from storage. */
async function withLive<T>(db: Kysely<DB>, collab: Pick<CollabServer, 'document'>, meetingId: string, read: (doc: Y.Doc) => T): Promise<T> {
	const loaded = collab.document(documentName(meetingId));
	if (loaded) return read(loaded);
	const { doc } = await loadDocument(db, documentName(meetingId));
	try {
		return read(doc);
	} finally {
		doc.destroy();
	}
}

function decode(state: Uint8Array): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	return doc;
}

/** Checks the versions rule on a meeting that exists (404 when it does not). */
async function meetingFor(db: Kysely<DB>, actor: Actor | null, meetingId: string, clientAddress: string | null = null) {
	const meeting = await repo.get(db, meetingId);
	if (!meeting) return refuse(db, actor, 'meeting.versions', { type: 'meeting', id: meetingId }, 404, clientAddress);
	await requireAccess(db, actor, 'meeting.versions', { kind: 'meeting', id: meetingId }, { clientAddress });
	const { id, title, body_id, case_id, status, locked, starts_at } = meeting;
	return { id, title, body_id, case_id, status, locked, starts_at };
}

/**
 * The versions page: every version of the meeting, and one of them (the
 * newest unless chosen) read as agenda, decisions and action items, each
 * marked as it stands in the meeting now. A view of a case conference's
 * versions is audited like a view of its other pages (never what it showed).
 */
export async function versionsPage(
	db: Kysely<DB>,
	collab: Pick<CollabServer, 'document'>,
	actor: Actor | null,
	meetingId: string,
	chosen: string | null,
	clientAddress: string | null = null
) {
	const meeting = await meetingFor(db, actor, meetingId, clientAddress);
	const list = await versions.getByMeeting(db, meetingId);
	const id = chosen && field.is(field.uuid, chosen) && list.some((x) => x.id === chosen) ? chosen : (list[0]?.id ?? null);
	const state = id ? await versions.getState(db, meetingId, id) : undefined;
	const seats = await repo.everySeatOf(db, meeting.body_id);
	const names = {
		organisations: Object.fromEntries(seats.map((s) => [s.organisation_id, s.short_name])),
		people: Object.fromEntries(seats.map((s) => [s.user_id, s.display_name]))
	};
	if (meeting.case_id) {
		await audit(db, {
			actorId: actor!.userId,
			action: 'case.conference_view',
			outcome: 'success',
			targetType: 'meeting',
			targetId: meetingId,
			clientAddress,
			detail: { case: meeting.case_id, page: 'versions', ...(id ? { version: id } : {}) }
		});
	}
	if (!state) return { meeting, versions: list, selected: null, items: [], names };
	const doc = decode(state);
	try {
		const items = await withLive(db, collab, meetingId, (live) => {
			const now = (kind: RestoreKind, eid: string) => compare(live, kind, eid, entityIn(doc, kind, eid) ?? {});
			return outline(doc).map((a) => ({
				...a,
				now: now('agenda_item', a.id),
				decisions: a.decisions.map((d) => ({ ...d, now: now('decision', d.id), actions: d.actions.map((x) => ({ ...x, now: now('action', x.id) })) }))
			}));
		});
		return { meeting, versions: list, selected: id, items, names };
	} finally {
		doc.destroy();
	}
}

const RestoreInput = v.object({ version: field.uuid, kind: field.oneOf(RESTORE_KINDS), id: field.uuid });
export type RestoreInput = v.InferInput<typeof RestoreInput>;

/**
 * Brings one item of a version back into the live meeting, as a server-side
 * change that everyone sees at once. The meeting as it was just before is
 * kept as a version of its own, so a restore can itself be undone.
 */
export async function restoreFromVersion(
	db: Kysely<DB>,
	collab: Pick<CollabServer, 'change'>,
	actor: Actor | null,
	meetingId: string,
	input: RestoreInput,
	clientAddress: string | null
): Promise<{ ok: true; ids: string[] } | { ok: false; errors: Record<string, string> }> {
	const meeting = await meetingFor(db, actor, meetingId, clientAddress);
	const { values, errors } = field.parse(RestoreInput, input);
	if (Object.keys(errors).length) return { ok: false, errors: errors as Record<string, string> };
	if (meeting.locked || meeting.status === 'minutes_approved' || meeting.status === 'cancelled') return { ok: false, errors: { meeting: 'frozen' } };
	const state = await versions.getState(db, meetingId, values.version);
	if (!state) return { ok: false, errors: { version: 'not_found' } };
	const source = decode(state);
	let before = null as Uint8Array | null;
	let result = { ok: false, reason: 'not_in_version' } as ReturnType<typeof restoreItem>;
	try {
		await collab.change(documentName(meetingId), (doc) => {
			before = Y.encodeStateAsUpdate(doc);
			result = restoreItem(source, doc, values.kind, values.id);
		});
	} finally {
		source.destroy();
	}
	if (!result.ok) return { ok: false, errors: { item: result.reason } };
	const restored = result.ids;
	await db.transaction().execute(async (tx) => {
		if (before) await versions.create(tx, { meetingId, reason: 'before_restore', takenBy: actor!.userId, state: before });
		await audit(tx, {
			actorId: actor!.userId,
			action: 'meeting.version_restore',
			outcome: 'success',
			targetType: 'meeting',
			targetId: meetingId,
			clientAddress,
			detail: { version: values.version, kind: values.kind, id: values.id, entities: restored.length }
		});
	});
	return { ok: true, ids: restored };
}

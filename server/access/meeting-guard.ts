import type { Kysely } from 'kysely';
import type * as Y from 'yjs';
import { isSafeLinkUrl } from '../../src/lib/safe-url';
import { ABSENCE_REASON_MAX, ATTENDANCE_STATUSES, FIELD_MAX, GUEST_FIELD_MAX, MEETING_ROOTS, NOTES_PREFIX } from '../../src/lib/meeting-doc/schema';
import { onCaseTeam } from '../membership/case-team';
import type { Change } from '../collab/changes';
import type { DB } from '../db/schema';
import type { MeetingAuthority, MeetingChangeRule } from './meeting-changes';

/**
 * Applies the table of meeting-change rules (meeting-changes.ts) to the
 * changes an update would make (server/collab/changes.ts). Most updates are
 * typing in the notes and are judged from memory; the database is asked only
 * about ids the document has not seen before and about the action items
 * whose report-backs someone types, and its answers are remembered for as
 * long as the document stays loaded.
 */

export type Verdict = { ok: true } | { ok: false; rule: MeetingChangeRule };

/** Who sends the update: their authority in the meeting and the entities they added on this connection. */
export interface Sender {
	userId: string;
	authority: MeetingAuthority;
	added: Set<string>;
}

/** What the database said about ids, per loaded document. */
interface Memo {
	bodyId?: string;
	/** Entity ids checked: new to the database, this meeting's own, or another meeting's. */
	ids: Map<string, 'new' | 'mine' | 'foreign'>;
	/** When the answers about action items and case teams were first given; they are asked again after a minute. */
	since: number;
	/** Action items of this body by id: lead organisation and case; null when not an action of this body. */
	actions: Map<string, { lead: string; caseId: string | null } | null>;
	/** Case teams by `user:case`. */
	team: Map<string, boolean>;
}

interface Need {
	ids: string[];
	actions: string[];
	teams: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NOTES = /^notes:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ROOTS = new Set<string>(MEETING_ROOTS);
/** How long answers about action items and case teams are trusted. */
const MEMO_MS = 60_000;

type Check = (v: unknown) => boolean;
const text =
	(max: number): Check =>
	(v) =>
		typeof v === 'string' && v.length <= max;
const idOrNull: Check = (v) => v === null || (typeof v === 'string' && UUID.test(v));
const numberOrNull: Check = (v) => v === null || (typeof v === 'number' && Number.isFinite(v));
const ids: Check = (v) => Array.isArray(v) && v.length <= 200 && v.every((x) => typeof x === 'string' && UUID.test(x));
const dateOrNull: Check = (v) => v === null || (typeof v === 'string' && v.length <= 10);
const linkList: Check = (v) =>
	Array.isArray(v) &&
	v.length <= FIELD_MAX.links &&
	v.every((l) => {
		const { url, label } = (l ?? {}) as { url?: unknown; label?: unknown };
		return typeof label === 'string' && label.length <= FIELD_MAX.linkLabel && typeof url === 'string' && url.length <= FIELD_MAX.linkUrl;
	});
const linksSafe = (v: unknown) => Array.isArray(v) && v.every((l) => isSafeLinkUrl((l as { url?: unknown }).url));

/** Fields of an organisation's attendance entry (keyed by organisation id): all the officers'. */
const attendanceFields: Record<string, Check> = {
	status: (v) => (ATTENDANCE_STATUSES as unknown[]).includes(v),
	arrivedAt: numberOrNull,
	leftAt: numberOrNull,
	reason: (v) => v === null || text(ABSENCE_REASON_MAX)(v)
};

/** Fields of a guest (someone attending who is not a member, keyed by their own id): all the officers'. */
const guestFields: Record<string, Check> = {
	id: text(36),
	name: (v) => text(GUEST_FIELD_MAX)(v) && (v as string).trim() !== '',
	position: text(GUEST_FIELD_MAX),
	organisation: text(GUEST_FIELD_MAX),
	order: (v) => typeof v === 'number' && Number.isFinite(v)
};

/**
 * The shape of a change to an officers' map of entries keyed by an id
 * (attendance, guests): an entry is a map, its fields are known and fit.
 */
function fitsOfficerMap(c: Change, fields: Record<string, Check>): boolean {
	const [key, field] = c.path;
	if (typeof key !== 'string' || !UUID.test(key) || c.path.length > 2) return false;
	if (c.path.length === 1) return c.op === 'delete' || c.type === 'map';
	if (typeof field !== 'string' || !(field in fields)) return false;
	return c.op === 'delete' || (c.type === undefined && fields[field]!(c.value));
}

/** Per entity collection: each field's value check and the rule that edits it once the entity exists. */
const entities: Record<string, { add: MeetingChangeRule; fields: Record<string, [Check, MeetingChangeRule]> }> = {
	agenda: {
		add: 'agenda.add',
		fields: {
			id: [text(36), 'server-only'],
			title: [text(FIELD_MAX.agendaTitle), 'agenda.text'],
			links: [linkList, 'agenda.text'],
			presenterOrgId: [idOrNull, 'agenda.text'],
			order: [numberOrNull, 'agenda.arrange'],
			minutes: [numberOrNull, 'agenda.arrange'],
			standing: [(v) => v === null || typeof v === 'string', 'server-only']
		}
	},
	decisions: {
		add: 'decision.edit',
		fields: {
			id: [text(36), 'server-only'],
			agendaItemId: [idOrNull, 'decision.edit'],
			text: [text(FIELD_MAX.decisionText), 'decision.edit'],
			leadOrgId: [idOrNull, 'decision.edit'],
			supportingOrgIds: [ids, 'decision.edit'],
			order: [numberOrNull, 'decision.edit']
		}
	},
	actions: {
		add: 'action.edit',
		fields: {
			id: [text(36), 'server-only'],
			decisionId: [idOrNull, 'action.edit'],
			title: [text(FIELD_MAX.actionTitle), 'action.edit'],
			description: [text(FIELD_MAX.actionDescription), 'action.edit'],
			leadOrgId: [idOrNull, 'action.edit'],
			assigneeId: [idOrNull, 'action.edit'],
			supportingOrgIds: [ids, 'action.edit'],
			dueOn: [dateOrNull, 'action.edit']
		}
	}
};

function allowed(rule: MeetingChangeRule, sender: Sender): boolean {
	const a = sender.authority;
	switch (rule) {
		case 'notes':
		case 'agenda.add':
		case 'agenda.text':
		case 'decision.edit':
		case 'action.edit':
			return a.mode === 'write';
		case 'agenda.arrange':
		case 'attendance':
		case 'guests':
		case 'timers':
		case 'restore':
			return a.mode === 'write' && a.officer;
		default:
			return false;
	}
}

/**
 * Judges every change; answers what it must first learn from the database
 * when the memo does not know an id yet.
 */
function judge(changes: Change[], sender: Sender, memo: Memo): Verdict | Need {
	const need: Need = { ids: [], actions: [], teams: [] };
	const refuse = (rule: MeetingChangeRule): Verdict => ({ ok: false, rule });
	// Fields of an entity removed or added by this same update go with it.
	const removedHere = new Set<string>();
	const addedHere = new Set<string>();
	/** Entities this update removes: their tombstones are judged with the removal. */
	const tombstoned = new Set<string>();
	for (const c of changes) {
		if (c.path.length !== 1 || typeof c.path[0] !== 'string') continue;
		if (c.op === 'delete') {
			removedHere.add(`${c.root}/${c.path[0]}`);
			if (c.root in entities) tombstoned.add(c.path[0]);
		} else addedHere.add(`${c.root}/${c.path[0]}`);
	}
	const reportBack = (actionId: string): Verdict | null => {
		const action = memo.actions.get(actionId);
		if (action === undefined) {
			need.actions.push(actionId);
			return null;
		}
		if (action === null) return refuse('foreign-id');
		if (sender.authority.mode !== 'write') return refuse('report-back');
		if (action.caseId) {
			const onTeam = memo.team.get(`${sender.userId}:${action.caseId}`);
			if (onTeam === undefined) {
				need.teams.push(action.caseId);
				return null;
			}
			if (!onTeam) return refuse('report-back');
		}
		return sender.authority.secretary || sender.authority.reportFor.includes(action.lead) ? null : refuse('report-back');
	};

	for (const c of changes) {
		// Binary content, subdocuments, embeds and several values under one key fit no part of a meeting.
		if (c.type === 'unsupported' || c.type === 'unknown') return refuse('bad-content');
		if (c.root.startsWith(NOTES_PREFIX)) {
			if (!NOTES.test(c.root)) return refuse('unknown-part');
			if (!allowed('notes', sender)) return refuse('notes');
			if (isLinkFormat(c.value) && !isSafeLinkUrl((c.value.value as { href?: unknown }).href)) return refuse('bad-link');
			continue;
		}
		if (!ROOTS.has(c.root)) return refuse('unknown-part');
		if (c.root === 'meta') return refuse('server-only');
		if (c.root === 'removed' && typeof c.path[0] === 'string') {
			const id = c.path[0];
			// A removal leaves its tombstone in the same change; the removal's own rule decides.
			if (c.op === 'insert' && tombstoned.has(id)) continue;
			// Undoing one's own removal of what one added on this connection brings it back and clears the tombstone.
			if (c.op === 'delete' && sender.added.has(id) && Object.keys(entities).some((col) => addedHere.has(`${col}/${id}`))) continue;
		}
		if (c.root === 'attendance' || c.root === 'guests') {
			if (!fitsOfficerMap(c, c.root === 'attendance' ? attendanceFields : guestFields)) return refuse('bad-content');
			if (!allowed(c.root, sender)) return refuse(c.root);
			continue;
		}
		if (c.root === 'timers' || c.root === 'removed') {
			const rule = c.root === 'removed' ? 'restore' : c.root;
			if (!allowed(rule, sender)) return refuse(rule);
			continue;
		}
		const key = c.path[0];
		if (typeof key !== 'string') return refuse('bad-content');
		if (c.root === 'reportBacks') {
			if (!UUID.test(key)) return refuse('bad-content');
			const field = c.path[1];
			if (c.path.length > 2) return refuse('bad-content');
			if (c.path.length === 1) {
				if (c.op === 'delete') return refuse('server-only');
				if (c.type !== 'map') return refuse('bad-content');
			} else if (field === 'outcome') {
				// A new report-back starts with no outcome; only the server decides one.
				if (!(c.op === 'insert' && c.value === null && addedHere.has(`reportBacks/${key}`))) return refuse('server-only');
			} else if (field !== 'text') return refuse('bad-content');
			else if (c.op === 'insert' && !text(FIELD_MAX.reportBack)(c.value)) return refuse('bad-content');
			const verdict = reportBack(key);
			if (verdict) return verdict;
			continue;
		}
		const kind = entities[c.root]!;
		if (c.path.length === 1) {
			if (c.op === 'delete') {
				if (!(sender.authority.mode === 'write' && (sender.authority.officer || sender.added.has(key)))) return refuse('remove');
				continue;
			}
			if (!UUID.test(key) || c.type !== 'map') return refuse('bad-content');
			if (!allowed(kind.add, sender)) return refuse(kind.add);
			const known = memo.ids.get(key);
			if (known === undefined) need.ids.push(key);
			else if (known === 'foreign') return refuse('foreign-id');
			continue;
		}
		if (removedHere.has(`${c.root}/${key}`) && c.op === 'delete') continue;
		const field = c.path[1];
		if (c.path.length > 2 || typeof field !== 'string' || !(field in kind.fields)) return refuse('bad-content');
		const [check, rule] = kind.fields[field]!;
		if (c.op === 'insert') {
			if (c.type !== undefined || !check(c.value)) return refuse('bad-content');
			if (field === 'links' && !linksSafe(c.value)) return refuse('bad-link');
		}
		if (addedHere.has(`${c.root}/${key}`)) continue;
		if (!allowed(rule, sender)) return refuse(rule);
	}
	if (need.ids.length || need.actions.length || need.teams.length) return need;
	return { ok: true };
}

const isNeed = (v: Verdict | Need): v is Need => 'ids' in v;

/** A link mark set on rich text (null removes it). */
function isLinkFormat(v: unknown): v is { format: 'link'; value: Record<string, unknown> } {
	const f = v as { format?: unknown; value?: unknown } | null;
	return !!f && typeof f === 'object' && f.format === 'link' && !!f.value && typeof f.value === 'object';
}

/** Learns what `need` asks from the database, into the memo. */
async function learn(db: Kysely<DB>, meetingId: string, userId: string, need: Need, memo: Memo): Promise<void> {
	if (need.ids.length) {
		const rows = [
			...(await db.selectFrom('agenda_item').select(['id', 'meeting_id']).where('id', 'in', need.ids).execute()),
			...(await db.selectFrom('decision').select(['id', 'meeting_id']).where('id', 'in', need.ids).execute()),
			...(await db.selectFrom('action_item').select(['id', 'meeting_id']).where('id', 'in', need.ids).execute())
		];
		for (const id of need.ids) {
			const found = rows.filter((r) => r.id === id);
			memo.ids.set(id, found.length === 0 ? 'new' : found.every((r) => r.meeting_id === meetingId) ? 'mine' : 'foreign');
		}
	}
	if (need.actions.length) {
		memo.bodyId ??= (await db.selectFrom('meeting').select('body_id').where('id', '=', meetingId).executeTakeFirstOrThrow()).body_id;
		const rows = await db.selectFrom('action_item').select(['id', 'lead_organisation_id', 'case_id', 'body_id']).where('id', 'in', need.actions).execute();
		for (const id of need.actions) {
			const row = rows.find((r) => r.id === id && r.body_id === memo.bodyId);
			memo.actions.set(id, row ? { lead: row.lead_organisation_id, caseId: row.case_id } : null);
		}
	}
	for (const caseId of new Set(need.teams)) memo.team.set(`${userId}:${caseId}`, await onCaseTeam(db, userId, caseId));
}

/**
 * The guard of meeting documents: judges from memory when it can, and asks
 * the database only for what it has not seen. Answers a promise only then.
 */
export function meetingGuard(db: Kysely<DB>) {
	const memos = new WeakMap<Y.Doc, Memo>();
	const memoOf = (doc: Y.Doc) => {
		let memo = memos.get(doc);
		if (!memo) memos.set(doc, (memo = { ids: new Map(), actions: new Map(), team: new Map(), since: Date.now() }));
		// Who leads an action and who is on a case team can change during a meeting.
		if (Date.now() - memo.since > MEMO_MS) {
			memo.actions.clear();
			memo.team.clear();
			memo.since = Date.now();
		}
		return memo;
	};
	return function check(meetingId: string, doc: Y.Doc, changes: Change[], sender: Sender): Verdict | Promise<Verdict> {
		const memo = memoOf(doc);
		const first = judge(changes, sender, memo);
		// Only what is new to the document and the database becomes theirs to remove again on this connection.
		const done = (v: Verdict): Verdict => {
			if (!v.ok) return v;
			const replaced = new Set(changes.filter((c) => c.op === 'delete' && c.path.length === 1).map((c) => `${c.root}/${c.path[0]}`));
			for (const c of changes) {
				const id = c.path[0];
				if (c.op !== 'insert' || c.path.length !== 1 || !(c.root in entities) || typeof id !== 'string') continue;
				if (memo.ids.get(id) === 'new' && !replaced.has(`${c.root}/${id}`)) sender.added.add(id);
			}
			return v;
		};
		if (!isNeed(first)) return done(first);
		return learn(db, meetingId, sender.userId, first, memo).then(() => {
			const second = judge(changes, sender, memo);
			return done(isNeed(second) ? { ok: false, rule: 'bad-content' } : second);
		});
	};
}

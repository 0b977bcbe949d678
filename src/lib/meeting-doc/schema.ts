import * as Y from 'yjs';

/**
 * The shape of a meeting's live document. Everything members co-edit lives
 * here; every entity carries a UUID made by the client that adds it, so the
 * projection into SQL can upsert by id. Collections are maps keyed by id
 * (concurrent additions and edits merge per entity); order is a number
 * between neighbours, so a reorder is one field write that merges cleanly.
 */

export type StandingKind = 'minutes' | 'followup' | 'situation' | 'cases' | 'aob';
export type AttendanceStatus = 'present' | 'alternate' | 'apologies' | 'absent';
export const ATTENDANCE_STATUSES: AttendanceStatus[] = ['present', 'alternate', 'apologies', 'absent'];

export interface AgendaItem {
	id: string;
	title: string;
	order: number;
	minutes: number | null;
	presenterOrgId: string | null;
	standing: StandingKind | null;
	links: { url: string; label: string }[];
}

export interface Decision {
	id: string;
	agendaItemId: string;
	text: string;
	leadOrgId: string | null;
	supportingOrgIds: string[];
	order: number;
}

export interface ActionDraft {
	id: string;
	decisionId: string;
	title: string;
	description: string;
	leadOrgId: string | null;
	assigneeId: string | null;
	supportingOrgIds: string[];
	dueOn: string | null;
}

export interface Attendance {
	status: AttendanceStatus;
	arrivedAt: number | null;
	leftAt: number | null;
	/** Why an organisation sent apologies or did not come (e.g. ติดราชการ); absent from older entries. */
	reason?: string | null;
}

/** The longest reason for absence the document and the database keep. */
export const ABSENCE_REASON_MAX = 200;

/** Someone attending who is not a member (a guest, staff), keyed by an id of their own. */
export interface Guest {
	id: string;
	name: string;
	position: string;
	/** Where they come from, as free text: they need not belong to an organisation of the network. */
	organisation: string;
	order: number;
}

/** The longest name, position or organisation of a guest. */
export const GUEST_FIELD_MAX = 120;

/**
 * The longest text each field of the document's entities holds, in UTF-16
 * units (what `String.length` and an input's `maxlength` count). The
 * workspace's inputs stop there and its writes are cut to it, the server
 * refuses more (server/access/meeting-guard.ts) and the projection keeps no
 * more: an over-long paste never costs a refused change.
 */
export const FIELD_MAX = {
	agendaTitle: 500,
	decisionText: 4000,
	actionTitle: 500,
	actionDescription: 4000,
	reportBack: 4000,
	linkUrl: 2000,
	linkLabel: 200,
	/** Links per agenda item. */
	links: 20
} as const;

/** `text` cut to `max` UTF-16 units, never between the two halves of a character outside the Basic Multilingual Plane. */
export function clip(text: string, max: number): string {
	if (text.length <= max) return text;
	const end = /[\uD800-\uDBFF]/.test(text[max - 1]!) ? max - 1 : max;
	return text.slice(0, end);
}

/** An agenda item's links as the document keeps them: at most FIELD_MAX.links, each cut to its limits. */
export const fittedLinks = (links: { url: string; label: string }[]) =>
	links.slice(0, FIELD_MAX.links).map((l) => ({ url: clip(l.url, FIELD_MAX.linkUrl), label: clip(l.label, FIELD_MAX.linkLabel) }));

/** Per agenda item: time spent so far and, while running, since when. */
export interface TimerState {
	elapsedMs: number;
	runningSince: number | null;
}

export const agendaOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('agenda');
export const decisionsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('decisions');
export const actionsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('actions');
export const attendanceOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('attendance');
export const timersOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('timers');
/** People attending who are not members, keyed by guest id; the minutes list them under ผู้เข้าร่วมประชุม. */
export const guestsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('guests');
/** Report-backs typed at this meeting on past action items, keyed by action item id. */
export const reportBacksOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('reportBacks');

export interface ReportBack {
	text: string;
	/** Set by the server once the chair decided: accepted (closed) or carried over. */
	outcome: 'accepted' | 'carried_over' | null;
}
/**
 * What was removed from this meeting, keyed by the removed entity's id: the
 * tombstone the projection obeys (a row leaves SQL only when its tombstone is
 * here, never because it is merely absent) and the "recently deleted" list
 * the chair and secretary restore from. `group` ties the decisions and action
 * items removed with an agenda item or decision to it, so they come back together.
 */
export const removedOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('removed');

export type RemovedKind = 'agenda_item' | 'decision' | 'action';
export interface Removed {
	kind: RemovedKind;
	/** The entity as it was (plain fields), to restore it. */
	entity: Record<string, unknown>;
	/** Id of the entity whose removal took this one along; its own id when removed alone. */
	group: string;
	removedAt: number;
	removedBy: string | null;
}

/**
 * The meeting's state as SQL holds it (status, lock), written only by the
 * server, so every open workspace sees a start, an end or a lock at once.
 */
export const metaOf = (doc: Y.Doc) => doc.getMap<unknown>('meta');

/** Every top-level name a meeting document may hold; anything else is refused. */
export const MEETING_ROOTS = ['agenda', 'decisions', 'actions', 'attendance', 'guests', 'timers', 'reportBacks', 'removed', 'meta'] as const;
export const NOTES_PREFIX = 'notes:';

/** Rich-text notes of an agenda item, edited with Tiptap's collaboration extension. */
export const notesOf = (doc: Y.Doc, agendaItemId: string) => doc.getXmlFragment(`notes:${agendaItemId}`);

function entity(fields: Record<string, unknown>): Y.Map<unknown> {
	const map = new Y.Map<unknown>();
	for (const [k, v] of Object.entries(fields)) map.set(k, v);
	return map;
}

/** Reads a map entity as a plain object (unknown values: the projection validates them). */
export function plain(map: Y.Map<unknown>): Record<string, unknown> {
	return map.toJSON() as Record<string, unknown>;
}

/** An order value after every existing one. */
export function nextOrder(collection: Y.Map<Y.Map<unknown>>): number {
	let max = 0;
	for (const item of collection.values()) max = Math.max(max, Number(item.get('order')) || 0);
	return max + 1;
}

/** The order value that puts an item between two neighbours (either may be absent). */
export function orderBetween(before: number | null, after: number | null): number {
	if (before === null && after === null) return 1;
	if (before === null) return after! - 1;
	if (after === null) return before + 1;
	return (before + after) / 2;
}

export function addAgendaItem(doc: Y.Doc, item: Omit<AgendaItem, 'order' | 'links'> & { order?: number; links?: AgendaItem['links'] }): void {
	const agenda = agendaOf(doc);
	doc.transact(() => {
		agenda.set(
			item.id,
			entity({ ...item, title: clip(item.title, FIELD_MAX.agendaTitle), order: item.order ?? nextOrder(agenda), links: fittedLinks(item.links ?? []) })
		);
	});
}

export function addDecision(doc: Y.Doc, d: Omit<Decision, 'order'>): void {
	const decisions = decisionsOf(doc);
	doc.transact(() => decisions.set(d.id, entity({ ...d, text: clip(d.text, FIELD_MAX.decisionText), order: nextOrder(decisions) })));
}

export function addAction(doc: Y.Doc, a: ActionDraft): void {
	doc.transact(() =>
		actionsOf(doc).set(a.id, entity({ ...a, title: clip(a.title, FIELD_MAX.actionTitle), description: clip(a.description, FIELD_MAX.actionDescription) }))
	);
}

function tombstone(doc: Y.Doc, kind: RemovedKind, map: Y.Map<unknown>, group: string, by: string | null, now: number) {
	const id = String(map.get('id'));
	removedOf(doc).set(id, entity({ kind, entity: plain(map), group, removedAt: now, removedBy: by }));
}

/** Removes an agenda item with its notes, decisions and their action items, leaving tombstones. */
export function removeAgendaItem(doc: Y.Doc, id: string, by: string | null = null, now = Date.now()): void {
	doc.transact(() => {
		for (const [did, d] of decisionsOf(doc)) if (d.get('agendaItemId') === id) removeDecisionIn(doc, did, id, by, now);
		const item = agendaOf(doc).get(id);
		if (item) tombstone(doc, 'agenda_item', item, id, by, now);
		agendaOf(doc).delete(id);
		const notes = notesOf(doc, id);
		notes.delete(0, notes.length);
		timersOf(doc).delete(id);
	});
}

function removeDecisionIn(doc: Y.Doc, id: string, group: string, by: string | null, now: number) {
	for (const [aid, a] of actionsOf(doc)) {
		if (a.get('decisionId') !== id) continue;
		tombstone(doc, 'action', a, group, by, now);
		actionsOf(doc).delete(aid);
	}
	const d = decisionsOf(doc).get(id);
	if (d) tombstone(doc, 'decision', d, group, by, now);
	decisionsOf(doc).delete(id);
}

export function removeDecision(doc: Y.Doc, id: string, by: string | null = null, now = Date.now()): void {
	doc.transact(() => removeDecisionIn(doc, id, id, by, now));
}

export function removeAction(doc: Y.Doc, id: string, by: string | null = null, now = Date.now()): void {
	doc.transact(() => {
		const a = actionsOf(doc).get(id);
		if (!a) return;
		tombstone(doc, 'action', a, id, by, now);
		actionsOf(doc).delete(id);
	});
}

/**
 * Brings back everything removed together with `group` (an agenda item, a
 * decision or an action item) as it was, and clears the tombstones. An entity
 * whose parent is gone stays in the list.
 */
export function restoreRemoved(doc: Y.Doc, group: string): void {
	const removed = removedOf(doc);
	const members = [...removed.entries()].filter(([, r]) => r.get('group') === group);
	const rank: Record<string, number> = { agenda_item: 0, decision: 1, action: 2 };
	members.sort(([, a], [, b]) => rank[String(a.get('kind'))]! - rank[String(b.get('kind'))]!);
	doc.transact(() => {
		for (const [id, r] of members) {
			const fields = (r.get('entity') ?? {}) as Record<string, unknown>;
			const kind = r.get('kind') as RemovedKind;
			if (kind === 'decision' && !agendaOf(doc).has(String(fields.agendaItemId))) continue;
			if (kind === 'action' && !decisionsOf(doc).has(String(fields.decisionId))) continue;
			const target = kind === 'agenda_item' ? agendaOf(doc) : kind === 'decision' ? decisionsOf(doc) : actionsOf(doc);
			target.set(id, entity({ ...fields, id }));
			removed.delete(id);
		}
	});
}

export function setReportBack(doc: Y.Doc, actionItemId: string, typed: string): void {
	const all = reportBacksOf(doc);
	const text = clip(typed, FIELD_MAX.reportBack);
	doc.transact(() => {
		const r = all.get(actionItemId);
		if (r) r.set('text', text);
		else all.set(actionItemId, entity({ text, outcome: null }));
	});
}

export function setReportBackOutcome(doc: Y.Doc, actionItemId: string, outcome: ReportBack['outcome'], text: string): void {
	const all = reportBacksOf(doc);
	doc.transact(() => {
		const r = all.get(actionItemId) ?? entity({ text: clip(text, FIELD_MAX.reportBack), outcome: null });
		if (!all.has(actionItemId)) all.set(actionItemId, r);
		r.set('outcome', outcome);
	});
}

export function setAttendance(doc: Y.Doc, orgId: string, status: AttendanceStatus, now = Date.now()): void {
	const all = attendanceOf(doc);
	doc.transact(() => {
		let a = all.get(orgId);
		if (!a) {
			a = entity({ status, arrivedAt: null, leftAt: null });
			all.set(orgId, a);
		}
		a.set('status', status);
		if ((status === 'present' || status === 'alternate') && !a.get('arrivedAt')) a.set('arrivedAt', now);
	});
}

/** Records a departure (or a return, which clears it). */
export function setDeparture(doc: Y.Doc, orgId: string, leftAt: number | null): void {
	const a = attendanceOf(doc).get(orgId);
	if (a) doc.transact(() => a.set('leftAt', leftAt));
}

/**
 * Records why an organisation sent apologies or stayed away; an empty reason
 * clears it. The text is trimmed and cut to ABSENCE_REASON_MAX characters.
 */
export function setAbsenceReason(doc: Y.Doc, orgId: string, reason: string): void {
	const a = attendanceOf(doc).get(orgId);
	const text = reason.trim().slice(0, ABSENCE_REASON_MAX);
	if (a) doc.transact(() => a.set('reason', text || null));
}

/** Adds a guest after the others; name, position and organisation are trimmed and cut to GUEST_FIELD_MAX. */
export function addGuest(doc: Y.Doc, guest: Omit<Guest, 'order'> & { order?: number }): void {
	const guests = guestsOf(doc);
	const cut = (v: string) => v.trim().slice(0, GUEST_FIELD_MAX);
	doc.transact(() =>
		guests.set(
			guest.id,
			entity({
				id: guest.id,
				name: cut(guest.name),
				position: cut(guest.position),
				organisation: cut(guest.organisation),
				order: guest.order ?? nextOrder(guests)
			})
		)
	);
}

export function removeGuest(doc: Y.Doc, id: string): void {
	doc.transact(() => guestsOf(doc).delete(id));
}

/** Starts an item's timer, pausing whichever other one was running. */
export function startTimer(doc: Y.Doc, agendaItemId: string, now = Date.now()): void {
	const timers = timersOf(doc);
	doc.transact(() => {
		for (const [id, t] of timers) if (id !== agendaItemId && t.get('runningSince')) pauseIn(t, now);
		let t = timers.get(agendaItemId);
		if (!t) {
			t = entity({ elapsedMs: 0, runningSince: null });
			timers.set(agendaItemId, t);
		}
		if (!t.get('runningSince')) t.set('runningSince', now);
	});
}

function pauseIn(t: Y.Map<unknown>, now: number) {
	const since = Number(t.get('runningSince'));
	if (since) t.set('elapsedMs', (Number(t.get('elapsedMs')) || 0) + Math.max(0, now - since));
	t.set('runningSince', null);
}

export function pauseTimer(doc: Y.Doc, agendaItemId: string, now = Date.now()): void {
	const t = timersOf(doc).get(agendaItemId);
	if (t) doc.transact(() => pauseIn(t, now));
}

export function elapsed(t: TimerState | undefined, now = Date.now()): number {
	if (!t) return 0;
	return t.elapsedMs + (t.runningSince ? Math.max(0, now - t.runningSince) : 0);
}

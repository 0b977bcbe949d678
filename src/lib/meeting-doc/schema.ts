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
}

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
/** Report-backs typed at this meeting on past action items, keyed by action item id. */
export const reportBacksOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('reportBacks');

export interface ReportBack {
	text: string;
	/** Set by the server once the chair decided: accepted (closed) or carried over. */
	outcome: 'accepted' | 'carried_over' | null;
}
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
			entity({ ...item, order: item.order ?? nextOrder(agenda), links: item.links ?? [] })
		);
	});
}

export function addDecision(doc: Y.Doc, d: Omit<Decision, 'order'>): void {
	const decisions = decisionsOf(doc);
	doc.transact(() => decisions.set(d.id, entity({ ...d, order: nextOrder(decisions) })));
}

export function addAction(doc: Y.Doc, a: ActionDraft): void {
	doc.transact(() => actionsOf(doc).set(a.id, entity({ ...a })));
}

/** Removes an agenda item with its notes, decisions and their action items. */
export function removeAgendaItem(doc: Y.Doc, id: string): void {
	doc.transact(() => {
		for (const [did, d] of decisionsOf(doc)) if (d.get('agendaItemId') === id) removeDecisionIn(doc, did);
		agendaOf(doc).delete(id);
		const notes = notesOf(doc, id);
		notes.delete(0, notes.length);
		timersOf(doc).delete(id);
	});
}

function removeDecisionIn(doc: Y.Doc, id: string) {
	for (const [aid, a] of actionsOf(doc)) if (a.get('decisionId') === id) actionsOf(doc).delete(aid);
	decisionsOf(doc).delete(id);
}

export function removeDecision(doc: Y.Doc, id: string): void {
	doc.transact(() => removeDecisionIn(doc, id));
}

export function setReportBack(doc: Y.Doc, actionItemId: string, text: string): void {
	const all = reportBacksOf(doc);
	doc.transact(() => {
		const r = all.get(actionItemId);
		if (r) r.set('text', text);
		else all.set(actionItemId, entity({ text, outcome: null }));
	});
}

export function setReportBackOutcome(doc: Y.Doc, actionItemId: string, outcome: ReportBack['outcome'], text: string): void {
	const all = reportBacksOf(doc);
	doc.transact(() => {
		const r = all.get(actionItemId) ?? entity({ text, outcome: null });
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

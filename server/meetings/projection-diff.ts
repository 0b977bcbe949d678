import type { ActionRow, AgendaRow, AttendanceRow, DecisionRow, GuestRow, Problem, Projection } from './projection';

/**
 * What SQL holds, read inside the projection's transaction: every row of the
 * meeting, and every row anywhere whose id the document names (so an id that
 * belongs to another meeting is recognised as such).
 */
export interface Current {
	agendaItems: Map<string, AgendaRow>;
	decisions: Map<string, DecisionRow & { created_at: Date }>;
	actions: Map<string, Omit<ActionRow, 'meeting_id'> & { meeting_id: string | null; pinned: boolean }>;
	attendance: Map<string, AttendanceRow>;
	/** This meeting's guests, and any guest row whose id the document names. */
	guests: Map<string, GuestRow>;
}

export interface Writes {
	agendaItems: { insert: AgendaRow[]; update: AgendaRow[]; remove: string[] };
	decisions: { insert: DecisionRow[]; update: DecisionRow[]; remove: string[] };
	actions: { insert: ActionRow[]; update: ActionRow[]; remove: string[] };
	attendance: AttendanceRow[];
	guests: { insert: GuestRow[]; update: GuestRow[]; remove: string[] };
	/** Rows the document named that belong elsewhere, and what hung on them. */
	problems: Problem[];
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
const linksKey = (l: AgendaRow['links']) => JSON.stringify(l.map((x) => [x.url, x.label]));
const time = (d: Date | null) => (d ? d.getTime() : null);

/**
 * Positions are only an order. When the document keeps the order SQL already
 * has (new rows after the old ones), the old rows keep their numbers, which
 * need not be 1..n (rows recorded in SQL start at 0); otherwise every row
 * takes its place in the document's order.
 */
function place<T extends { id: string; position: number }>(projected: T[], own: { id: string; position: number; created_at?: Date }[]): Map<string, number> {
	const known = new Map(own.map((r) => [r.id, r]));
	const inDoc = new Set(projected.map((r) => r.id));
	const sqlOrder = own
		.filter((r) => inDoc.has(r.id))
		.sort((a, b) => a.position - b.position || (time(a.created_at ?? null) ?? 0) - (time(b.created_at ?? null) ?? 0) || a.id.localeCompare(b.id))
		.map((r) => r.id);
	const docOrder = projected.filter((r) => known.has(r.id)).map((r) => r.id);
	const firstNew = projected.findIndex((r) => !known.has(r.id));
	const appended = firstNew === -1 || projected.slice(firstNew).every((r) => !known.has(r.id));
	const out = new Map<string, number>();
	if (appended && sqlOrder.join() === docOrder.join()) {
		let next = Math.max(0, ...own.map((r) => r.position));
		for (const r of projected) out.set(r.id, known.get(r.id)?.position ?? ++next);
	} else {
		for (const r of projected) out.set(r.id, r.position);
	}
	return out;
}

const agendaSame = (a: AgendaRow, b: AgendaRow) =>
	a.title === b.title &&
	a.position === b.position &&
	a.minutes === b.minutes &&
	a.presenter_organisation_id === b.presenter_organisation_id &&
	a.standing === b.standing &&
	linksKey(a.links) === linksKey(b.links);
const decisionSame = (a: DecisionRow, b: DecisionRow) =>
	a.agenda_item_id === b.agenda_item_id && a.text === b.text && a.position === b.position && a.lead === b.lead && sameSet(a.supporting, b.supporting);
const actionSame = (a: ActionRow, b: Current['actions'] extends Map<string, infer V> ? V : never) =>
	a.decision_id === b.decision_id &&
	a.title === b.title &&
	a.description === b.description &&
	a.lead_organisation_id === b.lead_organisation_id &&
	a.assignee_id === b.assignee_id &&
	a.due_on === b.due_on &&
	sameSet(a.supporting, b.supporting);
const attendanceSame = (a: AttendanceRow, b: AttendanceRow) =>
	a.status === b.status && time(a.arrived_at) === time(b.arrived_at) && time(a.left_at) === time(b.left_at) && (a.reason ?? null) === (b.reason ?? null);
const guestSame = (a: GuestRow, b: GuestRow) =>
	a.name === b.name && a.position === b.position && a.organisation === b.organisation && a.sort_order === b.sort_order;

/**
 * The writes that bring SQL to a projection, and nothing more: a pure
 * function, so the rules below are tested without a database.
 * - A row whose id SQL holds for another meeting (or none) is never written;
 *   what the document hangs on it is skipped too.
 * - Rows equal to SQL are not written (no `updated_at` churn).
 * - A row leaves SQL only when the document holds its tombstone.
 * - An action item whose follow-up has begun belongs to SQL: neither changed nor removed.
 */
export function diffProjection(meetingId: string, p: Projection, current: Current): Writes {
	const problems: Problem[] = [];
	const foreign = (entity: Problem['entity'], id: string) => problems.push({ entity, id, reason: 'foreign_id' });
	const ownRows = <V extends { meeting_id: string | null }>(m: Map<string, V>) => [...m.values()].filter((r) => r.meeting_id === meetingId);

	const agendaItems: Writes['agendaItems'] = { insert: [], update: [], remove: [] };
	const skippedItems = new Set<string>();
	const items = p.agendaItems.filter((a) => {
		const cur = current.agendaItems.get(a.id);
		if (cur && cur.meeting_id !== meetingId) {
			foreign('agenda_item', a.id);
			skippedItems.add(a.id);
			return false;
		}
		return true;
	});
	const itemPlaces = place(items, ownRows(current.agendaItems));
	for (const a of items) {
		const row = { ...a, position: itemPlaces.get(a.id)! };
		const cur = current.agendaItems.get(a.id);
		if (!cur) agendaItems.insert.push(row);
		else if (!agendaSame(row, cur)) agendaItems.update.push(row);
	}

	const decisions: Writes['decisions'] = { insert: [], update: [], remove: [] };
	const skippedDecisions = new Set<string>();
	const kept = p.decisions.filter((d) => {
		const cur = current.decisions.get(d.id);
		if (cur && cur.meeting_id !== meetingId) {
			foreign('decision', d.id);
			skippedDecisions.add(d.id);
			return false;
		}
		if (d.agenda_item_id && skippedItems.has(d.agenda_item_id)) {
			problems.push({ entity: 'decision', id: d.id, reason: 'foreign_parent' });
			skippedDecisions.add(d.id);
			return false;
		}
		return true;
	});
	const decisionPlaces = place(kept, ownRows(current.decisions));
	for (const d of kept) {
		const row = { ...d, position: decisionPlaces.get(d.id)! };
		const cur = current.decisions.get(d.id);
		if (!cur) decisions.insert.push(row);
		else if (!decisionSame(row, cur)) decisions.update.push(row);
	}

	const actions: Writes['actions'] = { insert: [], update: [], remove: [] };
	for (const a of p.actions) {
		const cur = current.actions.get(a.id);
		if (cur && (cur.meeting_id !== meetingId || cur.body_id !== a.body_id)) {
			foreign('action', a.id);
			continue;
		}
		if (a.decision_id && skippedDecisions.has(a.decision_id)) {
			problems.push({ entity: 'action', id: a.id, reason: 'foreign_parent' });
			continue;
		}
		if (!cur) actions.insert.push(a);
		else if (!cur.pinned && !actionSame(a, cur)) actions.update.push(a);
	}

	const live = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
	const tombstoned = <V extends { meeting_id: string | null }>(ids: string[], m: Map<string, V>, present: Set<string>, keep: (v: V) => boolean = () => true) =>
		ids.filter((id) => {
			const cur = m.get(id);
			return !!cur && cur.meeting_id === meetingId && !present.has(id) && keep(cur);
		});
	agendaItems.remove = tombstoned(p.removed.agendaItems, current.agendaItems, live(p.agendaItems));
	decisions.remove = tombstoned(p.removed.decisions, current.decisions, live(p.decisions));
	actions.remove = tombstoned(p.removed.actions, current.actions, live(p.actions), (a) => !a.pinned);

	const attendance = p.attendance.filter((a) => {
		const cur = current.attendance.get(a.organisation_id);
		return !cur || !attendanceSame(a, cur);
	});

	// Guests are the document's alone: its list is the whole list.
	const guests: Writes['guests'] = { insert: [], update: [], remove: [] };
	for (const g of p.guests) {
		const cur = current.guests.get(g.id);
		if (cur && cur.meeting_id !== meetingId) {
			problems.push({ entity: 'guest', id: g.id, reason: 'foreign_id' });
			continue;
		}
		if (!cur) guests.insert.push(g);
		else if (!guestSame(g, cur)) guests.update.push(g);
	}
	const listed = live(p.guests);
	guests.remove = [...current.guests.values()].filter((g) => g.meeting_id === meetingId && !listed.has(g.id)).map((g) => g.id);
	return { agendaItems, decisions, actions, attendance, guests, problems };
}

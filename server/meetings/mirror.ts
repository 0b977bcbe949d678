import * as Y from 'yjs';
import type { MeetingRows } from './repository/projection-rows';
import { actionsOf, agendaOf, attendanceOf, decisionsOf, guestsOf } from '../../src/lib/meeting-doc/schema';

function entity(fields: Record<string, unknown>): Y.Map<unknown> {
	const map = new Y.Map<unknown>();
	for (const [k, v] of Object.entries(fields)) map.set(k, v);
	return map;
}

/**
 * Writes SQL's rows into a meeting document, keeping whatever the document
 * already holds under the same id. Orders are the rows' ranks in SQL's order
 * (the numbers themselves may repeat there: rows recorded in SQL start at 0).
 * Call inside one transaction of the document.
 */
export function mirrorRows(doc: Y.Doc, rows: MeetingRows): void {
	const agenda = agendaOf(doc);
	rows.agendaItems.forEach((a, i) => {
		if (agenda.has(a.id)) return;
		agenda.set(
			a.id,
			entity({
				id: a.id,
				title: a.title,
				order: i + 1,
				minutes: a.minutes,
				presenterOrgId: a.presenter_organisation_id,
				standing: a.standing,
				links: a.links.map((l) => ({ url: l.url, label: l.label }))
			})
		);
	});
	const decisions = decisionsOf(doc);
	rows.decisions.forEach((d, i) => {
		if (decisions.has(d.id)) return;
		decisions.set(d.id, entity({ id: d.id, agendaItemId: d.agenda_item_id, text: d.text, leadOrgId: d.lead, supportingOrgIds: d.supporting, order: i + 1 }));
	});
	const actions = actionsOf(doc);
	for (const a of rows.actions) {
		if (actions.has(a.id)) continue;
		actions.set(
			a.id,
			entity({
				id: a.id,
				decisionId: a.decision_id,
				title: a.title,
				description: a.description,
				leadOrgId: a.lead_organisation_id,
				assigneeId: a.assignee_id,
				supportingOrgIds: a.supporting,
				dueOn: a.due_on
			})
		);
	}
	const attendance = attendanceOf(doc);
	for (const a of rows.attendance) {
		if (attendance.has(a.organisation_id)) continue;
		attendance.set(
			a.organisation_id,
			entity({ status: a.status, arrivedAt: a.arrived_at?.getTime() ?? null, leftAt: a.left_at?.getTime() ?? null, reason: a.reason })
		);
	}
	const guests = guestsOf(doc);
	rows.guests.forEach((g, i) => {
		if (guests.has(g.id)) return;
		guests.set(g.id, entity({ id: g.id, name: g.name, position: g.position, organisation: g.organisation, order: i + 1 }));
	});
}

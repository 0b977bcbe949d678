import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import type { DB } from '../db/schema';
import { actionsOf, agendaOf, attendanceOf, decisionsOf, guestsOf } from '../../src/lib/meeting-doc/schema';

/**
 * A meeting's rows as SQL holds them, for a document created after they were:
 * the demo, referrals, imports and corrections write SQL directly, and the
 * document must show them with their ids, or its projection would not know
 * them (and a later edit would make a second copy).
 */
export interface MeetingRows {
	agendaItems: {
		id: string;
		title: string;
		position: number;
		minutes: number | null;
		presenter_organisation_id: string | null;
		standing: string | null;
		links: { url: string; label: string }[];
	}[];
	decisions: { id: string; agenda_item_id: string | null; text: string; position: number; created_at: Date; lead: string | null; supporting: string[] }[];
	actions: {
		id: string;
		decision_id: string | null;
		title: string;
		description: string;
		lead_organisation_id: string;
		assignee_id: string | null;
		due_on: string | null;
		supporting: string[];
	}[];
	attendance: { organisation_id: string; status: string; arrived_at: Date | null; left_at: Date | null; reason: string | null }[];
	guests: { id: string; name: string; position: string; organisation: string; sort_order: number }[];
}

export async function meetingRows(db: Kysely<DB>, meetingId: string): Promise<MeetingRows> {
	const agendaItems = await db.selectFrom('agenda_item').selectAll().where('meeting_id', '=', meetingId).orderBy('position').orderBy('id').execute();
	const decisions = await db
		.selectFrom('decision')
		.select(['id', 'agenda_item_id', 'text', 'position', 'created_at'])
		.where('meeting_id', '=', meetingId)
		.orderBy('position')
		.orderBy('created_at')
		.orderBy('id')
		.execute();
	const { body_id } = await db.selectFrom('meeting').select('body_id').where('id', '=', meetingId).executeTakeFirstOrThrow();
	const actions = await db
		.selectFrom('action_item')
		.select(['id', 'decision_id', 'title', 'description', 'lead_organisation_id', 'assignee_id', 'due_on'])
		// A meeting's action items are its body's; the body lets the search use an index.
		.where('body_id', '=', body_id)
		.where('meeting_id', '=', meetingId)
		.orderBy('created_at')
		.orderBy('id')
		.execute();
	const decisionOrgs = decisions.length
		? await db
				.selectFrom('decision_organisation')
				.selectAll()
				.where(
					'decision_id',
					'in',
					decisions.map((d) => d.id)
				)
				.execute()
		: [];
	const actionOrgs = actions.length
		? await db
				.selectFrom('action_item_organisation')
				.selectAll()
				.where(
					'action_item_id',
					'in',
					actions.map((a) => a.id)
				)
				.execute()
		: [];
	const attendance = await db
		.selectFrom('attendance')
		.select(['organisation_id', 'status', 'arrived_at', 'left_at', 'reason'])
		.where('meeting_id', '=', meetingId)
		.orderBy('organisation_id')
		.execute();
	const guests = await db
		.selectFrom('meeting_guest')
		.select(['id', 'name', 'position', 'organisation', 'sort_order'])
		.where('meeting_id', '=', meetingId)
		.orderBy('sort_order')
		.orderBy('id')
		.execute();
	return {
		agendaItems: agendaItems.map((a) => ({ ...a, links: a.links ?? [] })),
		decisions: decisions.map((d) => {
			const orgs = decisionOrgs.filter((o) => o.decision_id === d.id);
			return {
				...d,
				lead: orgs.find((o) => o.responsibility === 'lead')?.organisation_id ?? null,
				supporting: orgs
					.filter((o) => o.responsibility === 'supporting')
					.map((o) => o.organisation_id)
					.sort()
			};
		}),
		actions: actions.map((a) => ({
			...a,
			supporting: actionOrgs
				.filter((o) => o.action_item_id === a.id)
				.map((o) => o.organisation_id)
				.sort()
		})),
		attendance,
		guests
	};
}

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

import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Applied } from '../apply-projection';
import type { Current, Writes } from '../projection-diff';
import type { ActionRow, AttendanceRow, GuestRow, Problem, Projection } from '../projection';

/** Locks the meeting's row for the rest of the transaction; its body and case. */
export function lockMeeting(tx: Kysely<DB>, meetingId: string) {
	return tx.selectFrom('meeting').select(['body_id', 'case_id']).where('id', '=', meetingId).forUpdate().executeTakeFirstOrThrow();
}

/** This meeting's rows, and any row anywhere that carries an id the projection names. */
export async function currentRows(tx: Kysely<DB>, meetingId: string, bodyId: string, p: Projection): Promise<Current> {
	const mine = (ids: string[]) => (eb: ExpressionBuilder<DB, 'agenda_item' | 'decision'>) =>
		ids.length ? eb.or([eb('meeting_id', '=', meetingId), eb('id', 'in', ids)]) : eb('meeting_id', '=', meetingId);
	// A meeting's action items are its body's; the body lets the search use an index.
	const mineActions = (ids: string[]) => (eb: ExpressionBuilder<DB, 'action_item'>) => {
		const own = eb.and([eb('body_id', '=', bodyId), eb('meeting_id', '=', meetingId)]);
		return ids.length ? eb.or([own, eb('id', 'in', ids)]) : own;
	};
	const agenda = await tx
		.selectFrom('agenda_item')
		.selectAll()
		.where(mine(p.agendaItems.map((a) => a.id)))
		.execute();
	const decisions = await tx
		.selectFrom('decision')
		.select(['id', 'meeting_id', 'agenda_item_id', 'text', 'position', 'created_at'])
		.where(mine(p.decisions.map((d) => d.id)))
		.execute();
	const actions = await tx
		.selectFrom('action_item')
		.select((eb) => [
			'id',
			'meeting_id',
			'body_id',
			'decision_id',
			'title',
			'description',
			'lead_organisation_id',
			'assignee_id',
			'due_on',
			'status',
			eb.exists(eb.selectFrom('action_update').select('action_update.id').whereRef('action_update.action_item_id', '=', 'action_item.id')).as('followed')
		])
		.where(mineActions(p.actions.map((a) => a.id)))
		.execute();
	const attendance = await tx.selectFrom('attendance').selectAll().where('meeting_id', '=', meetingId).execute();
	const guestIds = p.guests.map((g) => g.id);
	const guests = await tx
		.selectFrom('meeting_guest')
		.selectAll()
		.where((eb) => (guestIds.length ? eb.or([eb('meeting_id', '=', meetingId), eb('id', 'in', guestIds)]) : eb('meeting_id', '=', meetingId)))
		.execute();
	const decisionIds = decisions.map((d) => d.id);
	const actionIds = actions.map((a) => a.id);
	const decisionOrgs = decisionIds.length ? await tx.selectFrom('decision_organisation').selectAll().where('decision_id', 'in', decisionIds).execute() : [];
	const actionOrgs = actionIds.length ? await tx.selectFrom('action_item_organisation').selectAll().where('action_item_id', 'in', actionIds).execute() : [];
	return {
		agendaItems: new Map(agenda.map((a) => [a.id, { ...a, links: a.links ?? [] }])),
		decisions: new Map(
			decisions.map((d) => {
				const orgs = decisionOrgs.filter((o) => o.decision_id === d.id);
				const lead = orgs.find((o) => o.responsibility === 'lead')?.organisation_id ?? '';
				const supporting = orgs.filter((o) => o.responsibility === 'supporting').map((o) => o.organisation_id);
				return [d.id, { ...d, lead, supporting }];
			})
		),
		actions: new Map(
			actions.map(({ status, followed, ...a }) => [
				a.id,
				{ ...a, supporting: actionOrgs.filter((o) => o.action_item_id === a.id).map((o) => o.organisation_id), pinned: status !== 'open' || Boolean(followed) }
			])
		),
		attendance: new Map(attendance.map((a) => [a.organisation_id, a])),
		guests: new Map(guests.map((g) => [g.id, g]))
	};
}

/** Executes the writes; an insert that meets an id taken meanwhile elsewhere is skipped, with what hangs on it. */
export async function writeProjection(tx: Kysely<DB>, meetingId: string, caseId: string | null, w: Writes, now: Date): Promise<Applied> {
	const case_id = caseId;
	const problems = [...w.problems];
	const lost = new Set<string>();
	const changed = new Map<string, string>();
	const taken = (entity: Problem['entity'], id: string) => {
		lost.add(id);
		problems.push({ entity, id, reason: 'foreign_id' });
	};

	for (const a of w.agendaItems.insert) {
		const r = await tx
			.insertInto('agenda_item')
			.values({ ...a, links: JSON.stringify(a.links) })
			.onConflict((oc) => oc.column('id').doNothing())
			.returning('id')
			.executeTakeFirst();
		if (!r) taken('agenda_item', a.id);
	}
	for (const { id, meeting_id: _m, ...a } of w.agendaItems.update) {
		await tx
			.updateTable('agenda_item')
			.set({ ...a, links: JSON.stringify(a.links) })
			.where('id', '=', id)
			.where('meeting_id', '=', meetingId)
			.execute();
	}

	const decisionOrgs = async (d: Writes['decisions']['insert'][number]) => {
		await tx.deleteFrom('decision_organisation').where('decision_id', '=', d.id).execute();
		await tx
			.insertInto('decision_organisation')
			.values([
				{ decision_id: d.id, organisation_id: d.lead, responsibility: 'lead' as const },
				...d.supporting.map((o) => ({ decision_id: d.id, organisation_id: o, responsibility: 'supporting' as const }))
			])
			.execute();
	};
	for (const d of w.decisions.insert) {
		if (d.agenda_item_id && lost.has(d.agenda_item_id)) {
			taken('decision', d.id);
			continue;
		}
		const row = {
			id: d.id,
			meeting_id: meetingId,
			agenda_item_id: d.agenda_item_id,
			text: d.text,
			position: d.position,
			case_id,
			created_at: now,
			updated_at: now
		};
		const r = await tx
			.insertInto('decision')
			.values(row)
			.onConflict((oc) => oc.column('id').doNothing())
			.returning('id')
			.executeTakeFirst();
		if (!r) taken('decision', d.id);
		else await decisionOrgs(d);
	}
	for (const d of w.decisions.update) {
		const r = await tx
			.updateTable('decision')
			.set({ agenda_item_id: d.agenda_item_id, text: d.text, position: d.position, updated_at: now })
			.where('id', '=', d.id)
			.where('meeting_id', '=', meetingId)
			.returning('id')
			.executeTakeFirst();
		if (r) await decisionOrgs(d);
	}

	const actionOrgs = async (a: Writes['actions']['insert'][number]) => {
		await tx.deleteFrom('action_item_organisation').where('action_item_id', '=', a.id).execute();
		if (a.supporting.length)
			await tx
				.insertInto('action_item_organisation')
				.values(a.supporting.map((o) => ({ action_item_id: a.id, organisation_id: o })))
				.execute();
	};
	const fields = (a: Writes['actions']['insert'][number]) => ({
		decision_id: a.decision_id,
		title: a.title,
		description: a.description,
		lead_organisation_id: a.lead_organisation_id,
		assignee_id: a.assignee_id,
		due_on: a.due_on
	});
	for (const a of w.actions.insert) {
		if (a.decision_id && lost.has(a.decision_id)) {
			taken('action', a.id);
			continue;
		}
		const r = await tx
			.insertInto('action_item')
			.values({
				id: a.id,
				body_id: a.body_id,
				meeting_id: meetingId,
				...fields(a),
				status: 'open',
				closed_meeting_id: null,
				case_id,
				created_at: now,
				updated_at: now
			})
			.onConflict((oc) => oc.column('id').doNothing())
			.returning('id')
			.executeTakeFirst();
		if (!r) {
			taken('action', a.id);
			continue;
		}
		await actionOrgs(a);
		changed.set(a.id, a.body_id);
	}
	for (const a of w.actions.update) {
		// The follow-up may have begun since the read: then SQL owns the item.
		const r = await tx
			.updateTable('action_item')
			.set({ ...fields(a), updated_at: now })
			.where('id', '=', a.id)
			.where('meeting_id', '=', meetingId)
			.where('status', '=', 'open')
			.where((eb) =>
				eb.not(eb.exists(eb.selectFrom('action_update').select('action_update.id').whereRef('action_update.action_item_id', '=', 'action_item.id')))
			)
			.returning(['id', 'body_id'])
			.executeTakeFirst();
		if (!r) continue;
		await actionOrgs(a);
		changed.set(r.id, r.body_id);
	}

	// Removals, children first; a row something else still points at stays.
	if (w.actions.remove.length) {
		const gone = await tx
			.deleteFrom('action_item')
			.where('meeting_id', '=', meetingId)
			.where('id', 'in', w.actions.remove)
			.where('status', '=', 'open')
			.where((eb) =>
				eb.not(eb.exists(eb.selectFrom('action_update').select('action_update.id').whereRef('action_update.action_item_id', '=', 'action_item.id')))
			)
			.where((eb) => eb.not(eb.exists(eb.selectFrom('referral').select('referral.id').whereRef('referral.action_item_id', '=', 'action_item.id'))))
			.returning(['id', 'body_id'])
			.execute();
		for (const r of gone) changed.set(r.id, r.body_id);
	}
	if (w.decisions.remove.length) {
		await tx
			.deleteFrom('decision')
			.where('meeting_id', '=', meetingId)
			.where('id', 'in', w.decisions.remove)
			.where((eb) => eb.not(eb.exists(eb.selectFrom('action_item').select('action_item.id').whereRef('action_item.decision_id', '=', 'decision.id'))))
			.where((eb) => eb.not(eb.exists(eb.selectFrom('referral').select('referral.id').whereRef('referral.decision_id', '=', 'decision.id'))))
			.execute();
	}
	if (w.agendaItems.remove.length) {
		await tx
			.deleteFrom('agenda_item')
			.where('meeting_id', '=', meetingId)
			.where('id', 'in', w.agendaItems.remove)
			.where((eb) => eb.not(eb.exists(eb.selectFrom('decision').select('decision.id').whereRef('decision.agenda_item_id', '=', 'agenda_item.id'))))
			.execute();
	}

	for (const a of w.attendance) {
		await tx
			.insertInto('attendance')
			.values(a)
			.onConflict((oc) =>
				oc.columns(['meeting_id', 'organisation_id']).doUpdateSet({ status: a.status, arrived_at: a.arrived_at, left_at: a.left_at, reason: a.reason })
			)
			.execute();
	}

	for (const g of w.guests.insert) {
		const r = await tx
			.insertInto('meeting_guest')
			.values(g)
			.onConflict((oc) => oc.column('id').doNothing())
			.returning('id')
			.executeTakeFirst();
		if (!r) problems.push({ entity: 'guest', id: g.id, reason: 'foreign_id' });
	}
	for (const { id, meeting_id: _m, ...g } of w.guests.update) {
		await tx.updateTable('meeting_guest').set(g).where('id', '=', id).where('meeting_id', '=', meetingId).execute();
	}
	if (w.guests.remove.length) await tx.deleteFrom('meeting_guest').where('meeting_id', '=', meetingId).where('id', 'in', w.guests.remove).execute();
	return { problems, actions: [...changed].map(([id, bodyId]) => ({ id, bodyId })) };
}

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
	actions: Omit<ActionRow, 'body_id' | 'meeting_id'>[];
	attendance: Omit<AttendanceRow, 'meeting_id'>[];
	guests: Omit<GuestRow, 'meeting_id'>[];
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

/** Organisations and people SQL names on each of the meeting's rows. */
export async function namedOnRows(db: Kysely<DB>, meetingId: string, bodyId: string): Promise<Map<string, Set<string>>> {
	const named = new Map<string, Set<string>>();
	const add = (rowId: string, v: string | null) => {
		if (!v) return;
		if (!named.has(rowId)) named.set(rowId, new Set());
		named.get(rowId)!.add(v);
	};
	const [items, decisionOrgs, actions, actionOrgs] = await Promise.all([
		db.selectFrom('agenda_item').select(['id', 'presenter_organisation_id']).where('meeting_id', '=', meetingId).execute(),
		db
			.selectFrom('decision_organisation as o')
			.innerJoin('decision as d', 'd.id', 'o.decision_id')
			.select(['o.decision_id', 'o.organisation_id'])
			.where('d.meeting_id', '=', meetingId)
			.execute(),
		// The body narrows the search to an index; a meeting's action items are its body's.
		db
			.selectFrom('action_item')
			.select(['id', 'lead_organisation_id', 'assignee_id'])
			.where('body_id', '=', bodyId)
			.where('meeting_id', '=', meetingId)
			.execute(),
		db
			.selectFrom('action_item_organisation as o')
			.innerJoin('action_item as a', 'a.id', 'o.action_item_id')
			.select(['o.action_item_id', 'o.organisation_id'])
			.where('a.body_id', '=', bodyId)
			.where('a.meeting_id', '=', meetingId)
			.execute()
	]);
	for (const i of items) add(i.id, i.presenter_organisation_id);
	for (const o of decisionOrgs) add(o.decision_id, o.organisation_id);
	for (const a of actions) {
		add(a.id, a.lead_organisation_id);
		add(a.id, a.assignee_id);
	}
	for (const o of actionOrgs) add(o.action_item_id, o.organisation_id);
	return named;
}

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Projection } from './projection';

/**
 * Writes a projection in one transaction, upserting by id. An action item
 * follows the document only while it is untouched since its meeting (open,
 * with no history yet; its creation is the row itself); once follow-up has
 * begun, SQL owns it and the document no longer changes or removes it.
 */
export async function applyProjection(db: Kysely<DB>, meetingId: string, p: Projection, now = new Date()): Promise<void> {
	await db.transaction().execute(async (tx) => {
		// What a case conference decides belongs to its case, wherever it is listed later.
		const { case_id } = await tx.selectFrom('meeting').select('case_id').where('id', '=', meetingId).executeTakeFirstOrThrow();
		const agendaIds = p.agendaItems.map((a) => a.id);
		for (const a of p.agendaItems) {
			const row = { ...a, links: JSON.stringify(a.links) };
			await tx.insertInto('agenda_item').values(row).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
		}

		const pinned = await tx
			.selectFrom('action_item')
			.select(['id', 'decision_id'])
			.where('meeting_id', '=', meetingId)
			.where((eb) =>
				eb.or([
					eb('status', '!=', 'open'),
					eb.exists(eb.selectFrom('action_update').select('id').whereRef('action_update.action_item_id', '=', 'action_item.id'))
				])
			)
			.execute();
		const pinnedIds = new Set(pinned.map((a) => a.id));
		const actionIds = p.actions.map((a) => a.id);
		const keepActions = [...new Set([...actionIds, ...pinnedIds])];

		// Actions removed from the document (and not yet followed up) go first, then their decisions.
		let removeActions = tx.deleteFrom('action_item').where('meeting_id', '=', meetingId);
		if (keepActions.length) removeActions = removeActions.where('id', 'not in', keepActions);
		await removeActions.execute();

		const decisionIds = p.decisions.map((d) => d.id);
		const keepDecisions = [...new Set([...decisionIds, ...pinned.map((a) => a.decision_id).filter((d): d is string => !!d)])];
		for (const d of p.decisions) {
			const row = { id: d.id, meeting_id: d.meeting_id, agenda_item_id: d.agenda_item_id, text: d.text, position: d.position, case_id, created_at: now, updated_at: now };
			await tx
				.insertInto('decision')
				.values(row)
				.onConflict((oc) => oc.column('id').doUpdateSet({ agenda_item_id: d.agenda_item_id, text: d.text, position: d.position, updated_at: now }))
				.execute();
		}
		if (decisionIds.length) await tx.deleteFrom('decision_organisation').where('decision_id', 'in', decisionIds).execute();
		const orgRows = p.decisions.flatMap((d) => [
			{ decision_id: d.id, organisation_id: d.lead, responsibility: 'lead' as const },
			...d.supporting.map((o) => ({ decision_id: d.id, organisation_id: o, responsibility: 'supporting' as const }))
		]);
		if (orgRows.length) await tx.insertInto('decision_organisation').values(orgRows).execute();

		for (const a of p.actions) {
			if (pinnedIds.has(a.id)) continue;
			const fields = {
				body_id: a.body_id, meeting_id: a.meeting_id, decision_id: a.decision_id, title: a.title, description: a.description,
				lead_organisation_id: a.lead_organisation_id, assignee_id: a.assignee_id, due_on: a.due_on, case_id, updated_at: now
			};
			await tx
				.insertInto('action_item')
				.values({ id: a.id, ...fields, status: 'open', closed_meeting_id: null, created_at: now })
				.onConflict((oc) => oc.column('id').doUpdateSet(fields))
				.execute();
			await tx.deleteFrom('action_item_organisation').where('action_item_id', '=', a.id).execute();
			if (a.supporting.length) {
				await tx.insertInto('action_item_organisation').values(a.supporting.map((o) => ({ action_item_id: a.id, organisation_id: o }))).execute();
			}
		}

		let removeDecisions = tx.deleteFrom('decision').where('meeting_id', '=', meetingId);
		if (keepDecisions.length) removeDecisions = removeDecisions.where('id', 'not in', keepDecisions);
		await removeDecisions.execute();
		let removeAgenda = tx.deleteFrom('agenda_item').where('meeting_id', '=', meetingId);
		if (agendaIds.length) removeAgenda = removeAgenda.where('id', 'not in', agendaIds);
		await removeAgenda.execute();

		await tx.deleteFrom('attendance').where('meeting_id', '=', meetingId).execute();
		if (p.attendance.length) await tx.insertInto('attendance').values(p.attendance).execute();
	});
}

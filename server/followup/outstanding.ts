import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { historyOf } from './repository/items';
import { openItemsOfBody } from './repository/outstanding';

/**
 * What a body still has to follow up: every item not closed or dropped, with
 * how many meetings it has appeared at since its last report-back.
 *
 * An item "appears" at a meeting of its body that is in progress or has been
 * held (ended, minutes approved), other than the meeting that created it, that
 * started after the item was created. A report-back, or progress given at a
 * meeting, starts the count again.
 */

/** Appearing at this many meetings without a report-back flags an item. */
export const FLAG_AFTER_MEETINGS = 2;

export type OutstandingItem = Awaited<ReturnType<typeof openItemsOfBody>>[number] & { meetingsWithoutReport: number; flagged: boolean };

export function withFlags(rows: Awaited<ReturnType<typeof openItemsOfBody>>): OutstandingItem[] {
	return rows.map((r) => {
		const n = Number(r.meetings_without_report ?? 0);
		return { ...r, meetingsWithoutReport: n, flagged: n >= FLAG_AFTER_MEETINGS };
	});
}

/** Items grouped by their lead organisation, in the order the rows came. */
export function byOrganisation<T extends { lead_organisation_id: string; lead_th: string; lead_en: string; lead_short: string }>(items: T[]) {
	const groups = new Map<string, { organisationId: string; name_th: string; name_en: string; short_name: string; actions: T[] }>();
	for (const item of items) {
		const g = groups.get(item.lead_organisation_id) ?? {
			organisationId: item.lead_organisation_id,
			name_th: item.lead_th,
			name_en: item.lead_en,
			short_name: item.lead_short,
			actions: []
		};
		g.actions.push(item);
		groups.set(item.lead_organisation_id, g);
	}
	return [...groups.values()];
}

/**
 * The "follow-up on past actions" item of a body's next meeting: every action
 * not closed or dropped, grouped by lead organisation, each with its history
 * and flag, as `viewerId` may see it (a case's actions say only the case code
 * to anyone off its team). No access check: the caller has already authorised
 * the meeting document this is shown in.
 */
export async function outstandingForBody(db: Kysely<DB>, bodyId: string, viewerId: string | null = null) {
	const items = withFlags(await openItemsOfBody(db, viewerId, bodyId));
	const history = await historyOf(
		db,
		viewerId,
		items.map((i) => i.id)
	);
	const byItem = new Map<string, typeof history>();
	for (const h of history) byItem.set(h.action_item_id, [...(byItem.get(h.action_item_id) ?? []), h]);
	return {
		bodyId,
		organisations: byOrganisation(items.map((i) => ({ ...i, history: byItem.get(i.id) ?? [] })))
	};
}

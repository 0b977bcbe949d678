import type { Kysely } from 'kysely';
import { can, requireAccess, type Actor } from '../access';
import type { DB } from '../db/schema';
import { seats } from '../network/repository/seats';
import { teamUserIds } from '../membership/case-team';
import * as repo from './repository/items';
import { TRANSITIONS, verbsFrom, type Verb } from './transitions';
import { bangkokToday } from '../../src/lib/calendar';

/** An action item with its full history and the changes this actor may make now. */
export async function actionPage(db: Kysely<DB>, actor: Actor | null, actionItemId: string, now = new Date()) {
	await requireAccess(db, actor, 'action.read', { kind: 'action', id: actionItemId }, { hide: true });
	// Off the case team, a case's action says only the code and who leads it.
	const found = await repo.getDetailed(db, actor!.userId, actionItemId);
	if (!found) return null;
	const { caseCode, ...item } = found;
	const allowed: Verb[] = [];
	for (const verb of verbsFrom(item.status)) {
		if (await can(db, actor, TRANSITIONS[verb].guard, { kind: 'action', id: actionItemId }, now)) allowed.push(verb);
	}
	const needsMeetings = allowed.some((v) => TRANSITIONS[v].meeting !== 'none');
	const [history, supporting, meetings, bodySeats] = await Promise.all([
		repo.historyOf(db, actor!.userId, [actionItemId]),
		repo.supportingOf(db, [actionItemId]),
		needsMeetings ? repo.recentHeldMeetings(db, item.body_id, item.case_id) : Promise.resolve([]),
		allowed.includes('reassign') ? seats(db, item.body_id, { current: true, now }) : Promise.resolve([])
	]);
	// Anyone sitting for an organisation, or standing in for them, can be handed the item; a case's, only its team.
	const team = item.case_id && allowed.includes('reassign') ? await teamUserIds(db, item.case_id, now) : null;
	const people = bodySeats
		.flatMap((s) => [
			{ userId: s.user_id, name: s.display_name, organisationId: s.organisation_id, org_th: s.org_th, org_en: s.org_en },
			...(s.alternate_user_id && s.alternate_name
				? [{ userId: s.alternate_user_id, name: s.alternate_name, organisationId: s.organisation_id, org_th: s.org_th, org_en: s.org_en }]
				: [])
		])
		.filter((p) => !team || team.has(p.userId));
	const organisations = [...new Map(people.map((p) => [p.organisationId, { id: p.organisationId, name_th: p.org_th, name_en: p.org_en }])).values()];
	return {
		item: { ...item, overdue: !!item.due_on && item.due_on < bangkokToday(now) && ['open', 'in_progress', 'awaiting_report'].includes(item.status) },
		supporting,
		history,
		caseCode,
		allowed,
		meetings,
		reassign: { people, organisations },
		today: bangkokToday(now)
	};
}

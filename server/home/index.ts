import type { Kysely } from 'kysely';
import { can, type Actor } from '../access';
import { teamCaseIds } from '../membership/case-team';
import type { DB } from '../db/schema';
import { awaitingAcceptance, DUE_SOON_DAYS, organisationItemsDue, outstandingCounts, reportBacksOwed } from './actions';
import { casePlanItems } from './cases';
import { intakeQueues } from './intake';
import { agendasToPrepare, minutesAwaitingApproval } from './meetings';
import { nextStep } from './next-step';
import { referralsAwaitingAnswer } from './referrals';
import { upcomingMeetings } from './repository/meetings';
import { bodiesWhere, currentSeats, type HomeSeat } from './seats';

/**
 * "What needs me now": the signed-in person's home, by the seats they hold
 * today. Each section is asked only of the people whose office it belongs
 * to, and where a section shows a body's work the access module is asked
 * for that body first; a section nobody's seat calls for comes back empty.
 */

/** Rows per list on the home; each list also says how many there are in all. */
export const HOME_LIST = 5;

/** Bodies of these seats on which the access module allows the action. */
async function allowed(db: Kysely<DB>, actor: Actor, seats: HomeSeat[], action: 'body.followup' | 'intake.record' | 'meeting.schedule', now: Date) {
	const out: HomeSeat[] = [];
	for (const s of seats) if (await can(db, actor, action, { kind: 'body', id: s.bodyId }, now)) out.push(s);
	return out;
}

export async function homeFor(db: Kysely<DB>, actor: Actor, now = new Date()) {
	const [seats, cases] = await Promise.all([currentSeats(db, actor.userId, now), teamCaseIds(db, actor.userId, now)]);
	const caseIds = [...cases];
	const [chaired, officered, secretariat] = await Promise.all([
		allowed(db, actor, bodiesWhere(seats, ['chair', 'vice_chair']), 'body.followup', now),
		allowed(db, actor, bodiesWhere(seats, ['chair', 'vice_chair', 'secretary']), 'intake.record', now),
		allowed(db, actor, bodiesWhere(seats, ['secretary']), 'meeting.schedule', now)
	]);
	// Approving minutes outside a meeting is the chair's; drafting them is the secretary's.
	const minutesBodies = [...new Set([...secretariat, ...chaired.filter((s) => s.role === 'chair')].map((s) => s.bodyId))];
	const bodyIds = [...new Set(seats.map((s) => s.bodyId))];
	const limit = HOME_LIST;

	const [meetings, agendas, minutes, organisationItems, owed, acceptance, counts, intake, referrals, casePlan] = await Promise.all([
		upcomingMeetings(db, { bodyIds, caseIds, now, limit }),
		agendasToPrepare(db, { bodyIds: secretariat.map((s) => s.bodyId), now, limit }),
		minutesAwaitingApproval(db, { bodyIds: minutesBodies, limit }),
		seats.length ? organisationItemsDue(db, actor.userId, { now, limit }) : { days: DUE_SOON_DAYS, overdue: 0, dueSoon: 0, items: [] },
		reportBacksOwed(db, actor.userId, { seats: seats.filter((s) => s.role !== 'observer'), now, limit }),
		awaitingAcceptance(db, actor.userId, { bodyIds: chaired.map((s) => s.bodyId), limit }),
		outstandingCounts(db, { bodyIds: chaired.map((s) => s.bodyId), now }),
		intakeQueues(db, officered),
		referralsAwaitingAnswer(db, actor, { now, limit }),
		casePlanItems(db, actor.userId, { caseIds, now, limit })
	]);
	const outstanding = chaired.map((s) => ({
		bodyId: s.bodyId,
		name_th: s.name_th,
		name_en: s.name_en,
		...(counts.get(s.bodyId) ?? { open: 0, overdue: 0, awaiting: 0 })
	}));
	const sections = { meetings, agendas, minutes, organisationItems, owed, acceptance, outstanding, intake, referrals, casePlan };
	return {
		roles: {
			seated: seats.length > 0,
			chair: chaired.length > 0,
			secretary: secretariat.length > 0,
			officer: officered.length > 0,
			caseTeam: caseIds.length > 0,
			admin: actor.isAdmin
		},
		...sections,
		next: nextStep(sections, { admin: actor.isAdmin })
	};
}

export type Home = Awaited<ReturnType<typeof homeFor>>;

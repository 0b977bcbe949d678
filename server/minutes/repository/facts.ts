import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { inThread } from '../../access/meeting-thread';
import { actionTitle, caseWords, decisionText, type Reader } from '../../access/redact';
import { seatHeldOn } from '../../membership/seats';
import { bangkokDate, bangkokMidnight } from '../../../src/lib/calendar';

type Handle = Kysely<DB> | Transaction<DB>;

/**
 * Which meeting of its body in the (Bangkok) calendar year this is: the body's
 * non-cancelled meetings of that year up to and including this one.
 */
export async function meetingSequence(db: Handle, meeting: { id: string; body_id: string; starts_at: Date; case_id?: string | null }) {
	const year = Number(bangkokDate(meeting.starts_at).slice(0, 4));
	const yearStart = bangkokMidnight(`${year}-01-01`);
	const row = await db
		.selectFrom('meeting')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('body_id', '=', meeting.body_id)
		.where(inThread(meeting.case_id))
		.where('status', '!=', 'cancelled')
		.where('starts_at', '>=', yearStart)
		.where((eb) => eb.or([eb('starts_at', '<', meeting.starts_at), eb.and([eb('starts_at', '=', meeting.starts_at), eb('id', '<=', meeting.id)])]))
		.executeTakeFirstOrThrow();
	return { number: Number(row.n), year };
}

/** The code of the case a conference is about (the code only: it names no one), or null for the body's own meetings. */
export async function conferenceCase(db: Handle, caseId: string | null | undefined): Promise<string | null> {
	if (!caseId) return null;
	return (await db.selectFrom('case_file').select('code').where('id', '=', caseId).executeTakeFirst())?.code ?? null;
}

/** Everything SQL knows about a held meeting that its minutes report. */
export async function loadFacts(db: Handle, meetingId: string) {
	const meeting = await db
		.selectFrom('meeting')
		.select(['id', 'body_id', 'title', 'kind', 'status', 'starts_at', 'started_at', 'closed_at', 'ends_at', 'place', 'online_url', 'case_id'])
		.where('id', '=', meetingId)
		.executeTakeFirstOrThrow();
	const day = bangkokDate(meeting.starts_at);
	// Everyone who reads the minutes reads the same text: the meeting's own case's work whole, another case's by its code only.
	const readers: Reader = meeting.case_id ? { case: meeting.case_id } : null;
	const th = { locale: 'th' } as const;
	const [body, sequence, seats, attendance, guests, agenda, decisions, decisionOrgs, actions, actionOrgs, reportBacks, approvalsHere] = await Promise.all([
		db.selectFrom('body').select(['id', 'name_th', 'name_en', 'quorum_rule', 'kind']).where('id', '=', meeting.body_id).executeTakeFirstOrThrow(),
		meetingSequence(db, meeting),
		// The seats held on the day of the meeting: the record names whoever sat then.
		db
			.selectFrom('membership as m')
			.innerJoin('app_user as u', 'u.id', 'm.user_id')
			.innerJoin('organisation as o', 'o.id', 'm.organisation_id')
			.leftJoin('app_user as alt', 'alt.id', 'm.alternate_user_id')
			.select([
				'm.organisation_id',
				'm.role',
				'u.display_name as person',
				'u.name_title as person_title',
				'u.position as person_position',
				'alt.display_name as alternate',
				'alt.name_title as alternate_title',
				'alt.position as alternate_position',
				'o.name_th as org_th',
				'o.name_en as org_en',
				'o.short_name as org_short'
			])
			.where('m.body_id', '=', meeting.body_id)
			.where(seatHeldOn(day, 'm'))
			.orderBy('o.name_th')
			.execute(),
		db
			.selectFrom('attendance as a')
			.innerJoin('organisation as o', 'o.id', 'a.organisation_id')
			.select(['a.organisation_id', 'a.status', 'a.reason', 'o.name_th as org_th', 'o.name_en as org_en', 'o.short_name as org_short'])
			.where('a.meeting_id', '=', meetingId)
			.execute(),
		// People who attended without being members, in the order the meeting listed them.
		db
			.selectFrom('meeting_guest')
			.select(['name', 'position', 'organisation'])
			.where('meeting_id', '=', meetingId)
			.orderBy('sort_order')
			.orderBy('id')
			.execute(),
		db.selectFrom('agenda_item').select(['id', 'title', 'position', 'standing']).where('meeting_id', '=', meetingId).orderBy('position').execute(),
		db
			.selectFrom('decision')
			.select(['id', 'agenda_item_id', decisionText(readers, 'decision', th).as('text'), 'position'])
			.where('meeting_id', '=', meetingId)
			.orderBy('position')
			.orderBy('created_at')
			.execute(),
		db
			.selectFrom('decision_organisation as d')
			.innerJoin('decision', 'decision.id', 'd.decision_id')
			.innerJoin('organisation as o', 'o.id', 'd.organisation_id')
			.select(['d.decision_id', 'd.responsibility', 'o.name_th as org_th', 'o.name_en as org_en'])
			.where('decision.meeting_id', '=', meetingId)
			.orderBy('o.name_th')
			.execute(),
		db
			.selectFrom('action_item as a')
			.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
			.leftJoin('app_user as u', 'u.id', 'a.assignee_id')
			.select([
				'a.id',
				'a.decision_id',
				actionTitle(readers, 'a', th).as('title'),
				'a.due_on',
				'o.name_th as lead_th',
				'o.name_en as lead_en',
				'u.display_name as representative',
				'u.name_title as representative_title'
			])
			.where('a.meeting_id', '=', meetingId)
			.orderBy('a.created_at')
			.orderBy('title')
			.execute(),
		db
			.selectFrom('action_item_organisation as s')
			.innerJoin('action_item as a', 'a.id', 's.action_item_id')
			.innerJoin('organisation as o', 'o.id', 's.organisation_id')
			.select(['s.action_item_id', 'o.name_th as org_th', 'o.name_en as org_en'])
			.where('a.meeting_id', '=', meetingId)
			.orderBy('o.name_th')
			.execute(),
		db
			.selectFrom('action_update as h')
			.innerJoin('action_item as a', 'a.id', 'h.action_item_id')
			.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
			.leftJoin('app_user as u', 'u.id', 'h.author_id')
			.select([
				'h.id',
				'h.kind',
				caseWords<string>(readers, 'a.case_id', 'h.text').as('text'),
				'h.at',
				'a.id as action_id',
				actionTitle(readers, 'a', th).as('title'),
				'a.case_id',
				'o.name_th as lead_th',
				'o.name_en as lead_en',
				'u.display_name as author'
			])
			.where('h.meeting_id', '=', meetingId)
			.where('h.kind', 'in', ['report_back', 'accepted'])
			.orderBy('h.at')
			.orderBy('h.id')
			.execute(),
		// Earlier minutes this meeting approved: recorded under its first standing item.
		db
			.selectFrom('minutes_version as v')
			.innerJoin('meeting as prev', 'prev.id', 'v.meeting_id')
			.select(['prev.id', 'prev.body_id', 'prev.starts_at', 'prev.case_id', 'v.amendments'])
			.where('v.approved_at_meeting_id', '=', meetingId)
			.where('v.kind', '=', 'approved_at_meeting')
			.orderBy('prev.starts_at')
			.execute()
	]);
	const approvals = await Promise.all(approvalsHere.map(async (a) => ({ sequence: await meetingSequence(db, a), amendments: a.amendments })));
	const caseCode = await conferenceCase(db, meeting.case_id);
	return { meeting, caseCode, body, sequence, seats, attendance, guests, agenda, decisions, decisionOrgs, actions, actionOrgs, reportBacks, approvals };
}

export type MinutesFacts = Awaited<ReturnType<typeof loadFacts>>;

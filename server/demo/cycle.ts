import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { CASE_CONFERENCE_TEMPLATE, WORKING_GROUP_TEMPLATE, type TemplateItem } from '../meetings/template';
import { conferenceDecision, cycleDecisions, nextMeeting, pastMeetings, type DemoAction } from './cycle-plan';
import { bodies, meetingPlan, seats } from './network';
import { demoId, meetingStart } from './seed';

/**
 * The rows of the meeting cycle: agendas, attendance, decisions with their
 * organisations, action items with the history that brought them to their
 * state, and the working group's next meeting. Written in SQL, as the demo's
 * other rows are; each meeting's live document is then made from them
 * (./cycle-documents.ts), the way the app makes it for rows it did not write.
 */

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const bangkokDate = (t: Date) => new Date(t.getTime() + 7 * HOUR).toISOString().slice(0, 10);

/** When a demo meeting (`body:monthOffset`, or the next meeting) starts, for this seeding time. */
export function startOf(now: Date, key: string): Date {
	if (key === nextMeeting.key) return nextMeetingStart(now);
	const plan = meetingPlan.find((m) => `${m.body}:${m.monthOffset}` === key);
	if (!plan) throw new Error(`no demo meeting ${key}`);
	return meetingStart(now, plan.monthOffset, plan.day, plan.hour);
}

/** Two days on, in Bangkok, at nine: within the three days a meeting's reminder looks ahead. */
export function nextMeetingStart(now: Date): Date {
	const day = bangkokDate(new Date(now.getTime() + nextMeeting.daysAhead * DAY));
	return new Date(`${day}T${String(nextMeeting.hour).padStart(2, '0')}:00:00+07:00`);
}

/** The organisations seated on a body, each once. */
export const seatedOrgs = (body: string) => [...new Set(seats.filter((s) => s.body === body).map((s) => s.org))];

type Counter = (rows: { numInsertedOrUpdatedRows?: bigint }[]) => number;

/** A meeting whose live document exists keeps what people made of it: the seed adds nothing under it. */
async function untouched(tx: Kysely<DB>, meetingId: string): Promise<boolean> {
	const m = await tx.selectFrom('meeting').select('doc_initialised').where('id', '=', meetingId).executeTakeFirst();
	return !!m && !m.doc_initialised;
}

async function insertAgenda(tx: Kysely<DB>, count: Counter, meetingKey: string, meetingId: string, items: TemplateItem[], presenters: Record<number, string>) {
	for (const [i, t] of items.entries()) {
		count(
			await tx
				.insertInto('agenda_item')
				.values({
					id: demoId('agenda', `${meetingKey}:${i}`),
					meeting_id: meetingId,
					title: t.title_th,
					position: i + 1,
					minutes: t.minutes,
					presenter_organisation_id: presenters[i] ? demoId('org', presenters[i]) : null,
					standing: t.standing,
					links: '[]'
				})
				.onConflict((oc) => oc.doNothing())
				.execute()
		);
	}
}

async function insertAttendance(
	tx: Kysely<DB>,
	count: Counter,
	meetingId: string,
	start: Date,
	orgs: string[],
	exceptions: Record<string, string>,
	reasons: Record<string, string> = {}
) {
	for (const org of orgs) {
		const status = (exceptions[org] ?? 'present') as 'present' | 'alternate' | 'apologies' | 'absent';
		const came = status === 'present' || status === 'alternate';
		count(
			await tx
				.insertInto('attendance')
				.values({
					meeting_id: meetingId,
					organisation_id: demoId('org', org),
					status,
					arrived_at: came ? start : null,
					left_at: null,
					reason: came ? null : (reasons[org] ?? null)
				})
				.onConflict((oc) => oc.doNothing())
				.execute()
		);
	}
}

async function insertAction(tx: Kysely<DB>, now: Date, bodyId: string, meetingId: string, decisionId: string, decidedAt: Date, a: DemoAction): Promise<number> {
	const id = demoId('action', a.key);
	const today = bangkokDate(now);
	const due =
		typeof a.due === 'number'
			? bangkokDate(new Date(new Date(`${today}T12:00:00+07:00`).getTime() + a.due * DAY))
			: bangkokDate(new Date(startOf(now, a.due.before).getTime() - DAY));
	const history = a.history.map((h) => ({
		action_item_id: id,
		author_id: demoId('user', h.author),
		kind: h.kind,
		text: h.text,
		detail: null,
		meeting_id: h.at ? demoId('meeting', h.at) : null,
		at: h.at ? new Date(startOf(now, h.at).getTime() + HOUR) : new Date(decidedAt.getTime() + (h.days ?? 0) * DAY)
	}));
	const last = history.reduce((t, h) => (h.at > t ? h.at : t), decidedAt);
	await tx
		.insertInto('action_item')
		.values({
			id,
			body_id: bodyId,
			meeting_id: meetingId,
			decision_id: decisionId,
			title: a.title,
			lead_organisation_id: demoId('org', a.lead),
			assignee_id: demoId('user', a.assignee),
			due_on: due,
			status: a.status,
			closed_meeting_id: a.closedAt ? demoId('meeting', a.closedAt) : null,
			created_at: decidedAt,
			updated_at: last
		})
		.execute();
	if (history.length) await tx.insertInto('action_update').values(history).execute();
	return 1 + history.length;
}

/** Writes the cycle's rows; idempotent like the rest of the seed. Returns the rows inserted. */
export async function seedCycleRows(tx: Kysely<DB>, now: Date): Promise<number> {
	let inserted = 0;
	const count: Counter = (r) => {
		const n = r.reduce((s, x) => s + Number(x.numInsertedOrUpdatedRows ?? 0n), 0);
		inserted += n;
		return n;
	};

	for (const m of pastMeetings) {
		const body = m.meeting.split(':')[0]!;
		const meetingId = demoId('meeting', m.meeting);
		const start = startOf(now, m.meeting);
		if (!(await untouched(tx, meetingId))) continue;
		await insertAgenda(tx, count, m.meeting, meetingId, WORKING_GROUP_TEMPLATE, m.presenters);
		await insertAttendance(tx, count, meetingId, start, seatedOrgs(body), m.attendance, m.reasons);
		for (const [i, g] of (m.guests ?? []).entries()) {
			count(
				await tx
					.insertInto('meeting_guest')
					.values({ id: demoId('guest', `${m.meeting}:${i}`), meeting_id: meetingId, ...g, sort_order: i + 1 })
					.onConflict((oc) => oc.doNothing())
					.execute()
			);
		}
		// Meetings the demo held: started on time, closed three hours later.
		await tx
			.updateTable('meeting')
			.set({ started_at: start, closed_at: new Date(start.getTime() + 3 * HOUR) })
			.where('id', '=', meetingId)
			.where('started_at', 'is', null)
			.where('status', '=', 'ended')
			.execute();
	}

	for (const d of cycleDecisions) {
		const body = d.meeting.split(':')[0]!;
		const meetingId = demoId('meeting', d.meeting);
		const decidedAt = new Date(startOf(now, d.meeting).getTime() + 2 * HOUR);
		const decisionId = demoId('decision', d.key);
		if (!(await untouched(tx, meetingId))) continue;
		const fresh = count(
			await tx
				.insertInto('decision')
				.values({
					id: decisionId,
					meeting_id: meetingId,
					agenda_item_id: demoId('agenda', `${d.meeting}:${d.item}`),
					text: d.text,
					position: 1,
					created_at: decidedAt,
					updated_at: decidedAt
				})
				.onConflict((oc) => oc.doNothing())
				.execute()
		);
		if (!fresh) continue;
		await tx
			.insertInto('decision_organisation')
			.values([
				{ decision_id: decisionId, organisation_id: demoId('org', d.lead), responsibility: 'lead' as const },
				...d.supporting.map((o) => ({ decision_id: decisionId, organisation_id: demoId('org', o), responsibility: 'supporting' as const }))
			])
			.execute();
		for (const a of d.actions) inserted += await insertAction(tx, now, demoId('body', body), meetingId, decisionId, decidedAt, a);
	}

	// The case conference: its own agenda, the team's organisations, and the decision its action follows.
	const conference = await tx
		.selectFrom('meeting')
		.select(['id', 'starts_at', 'case_id'])
		.where('id', '=', demoId('meeting', 'case:c1:conference'))
		.executeTakeFirst();
	if (conference && (await untouched(tx, conference.id))) {
		const key = 'case:c1:conference';
		await insertAgenda(tx, count, key, conference.id, CASE_CONFERENCE_TEMPLATE, { 1: 'dkt-cdo', 2: 'dkt-hospital', 3: 'dkt-cdo' });
		await insertAttendance(tx, count, conference.id, conference.starts_at, ['dkt-cdo', 'dkt-office', 'dkt-hospital'], {});
		const d = conferenceDecision;
		const decisionId = demoId('decision', d.key);
		const fresh = count(
			await tx
				.insertInto('decision')
				.values({
					id: decisionId,
					meeting_id: conference.id,
					agenda_item_id: demoId('agenda', `${key}:${d.item}`),
					text: d.text,
					position: 1,
					case_id: conference.case_id,
					created_at: new Date(conference.starts_at.getTime() + HOUR),
					updated_at: new Date(conference.starts_at.getTime() + HOUR)
				})
				.onConflict((oc) => oc.doNothing())
				.execute()
		);
		if (fresh) {
			await tx
				.insertInto('decision_organisation')
				.values([
					{ decision_id: decisionId, organisation_id: demoId('org', d.lead), responsibility: 'lead' as const },
					...d.supporting.map((o) => ({ decision_id: decisionId, organisation_id: demoId('org', o), responsibility: 'supporting' as const }))
				])
				.execute();
		}
	}

	// The working group's next meeting, with its agenda prepared.
	const body = bodies.find((b) => b.key === nextMeeting.body)!;
	const start = nextMeetingStart(now);
	const month = new Intl.DateTimeFormat('th-TH-u-ca-buddhist', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Bangkok' }).format(start);
	const nextId = demoId('meeting', nextMeeting.key);
	count(
		await tx
			.insertInto('meeting')
			.values({
				id: nextId,
				body_id: demoId('body', body.key),
				kind: 'regular',
				title: `ประชุม${body.th} วันที่ ${month}`,
				starts_at: start,
				ends_at: null,
				place: 'ห้องประชุมที่ว่าการอำเภอดอกคำใต้',
				online_url: null,
				status: 'planned',
				created_by: demoId('user', 'cdo')
			})
			.onConflict((oc) => oc.doNothing())
			.execute()
	);
	if (await untouched(tx, nextId)) await insertAgenda(tx, count, nextMeeting.key, nextId, WORKING_GROUP_TEMPLATE, nextMeeting.presenters);
	return inserted;
}

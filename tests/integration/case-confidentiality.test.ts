import type { Kysely } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { AccessDenied } from '../../server/access';
import { documentAccess } from '../../server/access/documents';
import { createSession } from '../../server/auth/session';
import type { DB } from '../../server/db/schema';
import { representativeBoard } from '../../server/followup/board';
import { calendarFeed, issueCalendarToken } from '../../server/followup/calendar';
import { decisionPage, searchDecisions } from '../../server/followup/decisions';
import { actionPage } from '../../server/followup/history';
import { followupOverview } from '../../server/followup/overview';
import { outstandingForBody } from '../../server/followup/outstanding';
import { applyProjection } from '../../server/meetings/apply-projection';
import { meetingFollowup } from '../../server/meetings/followup';
import { listForBody, myMeetings } from '../../server/meetings/service';
import { loadFacts } from '../../server/minutes/repository/facts';
import { exportMinutes, printView } from '../../server/minutes/export';
import { minutesPage } from '../../server/minutes/service';
import { openActionsOf } from '../../server/network/repository/actions';
import { describeEachEngine } from '../support/database';
import { followupAction, followupMeeting, makeBody, makeUser, seatOn } from '../support/factories';
import { startCollab, upgradeStatus } from '../collab/support';

/**
 * The confidentiality matrix for a case's work outside the case pages: the
 * case team sees it whole; another member of the same body, the parent
 * body's chair, an administrator and an outsider see at most the case code.
 */

const SECRET = 'นางสาวมาลี ใจงาม';
const DECISION = `ส่งต่อ${SECRET}ไปบ้านพักเด็กและครอบครัว`;
const ACTION = `จัดที่พักให้${SECRET}`;
const PROGRESS = `พบ${SECRET}ที่บ้านแล้ว`;
const day = 24 * 3600_000;
/** Case codes are unique across the file's database. */
let serial = 0;

describeEachEngine('what a case looks like outside its team', (use) => {
	let f: Awaited<ReturnType<typeof fixture>>;

	async function fixture(db: Kysely<DB>) {
		const parent = await makeBody(db, { roles: ['chair'] });
		const body = await makeBody(db, { parentId: parent.id, roles: ['chair', 'secretary', 'member'] });
		const team = body.seats.secretary!;
		const other = body.seats.member!;
		const admin = await makeUser(db, { admin: true });
		const outsider = await makeUser(db);
		const caseRow = await db
			.insertInto('case_file')
			.values({
				code: `TST-2569-${String(++serial).padStart(3, '0')}-${crypto.randomUUID().slice(0, 8)}`,
				body_id: body.id,
				category: 'sexual_exploitation',
				sex: 'female',
				age_band: '15_17',
				opened_on: '2026-11-01',
				created_by: team.id,
				created_at: new Date(),
				updated_at: new Date()
			})
			.returning(['id', 'code'])
			.executeTakeFirstOrThrow();
		await db
			.insertInto('case_team')
			.values({ case_id: caseRow.id, user_id: team.id, organisation_id: team.organisationId, added_by: team.id, added_at: new Date() })
			.execute();
		await db.insertInto('case_identity').values({ case_id: caseRow.id, full_name: SECRET, updated_by: team.id, updated_at: new Date() }).execute();

		// The case conference, held a week ago; what it decided was projected like any meeting's.
		const conference = (
			await db
				.insertInto('meeting')
				.values({
					body_id: body.id,
					kind: 'case_conference',
					case_id: caseRow.id,
					title: `ประชุมปรึกษารายกรณี ${caseRow.code}`,
					starts_at: new Date(Date.now() - 7 * day),
					status: 'ended'
				})
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
		const decisionId = crypto.randomUUID();
		const actionId = crypto.randomUUID();
		await applyProjection(db, conference, {
			agendaItems: [],
			decisions: [{ id: decisionId, meeting_id: conference, agenda_item_id: null, text: DECISION, position: 0, lead: other.organisationId, supporting: [] }],
			actions: [
				{
					id: actionId,
					body_id: body.id,
					meeting_id: conference,
					decision_id: decisionId,
					title: ACTION,
					description: SECRET,
					lead_organisation_id: other.organisationId,
					assignee_id: other.id,
					due_on: '2099-01-31',
					supporting: []
				}
			],
			attendance: [],
			guests: []
		} as never);
		await db
			.insertInto('action_update')
			.values({ action_item_id: actionId, author_id: other.id, kind: 'progress', text: PROGRESS, at: new Date(), meeting_id: null, detail: null })
			.execute();
		// The body's regular meeting, where the action is followed up.
		const regular = await followupMeeting(db, { bodyId: body.id, startsAt: new Date(Date.now() + day), status: 'planned' });
		const plain = await followupAction(db, { bodyId: body.id, organisationId: other.organisationId, title: 'ตรวจสถานบริการ' });
		return { parent, body, team, other, admin, outsider, parentChair: parent.seats.chair!, caseRow, conference, regular, decisionId, actionId, plain };
	}

	beforeEach(async () => {
		f = await fixture(use().db);
	});

	const json = (x: unknown) => JSON.stringify(x);
	const others = () =>
		[
			['another member of the body', f.other.actor],
			['the parent body chair', f.parentChair.actor],
			['an administrator', f.admin.actor],
			['an outsider', f.outsider.actor]
		] as const;

	it('projects a case conference decision and action with their case', async () => {
		const { db } = use();
		const d = await db.selectFrom('decision').select('case_id').where('id', '=', f.decisionId).executeTakeFirstOrThrow();
		const a = await db.selectFrom('action_item').select('case_id').where('id', '=', f.actionId).executeTakeFirstOrThrow();
		expect([d.case_id, a.case_id]).toEqual([f.caseRow.id, f.caseRow.id]);
	});

	it('opens the conference document and its minutes to the team alone; to everyone else they do not exist', async () => {
		const { db } = use();
		await db.insertInto('minutes').values({ meeting_id: f.conference, generated_by: f.team.id, generated_at: new Date() }).execute();
		expect(await documentAccess(db, f.team.actor, `meeting:${f.conference}`)).toMatchObject({ allowed: true, mode: 'write' });
		expect(await documentAccess(db, f.team.actor, `minutes:${f.conference}`)).toMatchObject({ allowed: true, mode: 'write' });
		for (const [who, actor] of others()) {
			expect(await documentAccess(db, actor, `meeting:${f.conference}`), who).toMatchObject({ allowed: false, status: 404 });
			expect(await documentAccess(db, actor, `minutes:${f.conference}`), who).toMatchObject({ allowed: false, status: 404 });
		}
		// The body's own chair reads the minutes of its regular meetings, not of the conference.
		await expect(minutesPage(db, f.body.seats.chair!.actor, f.conference)).rejects.toMatchObject({ status: 404 });
		expect((await minutesPage(db, f.team.actor, f.conference)).meeting.id).toBe(f.conference);
	});

	it('refuses every export of the conference minutes to anyone off the team, as if they did not exist, and audits it', async () => {
		const { db } = use();
		await db.insertInto('minutes').values({ meeting_id: f.conference, generated_by: f.team.id, generated_at: new Date() }).execute();
		// The refusal comes before any live document is touched.
		const untouched = {} as Parameters<typeof exportMinutes>[1];
		for (const [who, actor] of [...others(), ['the body chair', f.body.seats.chair!.actor] as const]) {
			await expect(exportMinutes(db, untouched, actor, f.conference, { format: 'pdf', which: 'draft' }), who).rejects.toMatchObject({ status: 404 });
			await expect(printView(db, untouched, actor, f.conference, 'draft'), who).rejects.toMatchObject({ status: 404 });
		}
		// The team passes the check and is told what is missing instead.
		expect(await exportMinutes(db, untouched, f.team.actor, f.conference, { format: 'pdf', which: null })).toMatchObject({ ok: false });
		const denied = await db.selectFrom('audit_event').select('actor_id').where('action', '=', 'access.denied').where('target_id', '=', f.conference).execute();
		expect(denied.map((d) => d.actor_id)).toContain(f.other.id);
	});

	it('refuses the conference on the collaboration server with 404 before any content is sent', async () => {
		const { db } = use();
		const server = await startCollab(db);
		try {
			const path = `/collab/meeting:${f.conference}`;
			const cookie = async (userId: string) => `concord_session=${(await createSession(db, userId, { clientAddress: null, userAgent: null })).token}`;
			expect((await upgradeStatus(server.port, path, { Origin: server.origin, Cookie: await cookie(f.team.id) })).status).toBe(101);
			for (const [who, actor] of others()) {
				const answer = await upgradeStatus(server.port, path, { Origin: server.origin, Cookie: await cookie(actor.userId) });
				expect(answer.status, who).toBe(404);
			}
		} finally {
			await server.close();
		}
	});

	it('lists the conference among meetings only for the team', async () => {
		const { db } = use();
		const ids = async (actor: typeof f.team.actor) => {
			const l = await listForBody(db, actor, f.body.id);
			return [...l.upcoming, ...l.live, ...l.past].map((x) => x.id);
		};
		expect(await ids(f.team.actor)).toContain(f.conference);
		expect(await ids(f.other.actor)).not.toContain(f.conference);
		expect(await ids(f.other.actor)).toContain(f.regular);
		expect(json(await myMeetings(db, f.other.actor))).not.toContain(f.conference);
		expect(json(await myMeetings(db, f.team.actor))).toContain(f.conference);
		const token = await issueCalendarToken(db, f.other.actor);
		const feed = await calendarFeed(db, token);
		expect(json(feed)).not.toContain(f.conference);
		expect(json(feed)).toContain(f.regular);
	});

	it('shows the case work in the next meeting follow-up as the code and the organisation only', async () => {
		const { db } = use();
		const code = f.caseRow.code;
		const forOther = await meetingFollowup(db, { id: f.regular, body_id: f.body.id }, f.other.id);
		const item = forOther.flatMap((g) => g.actions).find((a) => a.id === f.actionId)!;
		expect(item.title).toContain(code);
		expect(item.caseCode).toBe(code);
		expect(json(forOther)).not.toContain(SECRET);
		expect(json(forOther)).toContain('ตรวจสถานบริการ');
		// The shared view (no reader) hides it too; the team sees it whole.
		expect(json(await outstandingForBody(db, f.body.id))).not.toContain(SECRET);
		const forTeam = await meetingFollowup(db, { id: f.regular, body_id: f.body.id }, f.team.id);
		expect(json(forTeam)).toContain(ACTION);
		expect(json(forTeam)).toContain(PROGRESS);
	});

	it('keeps the details out of the boards, the outstanding view, the organisation lists and the action page', async () => {
		const { db } = use();
		// The lead organisation's representative is not on the team: the work is theirs, the details are not.
		const board = await representativeBoard(db, f.other.actor);
		const row = Object.values(board.groups)
			.flat()
			.find((r) => r.id === f.actionId)!;
		expect(row.title).toContain(f.caseRow.code);
		expect(json(board)).not.toContain(SECRET);
		const overview = await followupOverview(db, f.body.seats.chair!.actor, f.body.id, { from: '2026-01-01', to: '2026-12-31' });
		expect(json(overview)).not.toContain(SECRET);
		expect(json(await openActionsOf(db, f.other.id, { bodyId: f.body.id }))).not.toContain(SECRET);
		const page = await actionPage(db, f.other.actor, f.actionId);
		expect(page!.caseCode).toBe(f.caseRow.code);
		expect(json(page)).not.toContain(SECRET);
		const teamPage = await actionPage(db, f.team.actor, f.actionId);
		expect(teamPage!.item.title).toBe(ACTION);
		expect(json(teamPage)).toContain(PROGRESS);
	});

	it('never finds a case decision by its words for anyone off the team, and shows it only by code', async () => {
		const { db } = use();
		const found = async (actor: typeof f.team.actor, q?: string) => (await searchDecisions(db, actor, { q, bodyId: f.body.id })).decisions;
		expect((await found(f.team.actor, 'บ้านพักเด็ก')).map((d) => d.id)).toEqual([f.decisionId]);
		expect(await found(f.other.actor, 'บ้านพักเด็ก')).toEqual([]);
		expect(await found(f.other.actor, 'มาลี')).toEqual([]);
		const all = await found(f.other.actor);
		expect(all.map((d) => d.id)).toContain(f.decisionId);
		expect(json(all)).not.toContain(SECRET);
		// Searching by organisation takes the other path through the index: the same rule holds.
		const byOrg = await searchDecisions(db, f.other.actor, { q: 'บ้านพักเด็ก', organisationId: f.other.organisationId });
		expect(byOrg.decisions).toEqual([]);
		const page = await decisionPage(db, f.other.actor, f.decisionId);
		expect(json(page)).not.toContain(SECRET);
		expect(page!.decision.text).toContain(f.caseRow.code);
		expect((await decisionPage(db, f.team.actor, f.decisionId))!.decision.text).toBe(DECISION);
		await expect(decisionPage(db, f.outsider.actor, f.decisionId)).rejects.toBeInstanceOf(AccessDenied);
	});

	it('writes a report-back on a case action into the minutes of a regular meeting without its words', async () => {
		const { db } = use();
		await db
			.updateTable('meeting')
			.set({ status: 'ended', starts_at: new Date(Date.now() - day) })
			.where('id', '=', f.regular)
			.execute();
		await db
			.insertInto('action_update')
			.values({ action_item_id: f.actionId, author_id: f.other.id, kind: 'report_back', text: PROGRESS, at: new Date(), meeting_id: f.regular, detail: null })
			.execute();
		const facts = await loadFacts(db, f.regular);
		expect(facts.reportBacks).toHaveLength(1);
		expect(facts.reportBacks[0]!.title).toContain(f.caseRow.code);
		expect(json(facts)).not.toContain(SECRET);
		// The regular meeting's numbering does not count the conference.
		expect(facts.sequence.number).toBe(1);
	});

	it('loses the case the day the team member leaves the body', async () => {
		const { db } = use();
		const later = await makeUser(db);
		await seatOn(db, { bodyId: f.body.id, userId: later.id, organisationId: f.team.organisationId, role: 'member', endsOn: '2021-01-01' });
		await db
			.insertInto('case_team')
			.values({ case_id: f.caseRow.id, user_id: later.id, organisation_id: f.team.organisationId, added_by: f.team.id, added_at: new Date() })
			.execute();
		expect(await documentAccess(db, later.actor, `meeting:${f.conference}`)).toMatchObject({ allowed: false, status: 404 });
		expect(json(await outstandingForBody(db, f.body.id, later.id))).not.toContain(SECRET);
	});
});

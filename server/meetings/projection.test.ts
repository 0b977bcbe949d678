import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	actionsOf,
	addAction,
	addAgendaItem,
	addDecision,
	addGuest,
	agendaOf,
	attendanceOf,
	decisionsOf,
	guestsOf,
	removeAction,
	removeAgendaItem,
	removedOf,
	restoreRemoved,
	setAbsenceReason,
	setAttendance
} from '../../src/lib/meeting-doc/schema';
import { projectMeeting, type ProjectionContext } from './projection';

const id = () => crypto.randomUUID();
const police = id();
const hospital = id();
const school = id();
const somchai = id();
const ctx: ProjectionContext = {
	meetingId: id(),
	bodyId: id(),
	organisationIds: new Set([police, hospital, school]),
	userIds: new Set([somchai])
};

function meetingWithDecision() {
	const doc = new Y.Doc();
	const item = id();
	const decision = id();
	const action = id();
	addAgendaItem(doc, { id: item, title: 'สถานการณ์และแนวโน้ม', minutes: 30, presenterOrgId: police, standing: 'situation' });
	addDecision(doc, { id: decision, agendaItemId: item, text: 'ตรวจสอบสถานบริการ', leadOrgId: police, supportingOrgIds: [hospital, police, 'not-an-org'] });
	addAction(doc, {
		id: action,
		decisionId: decision,
		title: 'ตรวจสอบและรายงานผล',
		description: '',
		leadOrgId: police,
		assigneeId: somchai,
		supportingOrgIds: [school],
		dueOn: '2026-12-01'
	});
	return { doc, item, decision, action };
}

describe('projection of a meeting document into rows', () => {
	it('projects agenda items, decisions with their organisations, action items and attendance', () => {
		const { doc, item, decision, action } = meetingWithDecision();
		setAttendance(doc, police, 'present', 1_760_000_000_000);
		setAttendance(doc, hospital, 'apologies');
		const p = projectMeeting(doc, ctx);
		expect(p.problems).toEqual([]);
		expect(p.agendaItems).toEqual([
			{
				id: item,
				meeting_id: ctx.meetingId,
				title: 'สถานการณ์และแนวโน้ม',
				position: 1,
				minutes: 30,
				presenter_organisation_id: police,
				standing: 'situation',
				links: []
			}
		]);
		// The lead is not repeated among supporters; unknown organisations are dropped.
		expect(p.decisions).toEqual([
			{ id: decision, meeting_id: ctx.meetingId, agenda_item_id: item, text: 'ตรวจสอบสถานบริการ', position: 1, lead: police, supporting: [hospital] }
		]);
		expect(p.actions).toEqual([
			{
				id: action,
				body_id: ctx.bodyId,
				meeting_id: ctx.meetingId,
				decision_id: decision,
				title: 'ตรวจสอบและรายงานผล',
				description: '',
				lead_organisation_id: police,
				assignee_id: somchai,
				due_on: '2026-12-01',
				supporting: [school]
			}
		]);
		expect(p.attendance).toEqual([
			{ meeting_id: ctx.meetingId, organisation_id: police, status: 'present', arrived_at: new Date(1_760_000_000_000), left_at: null, reason: null },
			{ meeting_id: ctx.meetingId, organisation_id: hospital, status: 'apologies', arrived_at: null, left_at: null, reason: null }
		]);
	});

	it('projects a reason for absence trimmed and cut, and guests in their order, skipping a guest without a name', () => {
		const doc = new Y.Doc();
		setAttendance(doc, hospital, 'apologies');
		attendanceOf(doc)
			.get(hospital)!
			.set('reason', `  ${'ติดราชการ'.repeat(30)}  `);
		setAttendance(doc, school, 'absent');
		attendanceOf(doc).get(school)!.set('reason', 7);
		setAttendance(doc, police, 'apologies');
		setAbsenceReason(doc, police, 'ติดราชการ');
		setAttendance(doc, police, 'present');
		const later = id();
		const first = id();
		addGuest(doc, { id: later, name: 'นายวีระ กล้าหาญ', position: '', organisation: 'สำนักงานแรงงานจังหวัด', order: 5 });
		addGuest(doc, { id: first, name: '  นางสาวสมศรี ใจดี ', position: 'นักสังคมสงเคราะห์', organisation: '', order: 2 });
		const nameless = id();
		const blank = new Y.Map<unknown>();
		guestsOf(doc).set(nameless, blank);
		blank.set('id', nameless);
		blank.set('name', '   ');
		const p = projectMeeting(doc, ctx);
		const reasons = Object.fromEntries(p.attendance.map((a) => [a.organisation_id, a.reason]));
		expect(reasons[hospital]).toBe('ติดราชการ'.repeat(30).slice(0, 200));
		expect(reasons[school]).toBeNull();
		expect(reasons[police]).toBeNull();
		expect(p.guests).toEqual([
			{ id: first, meeting_id: ctx.meetingId, name: 'นางสาวสมศรี ใจดี', position: 'นักสังคมสงเคราะห์', organisation: '', sort_order: 1 },
			{ id: later, meeting_id: ctx.meetingId, name: 'นายวีระ กล้าหาญ', position: '', organisation: 'สำนักงานแรงงานจังหวัด', sort_order: 2 }
		]);
		expect(p.problems).toEqual([{ entity: 'guest', id: nameless, reason: 'missing_name' }]);
	});

	it('is idempotent: the same document gives the same rows', () => {
		const { doc } = meetingWithDecision();
		expect(projectMeeting(doc, ctx)).toEqual(projectMeeting(doc, ctx));
	});

	it('merges concurrent edits from two documents: additions from both, reorder by order values', () => {
		const a = new Y.Doc();
		const first = id();
		const second = id();
		addAgendaItem(a, { id: first, title: 'รับรองรายงานการประชุม', minutes: 10, presenterOrgId: null, standing: 'minutes' });
		addAgendaItem(a, { id: second, title: 'ติดตามผล', minutes: 20, presenterOrgId: null, standing: 'followup' });
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		// Offline on both sides: A adds an item and moves "ติดตามผล" first; B edits a title and adds another item.
		const fromA = id();
		const fromB = id();
		addAgendaItem(a, { id: fromA, title: 'เรื่องจาก A', minutes: 5, presenterOrgId: null, standing: null });
		agendaOf(a).get(second)!.set('order', 0.5);
		agendaOf(b).get(first)!.set('title', 'รับรองรายงานการประชุมครั้งที่แล้ว');
		addAgendaItem(b, { id: fromB, title: 'เรื่องจาก B', minutes: 5, presenterOrgId: null, standing: null });
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const pa = projectMeeting(a, ctx);
		expect(pa).toEqual(projectMeeting(b, ctx));
		expect(pa.agendaItems.map((i) => i.title).slice(0, 2)).toEqual(['ติดตามผล', 'รับรองรายงานการประชุมครั้งที่แล้ว']);
		expect(pa.agendaItems.map((i) => i.id)).toEqual(expect.arrayContaining([fromA, fromB]));
		expect(pa.agendaItems.map((i) => i.position)).toEqual([1, 2, 3, 4]);
	});

	it('skips what does not fit and reports it, without throwing', () => {
		const { doc, item, decision, action } = meetingWithDecision();
		const orphan = id();
		addDecision(doc, { id: orphan, agendaItemId: id(), text: 'no item', leadOrgId: police, supportingOrgIds: [] });
		const noLead = id();
		addDecision(doc, { id: noLead, agendaItemId: item, text: 'ยังไม่เลือกหน่วยงาน', leadOrgId: null, supportingOrgIds: [] });
		const strangeOrg = id();
		addDecision(doc, { id: strangeOrg, agendaItemId: item, text: 'x', leadOrgId: id(), supportingOrgIds: [] });
		actionsOf(doc).get(action)!.set('dueOn', '2026-02-30');
		actionsOf(doc).get(action)!.set('assigneeId', id());
		const badItem = new Y.Map<unknown>();
		agendaOf(doc).set('not-a-uuid', badItem);
		badItem.set('title', 'x');
		const untitled = id();
		addAgendaItem(doc, { id: untitled, title: '   ', minutes: -5, presenterOrgId: null, standing: null });
		decisionsOf(doc).set(id(), new Y.Map());
		const p = projectMeeting(doc, ctx);
		expect(p.decisions.map((d) => d.id)).toEqual([decision]);
		expect(p.actions).toHaveLength(1);
		expect(p.actions[0]).toMatchObject({ due_on: null, assignee_id: null });
		expect(p.agendaItems.map((i) => i.id)).toEqual([item]);
		const reasons = p.problems.map((x) => x.reason).sort();
		expect(reasons).toEqual(
			['bad_date', 'bad_id', 'bad_id', 'missing_lead', 'missing_title', 'unknown_agenda_item', 'unknown_assignee', 'unknown_organisation'].sort()
		);
	});

	it('drops an agenda item’s decisions and actions with it, and lists their tombstones as removed', () => {
		const { doc, item, decision, action } = meetingWithDecision();
		removeAgendaItem(doc, item);
		const p = projectMeeting(doc, ctx);
		expect(p).toMatchObject({ agendaItems: [], decisions: [], actions: [], problems: [] });
		expect(p.removed).toEqual({ agendaItems: [item], decisions: [decision], actions: [action] });
	});

	it('removes only what has a tombstone: absence alone, a restored entity or a malformed tombstone removes nothing', () => {
		const { doc, item, decision, action } = meetingWithDecision();
		// Deleted from the map by a stock client, without a tombstone.
		decisionsOf(doc).delete(decision);
		actionsOf(doc).delete(action);
		expect(projectMeeting(doc, ctx).removed).toEqual({ agendaItems: [], decisions: [], actions: [] });

		const other = meetingWithDecision();
		removeAction(other.doc, other.action);
		restoreRemoved(other.doc, other.action);
		expect(projectMeeting(other.doc, ctx).removed.actions).toEqual([]);

		removedOf(doc).set('not-a-uuid', new Y.Map());
		const stray = new Y.Map<unknown>();
		removedOf(doc).set(id(), stray);
		stray.set('kind', 'meeting');
		const p = projectMeeting(doc, ctx);
		expect(p.removed).toEqual({ agendaItems: [], decisions: [], actions: [] });
		expect(p.problems.filter((x) => x.entity === 'removed').map((x) => x.reason)).toEqual(['bad_tombstone', 'bad_tombstone']);
		expect(p.agendaItems.map((a) => a.id)).toEqual([item]);
	});

	it('takes a decision recorded outside any agenda item and an action outside any decision, as SQL holds them', () => {
		const doc = new Y.Doc();
		const decision = id();
		const action = id();
		decisionsOf(doc).set(
			decision,
			new Y.Map(Object.entries({ id: decision, agendaItemId: null, text: 'มติจากระบบเดิม', leadOrgId: police, supportingOrgIds: [], order: 0 }))
		);
		actionsOf(doc).set(
			action,
			new Y.Map(
				Object.entries({
					id: action,
					decisionId: null,
					title: 'งานจากการส่งต่อ',
					description: '',
					leadOrgId: hospital,
					assigneeId: null,
					supportingOrgIds: [],
					dueOn: null
				})
			)
		);
		const p = projectMeeting(doc, ctx);
		expect(p.problems).toEqual([]);
		expect(p.decisions).toMatchObject([{ id: decision, agenda_item_id: null }]);
		expect(p.actions).toMatchObject([{ id: action, decision_id: null }]);
	});

	it('keeps the organisations and people SQL already names on a row, even when they no longer sit on the body', () => {
		const { doc, decision, action } = meetingWithDecision();
		const [former, formerOrg] = [id(), id()];
		actionsOf(doc).get(action)!.set('assigneeId', former);
		decisionsOf(doc).get(decision)!.set('supportingOrgIds', [hospital, formerOrg]);
		const strict = projectMeeting(doc, ctx);
		expect(strict.actions[0]!.assignee_id).toBeNull();
		expect(strict.decisions[0]!.supporting).toEqual([hospital]);
		// Named on that row only: another row may not take them up.
		const p = projectMeeting(doc, {
			...ctx,
			named: new Map([
				[action, new Set([former])],
				[decision, new Set([formerOrg])]
			])
		});
		expect(p.actions[0]!.assignee_id).toBe(former);
		expect(p.decisions[0]!.supporting).toEqual([hospital, formerOrg]);
		expect(p.problems).toEqual([]);
		actionsOf(doc).get(action)!.set('supportingOrgIds', [formerOrg]);
		expect(projectMeeting(doc, { ...ctx, named: new Map([[decision, new Set([formerOrg])]]) }).actions[0]!.supporting).toEqual([]);
	});

	it('reads entries that are not maps as invalid instead of throwing', () => {
		const { doc } = meetingWithDecision();
		(agendaOf(doc) as unknown as Y.Map<unknown>).set(id(), 'plain text');
		(actionsOf(doc) as unknown as Y.Map<unknown>).set(id(), 42);
		(removedOf(doc) as unknown as Y.Map<unknown>).set(id(), 'x');
		const p = projectMeeting(doc, ctx);
		expect(p.agendaItems).toHaveLength(1);
		expect(p.actions).toHaveLength(1);
		expect(p.problems.map((x) => x.reason).sort()).toEqual(['bad_id', 'bad_id', 'bad_tombstone']);
	});

	it('keeps only web links and ignores other values', () => {
		const doc = new Y.Doc();
		const item = id();
		addAgendaItem(doc, {
			id: item,
			title: 'เอกสาร',
			minutes: null,
			presenterOrgId: null,
			standing: null,
			links: [
				{ url: 'https://drive.example/x', label: 'สไลด์' },
				{ url: 'javascript:alert(1)', label: 'x' }
			]
		});
		expect(projectMeeting(doc, ctx).agendaItems[0]!.links).toEqual([{ url: 'https://drive.example/x', label: 'สไลด์' }]);
	});
});

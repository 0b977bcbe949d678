import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { AccessDenied } from '../../server/access';
import type { DB } from '../../server/db/schema';
import type { CaseCategory, CaseStatus, ReferralStatus } from '../../server/db/schema-cases';
import type { IntakeChannel, IntakeKind } from '../../server/db/schema-intake';
import { demoId, seedDemo } from '../../server/demo/seed';
import { seedReports } from '../../server/demo/reports';
import { computeFigures } from '../../server/outcomes/repository/figures';
import { rollUp } from '../../server/outcomes/rollup';
import { prepareReport, reportsOfBody, reportView, submitReport, submittedToBody } from '../../server/outcomes/service';
import { SMALL, WITHHELD } from '../../server/outcomes/suppress';
import { describeEachEngine } from '../support/database';
import { followupAction, makeBody, makeOrganisation, makeUser } from '../support/factories';

// 2569-Q2 is April to June 2026 (Bangkok dates).
const Q2 = '2569-Q2';
const SECRET_NAME = 'เด็กหญิงลับเฉพาะ ทดสอบรายงาน';

let serial = 0;

async function makeCase(
	db: Kysely<DB>,
	o: { bodyId: string; category?: CaseCategory; status?: CaseStatus; openedOn: string; closedOn?: string | null; name?: string }
) {
	const row = await db
		.insertInto('case_file')
		.values({
			code: `TST-2569-${String(++serial).padStart(4, '0')}-${crypto.randomUUID().slice(0, 6)}`,
			body_id: o.bodyId,
			category: o.category ?? 'labour_trafficking',
			sex: 'female',
			age_band: '15_17',
			status: o.status ?? 'open',
			intake_report_id: null,
			opened_on: o.openedOn,
			closed_on: o.closedOn ?? null,
			created_by: null,
			created_at: new Date(),
			updated_at: new Date()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('case_identity')
		.values({ case_id: row.id, full_name: o.name ?? SECRET_NAME, family: 'ครอบครัวลับ', address: 'บ้านเลขที่ 9 หมู่ 3', updated_by: null, updated_at: new Date() })
		.execute();
	return row.id;
}

async function makeCases(db: Kysely<DB>, n: number, o: Parameters<typeof makeCase>[1]) {
	for (let i = 0; i < n; i++) await makeCase(db, o);
}

async function makeReferral(db: Kysely<DB>, o: { bodyId: string; status: ReferralStatus; at: string; from: string; to: string }) {
	await db
		.insertInto('referral')
		.values({
			body_id: o.bodyId,
			case_id: null,
			intake_report_id: null,
			decision_id: null,
			from_organisation_id: o.from,
			to_organisation_id: o.to,
			to_body_id: null,
			reason: `ส่งต่อ ${SECRET_NAME} เพื่อรับการดูแล`,
			urgency: 'routine',
			shared: 'ข้อมูลผู้เสียหาย',
			consent: 'given',
			status: o.status,
			declined_reason: null,
			outcome: o.status === 'completed' ? `${SECRET_NAME} ได้รับการดูแลแล้ว` : null,
			action_item_id: null,
			created_by: null,
			created_at: new Date(o.at),
			updated_at: new Date(o.at)
		})
		.execute();
}

async function makeIntake(db: Kysely<DB>, o: { bodyId: string; channel: IntakeChannel; kind: IntakeKind; at: string }) {
	await db
		.insertInto('intake_report')
		.values({
			reference: `R2569-T${String(++serial).padStart(5, '0')}`,
			body_id: o.bodyId,
			channel: o.channel,
			kind: o.kind,
			message: `พบ ${SECRET_NAME} ทำงานในร้าน`,
			location: null,
			contact_name: 'ผู้แจ้งลับ',
			contact_phone: null,
			contact_email: null,
			dismissed_reason: null,
			meeting_id: null,
			recorded_by: null,
			triaged_by: null,
			triaged_at: null,
			created_at: new Date(o.at)
		})
		.execute();
}

/** Every number in a value meant for a reader: a count must be 0 or at least 5. */
function countsIn(value: unknown, path = ''): { path: string; n: number }[] {
	if (typeof value === 'number') return path.endsWith('.percent') ? [] : [{ path, n: value }];
	if (Array.isArray(value)) return value.flatMap((x, i) => countsIn(x, `${path}[${i}]`));
	if (value && typeof value === 'object' && !(value instanceof Date)) return Object.entries(value).flatMap(([k, x]) => countsIn(x, `${path}.${k}`));
	return [];
}

function expectNoSmallCounts(value: unknown) {
	expect(countsIn(value).filter(({ n }) => n > 0 && n < 5)).toEqual([]);
}

describeEachEngine('outcome reports', (use) => {
	async function network() {
		const { db } = use();
		const parent = await makeBody(db, { roles: ['chair', 'secretary', 'member'] });
		const district = await makeBody(db, { parentId: parent.id, roles: ['chair', 'secretary', 'member'] });
		const sibling = await makeBody(db, { parentId: parent.id, roles: ['chair', 'secretary'] });
		const outsider = await makeUser(db);
		const admin = await makeUser(db, { admin: true });
		return { db, parent, district, sibling, outsider, admin };
	}

	it('counts the period from the body’s own rows, in Bangkok days', async () => {
		const { db, district, sibling } = await network();
		const id = district.id;
		const org = district.seats.chair!.organisationId;
		const other = (await makeOrganisation(db, 'โรงพยาบาลทดสอบ')).id;
		await makeCases(db, 2, { bodyId: id, category: 'labour_trafficking', openedOn: '2026-04-10' });
		await makeCase(db, { bodyId: id, category: 'rape', status: 'in_care', openedOn: '2026-06-30' });
		await makeCase(db, { bodyId: id, category: 'rape', openedOn: '2026-07-01' }); // after
		await makeCase(db, { bodyId: id, status: 'closed', openedOn: '2026-01-05', closedOn: '2026-03-20' }); // closed before
		await makeCase(db, { bodyId: id, status: 'closed', openedOn: '2026-02-01', closedOn: '2026-05-01' }); // open for part of it
		await makeCase(db, { bodyId: id, status: 'returned_home', openedOn: '2025-12-01' }); // still open
		await makeCase(db, { bodyId: sibling.id, openedOn: '2026-04-10' }); // another body

		await makeReferral(db, { bodyId: id, status: 'completed', at: '2026-03-31T17:30:00Z', from: org, to: other }); // 1 April 00:30 in Bangkok
		await makeReferral(db, { bodyId: id, status: 'declined', at: '2026-05-10T03:00:00Z', from: org, to: other });
		await makeReferral(db, { bodyId: id, status: 'in_progress', at: '2026-05-11T03:00:00Z', from: org, to: other });
		await makeReferral(db, { bodyId: id, status: 'sent', at: '2026-06-30T18:30:00Z', from: org, to: other }); // 1 July in Bangkok

		await followupAction(db, { bodyId: id, organisationId: org, dueOn: '2026-05-31', status: 'closed', createdAt: new Date('2026-01-10T03:00:00Z') });
		await followupAction(db, { bodyId: id, organisationId: org, dueOn: '2026-09-30', status: 'open', createdAt: new Date('2026-04-02T03:00:00Z') });
		await followupAction(db, { bodyId: id, organisationId: other, dueOn: '2026-06-01', status: 'in_progress', createdAt: new Date('2026-01-10T03:00:00Z') });
		await followupAction(db, { bodyId: id, organisationId: other, dueOn: '2026-06-01', status: 'dropped', createdAt: new Date('2026-01-10T03:00:00Z') });
		await followupAction(db, { bodyId: id, organisationId: other, dueOn: '2026-12-01', status: 'open', createdAt: new Date('2026-01-10T03:00:00Z') }); // neither

		await makeIntake(db, { bodyId: id, channel: 'web', kind: 'tip', at: '2026-04-01T01:00:00Z' });
		await makeIntake(db, { bodyId: id, channel: 'telephone', kind: 'help_request', at: '2026-05-01T01:00:00Z' });
		await makeIntake(db, { bodyId: id, channel: 'telephone', kind: 'tip', at: '2026-07-01T01:00:00Z' }); // after

		const f = await computeFigures(db, id, '2026-04-01', '2026-06-30');
		expect(f.casesOpened).toBe(3);
		expect(f.casesByCategory).toMatchObject({ labour_trafficking: 2, rape: 1, other: 0 });
		expect(f.casesByStatus).toEqual({ open: 2, in_care: 1, returned_home: 1, closed: 1 });
		expect(f.referralsByStatus).toEqual({ sent: 0, accepted: 0, in_progress: 1, declined: 1, completed: 1 });
		expect(f.referralOutcomes).toEqual({ completed: 1, declined: 1, pending: 1 });
		expect(f.actionsByOrganisation.map((a) => [a.organisationId, a.total, a.closed]).sort()).toEqual(
			[
				[org, 2, 1],
				[other, 1, 0]
			].sort()
		);
		expect(f.intakeByChannel).toMatchObject({ web: 1, telephone: 1, postal_box: 0 });
		expect(f.intakeByKind).toEqual({ tip: 1, complaint: 0, help_request: 1 });
		expect(JSON.stringify(f)).not.toContain(SECRET_NAME);
	});

	it('covers the bodies under the reporting body, and nothing above or beside it', async () => {
		const { db, parent, district, sibling } = await network();
		const team = await makeBody(db, { parentId: district.id });
		await makeCase(db, { bodyId: parent.id, openedOn: '2026-05-01' });
		await makeCase(db, { bodyId: district.id, openedOn: '2026-05-01' });
		await makeCases(db, 2, { bodyId: team.id, openedOn: '2026-05-02' });
		await makeCase(db, { bodyId: sibling.id, openedOn: '2026-05-03' });
		expect((await computeFigures(db, district.id, '2026-04-01', '2026-06-30')).casesOpened).toBe(3);
		expect((await computeFigures(db, team.id, '2026-04-01', '2026-06-30')).casesOpened).toBe(2);
		expect((await computeFigures(db, parent.id, '2026-04-01', '2026-06-30')).casesOpened).toBe(5);
	});

	it('shows a count of 1 to 4 as "<5", a zero as 0 and 5 or more exactly, and withholds a total that would give one away', async () => {
		const { db, district } = await network();
		await makeCases(db, 7, { bodyId: district.id, category: 'labour_trafficking', openedOn: '2026-05-02' });
		await makeCases(db, 2, { bodyId: district.id, category: 'rape', openedOn: '2026-05-03' });
		const r = await prepareReport(db, district.seats.secretary!.actor, district.id, { quarter: Q2 });
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		const view = await reportView(db, district.seats.secretary!.actor, r.id);
		const byKey = Object.fromEntries(view.tables.casesByCategory.rows.map((x) => [x.key, x.shown]));
		expect(byKey).toMatchObject({ rape: SMALL, sexual_assault: 0, other: 0 });
		// 7 + "<5" = 9 would reveal the 2: one of the two exact counts is withheld.
		expect([byKey.labour_trafficking, view.tables.casesByCategory.total]).toContain(WITHHELD);
		expect([byKey.labour_trafficking, view.tables.casesByCategory.total]).toContain(byKey.labour_trafficking === WITHHELD ? 9 : 7);
		expectNoSmallCounts(view);
	});

	it('never lets a raw count under 5 or a name from a case reach any reader', async () => {
		const { db, parent, district } = await network();
		const org = district.seats.chair!.organisationId;
		const other = (await makeOrganisation(db)).id;
		await makeCases(db, 3, { bodyId: district.id, category: 'sexual_exploitation', openedOn: '2026-04-20' });
		await makeCases(db, 6, { bodyId: district.id, category: 'labour_trafficking', openedOn: '2026-04-21' });
		await makeReferral(db, { bodyId: district.id, status: 'completed', at: '2026-05-01T03:00:00Z', from: org, to: other });
		for (let i = 0; i < 6; i++) await makeReferral(db, { bodyId: district.id, status: 'sent', at: '2026-05-02T03:00:00Z', from: org, to: other });
		for (let i = 0; i < 3; i++) await followupAction(db, { bodyId: district.id, organisationId: org, dueOn: '2026-06-01', status: i ? 'open' : 'closed' });
		await makeIntake(db, { bodyId: district.id, channel: 'postal_box', kind: 'complaint', at: '2026-04-03T03:00:00Z' });
		const secretary = district.seats.secretary!.actor;
		const r = await prepareReport(db, secretary, district.id, { quarter: Q2 });
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		await submitReport(db, secretary, r.id);

		const seen = [
			await reportView(db, secretary, r.id),
			await reportView(db, parent.seats.secretary!.actor, r.id),
			await reportsOfBody(db, secretary, district.id),
			await submittedToBody(db, parent.seats.chair!.actor, parent.id),
			await rollUp(db, parent.seats.chair!.actor, parent.id, { quarter: Q2 })
		];
		for (const s of seen) {
			expectNoSmallCounts(s);
			const json = JSON.stringify(s);
			expect(json).not.toContain(SECRET_NAME);
			expect(json).not.toContain('ผู้แจ้งลับ');
		}
		// The audit trail says who read which report, and nothing of what it holds.
		const events = await db.selectFrom('audit_event').select(['action', 'detail']).where('target_id', '=', r.id).execute();
		expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['outcome.prepare', 'outcome.submit', 'outcome.view']));
		expect(JSON.stringify(events)).not.toContain(SECRET_NAME);
	});

	it('checks the period: a real quarter or real dates, ended, at most a year', async () => {
		const { db, parent, district } = await network();
		const s = district.seats.secretary!.actor;
		const now = new Date('2026-11-29T03:00:00Z');
		const prepare = (input: Parameters<typeof prepareReport>[3]) => prepareReport(db, s, district.id, input, null, now);
		expect(await prepare({ quarter: '2569-Q5' })).toEqual({ ok: false, errors: { quarter: 'invalid' } });
		expect(await prepare({ quarter: '2569-Q4' })).toEqual({ ok: false, errors: { quarter: 'not_ended' } });
		expect(await prepare({ periodStart: '', periodEnd: '2026-02-30' })).toEqual({ ok: false, errors: { periodStart: 'required', periodEnd: 'invalid' } });
		expect(await prepare({ periodStart: '2026-05-01', periodEnd: '2026-04-30' })).toEqual({ ok: false, errors: { periodEnd: 'before_start' } });
		expect(await prepare({ periodStart: '2026-10-01', periodEnd: '2026-11-30' })).toEqual({ ok: false, errors: { periodEnd: 'in_future' } });
		expect(await prepare({ periodStart: '2025-01-01', periodEnd: '2026-01-01' })).toEqual({ ok: false, errors: { periodEnd: 'period_too_long' } });
		expect(await prepare({ periodStart: '2025-01-01', periodEnd: '2025-12-31' })).toMatchObject({ ok: true });
		// Up to today: the current quarter so far.
		expect(await prepare({ periodStart: '2026-10-01', periodEnd: '2026-11-29' })).toMatchObject({ ok: true });
		// A body at the top of the network has nobody to report to.
		expect(await prepareReport(db, parent.seats.secretary!.actor, parent.id, { quarter: Q2 }, null, now)).toEqual({ ok: false, errors: { form: 'no_parent' } });
	});

	it('refreshes a draft when prepared again, counts once more at submission, then freezes', async () => {
		const { db, district } = await network();
		const s = district.seats.secretary!.actor;
		await makeCases(db, 5, { bodyId: district.id, openedOn: '2026-04-15' });
		const first = await prepareReport(db, s, district.id, { quarter: Q2 });
		expect(first).toMatchObject({ ok: true, created: true });
		await makeCase(db, { bodyId: district.id, openedOn: '2026-04-16' });
		const again = await prepareReport(db, s, district.id, { quarter: Q2 });
		if (!first.ok || !again.ok) throw new Error('not prepared');
		expect(again).toMatchObject({ id: first.id, created: false });
		expect((await reportView(db, s, first.id)).headline.casesOpened).toBe(6);

		await makeCase(db, { bodyId: district.id, openedOn: '2026-04-17' });
		expect(await submitReport(db, s, first.id)).toEqual({ ok: true });
		const submitted = await reportView(db, s, first.id);
		// Named on the fiscal year (from 1 October) unless the body chose calendar quarters.
		expect(submitted).toMatchObject({ status: 'submitted', canSubmit: false, quarter: 'FY2569-Q3', periodStart: '2026-04-01', periodEnd: '2026-06-30' });
		await db.updateTable('body').set({ report_quarters: 'calendar' }).where('id', '=', district.id).execute();
		expect(await reportView(db, s, first.id)).toMatchObject({ quarter: Q2 });
		expect((await reportsOfBody(db, s, district.id)).map((x) => x.quarter)).toEqual([Q2]);
		expect(submitted.headline.casesOpened).toBe(7);

		await makeCase(db, { bodyId: district.id, openedOn: '2026-04-18' });
		expect((await reportView(db, s, first.id)).headline.casesOpened).toBe(7);
		expect(await prepareReport(db, s, district.id, { quarter: Q2 })).toEqual({ ok: false, errors: { form: 'already_submitted' } });
		expect(await submitReport(db, s, first.id)).toEqual({ ok: false, errors: { form: 'already_submitted' } });
		expect((await reportsOfBody(db, s, district.id)).map((x) => x.status)).toEqual(['submitted']);
	});

	it('lets only the body’s chair and secretary prepare, submit and see drafts; the parent sees what was submitted', async () => {
		const { db, parent, district, sibling, outsider, admin } = await network();
		const s = district.seats.secretary!.actor;
		await expect(prepareReport(db, district.seats.member!.actor, district.id, { quarter: Q2 })).rejects.toBeInstanceOf(AccessDenied);
		await expect(prepareReport(db, admin.actor, district.id, { quarter: Q2 })).rejects.toBeInstanceOf(AccessDenied);
		const draft = await prepareReport(db, district.seats.chair!.actor, district.id, { quarter: Q2 });
		if (!draft.ok) throw new Error('not prepared');

		// A draft: the body's chair and secretary only; to everyone else it does not exist.
		expect((await reportView(db, s, draft.id)).canSubmit).toBe(true);
		for (const who of [
			parent.seats.chair!.actor,
			parent.seats.secretary!.actor,
			district.seats.member!.actor,
			sibling.seats.chair!.actor,
			outsider.actor,
			admin.actor
		]) {
			await expect(reportView(db, who, draft.id)).rejects.toMatchObject({ status: 404 });
		}
		await expect(submitReport(db, parent.seats.chair!.actor, draft.id)).rejects.toMatchObject({ status: 404 });
		await expect(submitReport(db, district.seats.member!.actor, draft.id)).rejects.toBeInstanceOf(AccessDenied);
		expect(await submittedToBody(db, parent.seats.secretary!.actor, parent.id)).toEqual([]);
		expect(await reportsOfBody(db, district.seats.member!.actor, district.id)).toEqual([]);

		expect(await submitReport(db, s, draft.id)).toEqual({ ok: true });
		// Submitted: the parent body and the district's own members read it; the sibling district and outsiders do not.
		for (const who of [parent.seats.chair!.actor, parent.seats.member!.actor, district.seats.member!.actor, admin.actor]) {
			expect((await reportView(db, who, draft.id)).status).toBe('submitted');
		}
		for (const who of [sibling.seats.chair!.actor, outsider.actor]) {
			await expect(reportView(db, who, draft.id)).rejects.toMatchObject({ status: 404 });
			await expect(submittedToBody(db, who, parent.id)).rejects.toBeInstanceOf(AccessDenied);
			await expect(rollUp(db, who, parent.id, { quarter: Q2 })).rejects.toBeInstanceOf(AccessDenied);
		}
		expect((await submittedToBody(db, parent.seats.secretary!.actor, parent.id)).map((x) => x.body.id)).toEqual([district.id]);
		await expect(reportView(db, s, crypto.randomUUID())).rejects.toMatchObject({ status: 404 });
		await expect(reportView(db, s, 'not-a-uuid')).rejects.toMatchObject({ status: 404 });
	});

	it('adds up the districts’ submitted reports for the parent, withholding a total that would reveal a small count', async () => {
		const { db, parent, district, sibling } = await network();
		const third = await makeBody(db, { parentId: parent.id, roles: ['secretary'] });
		const waiting = await makeBody(db, { parentId: parent.id, roles: ['secretary'] });
		const org = district.seats.chair!.organisationId;
		const other = (await makeOrganisation(db)).id;
		await makeCases(db, 8, { bodyId: district.id, openedOn: '2026-04-05' });
		await makeCases(db, 2, { bodyId: sibling.id, openedOn: '2026-04-05' });
		await makeCases(db, 6, { bodyId: third.id, openedOn: '2026-04-05' });
		for (const [body, n] of [
			[district.id, 5],
			[sibling.id, 6],
			[third.id, 7]
		] as const) {
			for (let i = 0; i < n; i++) await makeReferral(db, { bodyId: body, status: 'completed', at: '2026-05-05T03:00:00Z', from: org, to: other });
		}
		for (const body of [district, sibling, third]) {
			const r = await prepareReport(db, body.seats.secretary!.actor, body.id, { quarter: Q2 });
			if (!r.ok) throw new Error('not prepared');
			await submitReport(db, body.seats.secretary!.actor, r.id);
		}
		// A draft is not the parent's to count.
		await makeCases(db, 9, { bodyId: waiting.id, openedOn: '2026-04-05' });
		await prepareReport(db, waiting.seats.secretary!.actor, waiting.id, { quarter: Q2 });

		const result = await rollUp(db, parent.seats.secretary!.actor, parent.id, { quarter: Q2 });
		if (!result.ok) throw new Error(JSON.stringify(result.errors));
		const { rollUp: r } = result;
		expect(r.period).toEqual({ start: '2026-04-01', end: '2026-06-30' });
		const opened = Object.fromEntries(r.districts.map((d) => [d.bodyId, d.headline.casesOpened]));
		expect(opened).toEqual({ [district.id]: 8, [sibling.id]: SMALL, [third.id]: 6 });
		// 8 + 6 + "<5" = 16 would reveal the 2.
		expect(r.total.casesOpened).toBe(WITHHELD);
		const completed = Object.fromEntries(r.districts.map((d) => [d.bodyId, d.headline.referralsCompleted]));
		expect(completed).toEqual({ [district.id]: 5, [sibling.id]: 6, [third.id]: 7 });
		expect(r.total.referralsCompleted).toBe(18);
		expect(r.total.referralsMade).toBe(18);
		expect(r.awaiting.map((b) => b.id)).toEqual([waiting.id]);
		// Each district's row is exactly what its own report shows.
		for (const d of r.districts) expect(d.headline).toEqual((await reportView(db, parent.seats.secretary!.actor, d.reportId)).headline);
		expectNoSmallCounts(r);

		expect(await rollUp(db, parent.seats.secretary!.actor, parent.id, { quarter: '2569-Q1' })).toMatchObject({ ok: true, rollUp: { districts: [] } });
		expect(await rollUp(db, parent.seats.secretary!.actor, parent.id, { quarter: 'last' })).toEqual({ ok: false, errors: { quarter: 'invalid' } });
	});

	it('seeds the demo with three districts’ reports to the provincial centre, once', async () => {
		const { db } = use();
		const now = new Date('2026-11-28T03:00:00Z');
		await seedDemo(db, now);
		expect(await seedReports(db, now)).toBe(0);
		const secretary = { userId: demoId('user', 'pmj-sec'), isAdmin: false };
		const received = await submittedToBody(db, secretary, demoId('body', 'poc'));
		expect(received.map((r) => [r.quarter, r.status])).toEqual([
			['FY2569-Q4', 'submitted'],
			['FY2569-Q4', 'submitted'],
			['FY2569-Q4', 'submitted']
		]);
		const result = await rollUp(db, secretary, demoId('body', 'poc'), { quarter: '2569-Q3' }, null, now);
		if (!result.ok) throw new Error(JSON.stringify(result.errors));
		expect(result.rollUp.districts).toHaveLength(3);
		expect(result.rollUp.total.casesOpened).toBe(47);
		expectNoSmallCounts(result);
	});
});

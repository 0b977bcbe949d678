import { expect, it } from 'vitest';
import { AccessDenied, type Actor } from '../../server/access';
import { documentAccess } from '../../server/access/documents';
import {
	addToTeam,
	callConference,
	caseView,
	downloadDocument,
	identityView,
	intakeForCase,
	listCases,
	MAX_DOCUMENT_BYTES,
	myCases,
	openCase,
	removeFromTeam,
	saveIdentity,
	setNeed,
	updateCase,
	uploadDocument
} from '../../server/cases/service';
import type { Kysely } from 'kysely';
import type { DB } from '../../server/db/schema';
import { events } from '../../server/events';
import { log } from '../../server/log';
import { schedule } from '../../server/meetings/service';
import { demoId, seedDemo } from '../../server/demo/seed';
import { describeEachEngine } from '../support/database';
import { followupAction, makeBody, makeOrganisation, makeUser, seatOn } from '../support/factories';
import { bangkokToday } from '../../src/lib/calendar';

const VICTIM = 'เด็กหญิงสมศรี ทดสอบนาม';
const thisYear = Number(bangkokToday().slice(0, 4)) + 543;
const inDays = (n: number) => new Date(Date.now() + 7 * 3600_000 + n * 24 * 3600_000).toISOString().slice(0, 10);
let prefixes = 0;
const newPrefix = () => `T${Date.now().toString(36).slice(-4).toUpperCase()}${prefixes++}`;

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0]);
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
const DOCX = new TextEncoder().encode('PK\u0003\u0004\u0014\u0000\u0000\u0000[Content_Types].xml ... word/document.xml ... PK\u0001\u0002');
const ZIP = new TextEncoder().encode('PK\u0003\u0004\u0014\u0000\u0000\u0000notes.txt PK\u0001\u0002');

async function expectHidden(p: Promise<unknown>) {
	await expect(p).rejects.toBeInstanceOf(AccessDenied);
	await expect(p).rejects.toMatchObject({ status: 404 });
}

describeEachEngine('cases', (use) => {
	/** A working group under a committee, with its own case prefix. */
	async function workingGroup() {
		const { db } = use();
		const parent = await makeBody(db, { roles: ['chair'] });
		const body = await makeBody(db, { parentId: parent.id, roles: ['chair', 'secretary', 'member', 'observer', 'volunteer'] });
		const prefix = newPrefix();
		await db.updateTable('body').set({ case_prefix: prefix }).where('id', '=', body.id).execute();
		const s = body.seats;
		return { ...body, prefix, parent, secretary: s.secretary!, chair: s.chair!, member: s.member!, observer: s.observer!, volunteer: s.volunteer! };
	}

	async function memberOf(db: Kysely<DB>, bodyId: string, role: 'member' | 'observer' = 'member') {
		const user = await makeUser(db);
		const org = await makeOrganisation(db);
		const membershipId = await seatOn(db, { bodyId, userId: user.id, organisationId: org.id, role });
		return { ...user, organisationId: org.id, membershipId };
	}

	const intake = (bodyId: string, status: 'new' | 'on_agenda' | 'dismissed' = 'new') =>
		use()
			.db.insertInto('intake_report')
			.values({
				reference: `R${thisYear}-${crypto.randomUUID().slice(0, 6).toUpperCase()}`,
				body_id: bodyId,
				channel: 'telephone',
				kind: 'help_request',
				message: 'ยายโทรมาแจ้งว่าหลานสาวถูกพาไปทำงานร้านอาหารต่างจังหวัดและติดต่อไม่ได้',
				location: null,
				contact_name: 'ยาย',
				contact_phone: null,
				contact_email: null,
				dismissed_reason: null,
				meeting_id: null,
				recorded_by: null,
				triaged_by: null,
				triaged_at: null,
				status,
				created_at: new Date()
			})
			.returning('id')
			.executeTakeFirstOrThrow();

	const open = async (actor: Actor, bodyId: string, extra: Record<string, unknown> = {}) => {
		const r = await openCase(use().db, actor, { bodyId, category: 'labour_trafficking', sex: 'female', ageBand: '15_17', ...extra }, '198.51.100.7');
		if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.errors)}`);
		return r;
	};

	it('opens cases under codes numbered per body and year, and puts the opener on the team', async () => {
		const { db } = use();
		const wg = await workingGroup();
		const first = await open(wg.secretary.actor, wg.id);
		const second = await open(wg.member.actor, wg.id);
		expect(first.code).toBe(`${wg.prefix}-${thisYear}-001`);
		expect(second.code).toBe(`${wg.prefix}-${thisYear}-002`);
		expect((await open(wg.secretary.actor, wg.id, { openedOn: '2025-03-01' })).code).toBe(`${wg.prefix}-2568-001`);
		const other = await workingGroup();
		expect((await open(other.chair.actor, other.id)).code).toBe(`${other.prefix}-${thisYear}-001`);

		const team = await db.selectFrom('case_team').select(['user_id', 'organisation_id']).where('case_id', '=', first.id).execute();
		expect(team).toEqual([{ user_id: wg.secretary.id, organisation_id: wg.secretary.organisationId }]);
		const row = await db.selectFrom('case_file').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ body_id: wg.id, status: 'open', opened_on: bangkokToday(), closed_on: null, created_by: wg.secretary.id });
		// The URL carries a random id, not the code.
		expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
		const audited = await db
			.selectFrom('audit_event')
			.select(['action', 'target_id'])
			.where('actor_id', '=', wg.secretary.id)
			.where('action', '=', 'case.open')
			.execute();
		expect(audited.map((a) => a.target_id).sort()).toEqual(
			[first.id, (await db.selectFrom('case_file').select('id').where('code', '=', `${wg.prefix}-2568-001`).executeTakeFirstOrThrow()).id].sort()
		);
	});

	it('gives cases opened at the same moment distinct codes', async () => {
		const wg = await workingGroup();
		const opened = await Promise.all(Array.from({ length: 6 }, (_, i) => open(i % 2 ? wg.secretary.actor : wg.member.actor, wg.id)));
		expect(opened.map((o) => o.code).sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `${wg.prefix}-${thisYear}-00${n}`));
	});

	it('shares the CASE series between bodies without their own prefix', async () => {
		const { db } = use();
		const a = await makeBody(db, { roles: ['member'] });
		const b = await makeBody(db, { roles: ['member'] });
		const x = await open(a.seats.member!.actor, a.id, { openedOn: '2020-06-01' });
		const y = await open(b.seats.member!.actor, b.id, { openedOn: '2020-07-01' });
		expect([x.code, y.code]).toEqual(['CASE-2563-001', 'CASE-2563-002']);
	});

	it('names each bad input and lets only the working members of the body open a case', async () => {
		const { db } = use();
		const wg = await workingGroup();
		const admin = await makeUser(db, { admin: true });
		const outsider = await makeUser(db);
		expect(await openCase(db, wg.member.actor, { bodyId: wg.id, category: 'theft', sex: 'x', ageBand: '', openedOn: inDays(3) }, null)).toEqual({
			ok: false,
			errors: { category: 'invalid', sex: 'invalid', ageBand: 'invalid', openedOn: 'in_future' }
		});
		expect(await openCase(db, wg.member.actor, { bodyId: wg.id, category: 'rape', sex: 'female', ageBand: '12_14', openedOn: '2026-02-30' }, null)).toEqual({
			ok: false,
			errors: { openedOn: 'invalid' }
		});
		for (const who of [wg.observer.actor, admin.actor, outsider.actor, wg.parent.seats.chair!.actor]) {
			await expect(openCase(db, who, { bodyId: wg.id, category: 'rape', sex: 'female', ageBand: '12_14' }, null)).rejects.toBeInstanceOf(AccessDenied);
		}
		expect((await open(wg.volunteer.actor, wg.id)).code).toMatch(new RegExp(`^${wg.prefix}-`));
		expect(await db.selectFrom('case_file').select('id').where('body_id', '=', wg.id).execute()).toHaveLength(1);
	});

	it('opens a case from an intake report and triages the report in the same step', async () => {
		const { db } = use();
		const wg = await workingGroup();
		const report = await intake(wg.id);
		const shown = await intakeForCase(db, wg.member.actor, wg.id, report.id, null);
		expect(shown?.report).toMatchObject({ id: report.id, openable: true });
		expect(shown?.report).not.toHaveProperty('contact_name');
		const opened = await open(wg.member.actor, wg.id, { intakeReportId: report.id });
		const after = await db.selectFrom('intake_report').selectAll().where('id', '=', report.id).executeTakeFirstOrThrow();
		expect(after).toMatchObject({ status: 'case_opened', case_id: opened.id, triaged_by: wg.member.id });
		expect(after.triaged_at).not.toBeNull();
		expect((await db.selectFrom('case_file').select('intake_report_id').where('id', '=', opened.id).executeTakeFirstOrThrow()).intake_report_id).toBe(
			report.id
		);

		// Once triaged, a report opens no second case; nor does a dismissed one.
		const again = { bodyId: wg.id, category: 'other', sex: 'unknown', ageBand: 'unknown', intakeReportId: report.id };
		expect(await openCase(db, wg.member.actor, again, null)).toEqual({ ok: false, errors: { intakeReportId: 'already_triaged' } });
		const dismissed = await intake(wg.id, 'dismissed');
		expect(await openCase(db, wg.member.actor, { ...again, intakeReportId: dismissed.id }, null)).toEqual({
			ok: false,
			errors: { intakeReportId: 'already_triaged' }
		});
		expect((await intakeForCase(db, wg.member.actor, wg.id, dismissed.id, null))?.report.openable).toBe(false);

		// A report of another body is not this body's to open.
		const other = await workingGroup();
		const elsewhere = await intake(other.id, 'on_agenda');
		expect(await openCase(db, wg.member.actor, { ...again, intakeReportId: elsewhere.id }, null)).toEqual({
			ok: false,
			errors: { intakeReportId: 'not_found' }
		});
		expect(await intakeForCase(db, wg.member.actor, wg.id, elsewhere.id, null)).toBeNull();
		expect(await openCase(db, wg.member.actor, { ...again, intakeReportId: crypto.randomUUID() }, null)).toEqual({
			ok: false,
			errors: { intakeReportId: 'not_found' }
		});
		expect((await db.selectFrom('intake_report').select('status').where('id', '=', elsewhere.id).executeTakeFirstOrThrow()).status).toBe('on_agenda');

		// Volunteers open cases but do not triage the body's reports.
		const fresh = await intake(wg.id);
		await expect(openCase(db, wg.volunteer.actor, { ...again, intakeReportId: fresh.id }, null)).rejects.toBeInstanceOf(AccessDenied);
		await expect(intakeForCase(db, wg.observer.actor, wg.id, fresh.id, null)).rejects.toBeInstanceOf(AccessDenied);
		expect((await db.selectFrom('intake_report').select('status').where('id', '=', fresh.id).executeTakeFirstOrThrow()).status).toBe('new');
	});

	it('lets the lead and the officers on the team change it, adding only people seated on the body, and keeps at least one member', async () => {
		const { db } = use();
		const wg = await workingGroup();
		const c = await open(wg.secretary.actor, wg.id);
		const outsider = await makeUser(db);
		const changed: string[] = [];
		const off = events.on('access.changed', (e) => {
			if (e.reason === 'case_team') changed.push(e.userId);
		});
		try {
			expect(await addToTeam(db, wg.secretary.actor, c.id, outsider.id, null)).toEqual({ ok: false, errors: { userId: 'not_on_body' } });
			expect(await addToTeam(db, wg.secretary.actor, c.id, wg.observer.id, null)).toEqual({ ok: false, errors: { userId: 'not_on_body' } });
			expect(await addToTeam(db, wg.secretary.actor, c.id, wg.parent.seats.chair!.id, null)).toEqual({ ok: false, errors: { userId: 'not_on_body' } });
			expect(await addToTeam(db, wg.secretary.actor, c.id, 'nobody', null)).toEqual({ ok: false, errors: { userId: 'invalid' } });
			expect(await addToTeam(db, wg.secretary.actor, c.id, wg.member.id, null)).toEqual({ ok: true });
			expect(await addToTeam(db, wg.secretary.actor, c.id, wg.member.id, null)).toEqual({ ok: false, errors: { userId: 'already_on_team' } });
			// Someone not on the team cannot change it, nor learn that the case exists.
			await expectHidden(addToTeam(db, wg.chair.actor, c.id, wg.chair.id, null));

			// A member on the team who is neither its lead nor an officer sees the case but does not change the team.
			const alternate = await makeUser(db);
			await db.updateTable('membership').set({ alternate_user_id: alternate.id }).where('id', '=', wg.chair.membershipId).execute();
			await expect(addToTeam(db, wg.member.actor, c.id, alternate.id, null)).rejects.toMatchObject({ status: 403 });
			await expect(removeFromTeam(db, wg.member.actor, c.id, wg.secretary.id, null)).rejects.toMatchObject({ status: 403 });
			// An alternate joins for the organisation of the seat they stand in for.
			expect(await addToTeam(db, wg.secretary.actor, c.id, alternate.id, null)).toEqual({ ok: true });
			expect(
				(await db.selectFrom('case_team').select('organisation_id').where('case_id', '=', c.id).where('user_id', '=', alternate.id).executeTakeFirstOrThrow())
					.organisation_id
			).toBe(wg.chair.organisationId);

			expect(await removeFromTeam(db, wg.secretary.actor, c.id, alternate.id, null)).toEqual({ ok: true });
			expect(await removeFromTeam(db, wg.secretary.actor, c.id, alternate.id, null)).toEqual({ ok: false, errors: { userId: 'not_on_team' } });
			expect(await removeFromTeam(db, wg.secretary.actor, c.id, wg.secretary.id, null)).toEqual({ ok: true });
			// The longest-serving member left is the lead now.
			expect(await removeFromTeam(db, wg.member.actor, c.id, wg.member.id, null)).toEqual({ ok: false, errors: { userId: 'last_member' } });

			// A member whose seat ended still holds a team row but cannot see the case: they do not count.
			expect(await addToTeam(db, wg.member.actor, c.id, wg.volunteer.id, null)).toEqual({ ok: true });
			await db
				.updateTable('membership')
				.set({ ends_on: inDays(-1) })
				.where('id', '=', wg.volunteer.membershipId)
				.execute();
			expect(await removeFromTeam(db, wg.member.actor, c.id, wg.member.id, null)).toEqual({ ok: false, errors: { userId: 'last_member' } });

			const history = await db.selectFrom('case_team').select(['user_id', 'removed_at', 'removed_by']).where('case_id', '=', c.id).execute();
			expect(history).toHaveLength(4);
			expect(history.find((h) => h.user_id === wg.secretary.id)).toMatchObject({ removed_by: wg.secretary.id });
			expect(history.find((h) => h.user_id === wg.secretary.id)!.removed_at).not.toBeNull();
			expect(changed).toEqual([wg.member.id, alternate.id, alternate.id, wg.secretary.id, wg.volunteer.id]);
		} finally {
			off();
		}
	});

	it('shows the case, its identifying record and documents to the case team only', async () => {
		const { db } = use();
		const wg = await workingGroup();
		const c = await open(wg.secretary.actor, wg.id);
		const leaver = await memberOf(db, wg.id);
		expect(await addToTeam(db, wg.secretary.actor, c.id, wg.member.id, null)).toEqual({ ok: true });
		expect(await addToTeam(db, wg.secretary.actor, c.id, leaver.id, null)).toEqual({ ok: true });
		await db
			.updateTable('membership')
			.set({ ends_on: inDays(-1) })
			.where('id', '=', leaver.membershipId)
			.execute();
		expect(
			await saveIdentity(
				db,
				wg.secretary.actor,
				c.id,
				{ fullName: VICTIM, family: 'อาศัยอยู่กับยาย', address: 'หมู่ 7', dateOfBirth: '2011-05-04', contact: '', notes: '' },
				null
			)
		).toEqual({ ok: true });
		const up = await uploadDocument(db, wg.member.actor, c.id, { filename: 'photo.jpg', content: JPEG }, null);
		if (!up.ok) throw new Error('upload refused');

		const admin = await makeUser(db, { admin: true });
		const outsider = await makeUser(db);
		const team = [wg.secretary.actor, wg.member.actor];
		const others: [string, Actor][] = [
			['chair of the same body, not on the team', wg.chair.actor],
			['observer of the same body', wg.observer.actor],
			['chair of the parent body', wg.parent.seats.chair!.actor],
			['administrator', admin.actor],
			['outsider', outsider.actor],
			['team member whose seat ended', leaver.actor]
		];
		for (const actor of team) {
			const page = await caseView(db, actor, c.id, '198.51.100.8');
			expect(page.case.code).toBe(c.code);
			expect(JSON.stringify(page)).not.toContain(VICTIM);
			const record = await identityView(db, actor, c.id, '198.51.100.8');
			expect(record.identity?.full_name).toBe(VICTIM);
			expect(record.documents.map((d) => d.id)).toEqual([up.id]);
			const file = await downloadDocument(db, actor, c.id, up.id, '198.51.100.8');
			expect(Buffer.from(file!.content).equals(Buffer.from(JPEG))).toBe(true);
		}
		for (const [who, actor] of others) {
			await expectHidden(caseView(db, actor, c.id, null)).catch((e) => {
				throw new Error(`${who}: ${e}`);
			});
			await expectHidden(identityView(db, actor, c.id, null));
			await expectHidden(downloadDocument(db, actor, c.id, up.id, null));
			await expectHidden(saveIdentity(db, actor, c.id, { fullName: 'x', family: '', address: '', dateOfBirth: '', contact: '', notes: '' }, null));
			await expectHidden(updateCase(db, actor, c.id, { status: 'closed', category: 'other', sex: 'unknown', ageBand: 'unknown' }, null));
		}
		await expectHidden(caseView(db, wg.member.actor, crypto.randomUUID(), null));

		// Lists show a member their own cases only, and never identity.
		expect((await listCases(db, wg.member.actor, wg.id)).cases.map((x) => x.code)).toEqual([c.code]);
		expect((await listCases(db, wg.chair.actor, wg.id)).cases).toEqual([]);
		await expect(listCases(db, leaver.actor, wg.id)).rejects.toBeInstanceOf(AccessDenied);
		expect(await myCases(db, leaver.actor)).toEqual([]);
		await expect(listCases(db, admin.actor, wg.id)).rejects.toBeInstanceOf(AccessDenied);
		expect((await myCases(db, wg.member.actor)).map((x) => x.id)).toEqual([c.id]);
		expect(await myCases(db, admin.actor)).toEqual([]);
		expect(JSON.stringify(await listCases(db, wg.member.actor, wg.id))).not.toContain(VICTIM);

		// Every view is audited, and the denials too.
		const rows = await db
			.selectFrom('audit_event')
			.select(['action', 'actor_id', 'target_id', 'client_address'])
			.where('target_id', 'in', [c.id, up.id])
			.execute();
		for (const a of team) {
			expect(rows.filter((r) => r.actor_id === a.userId && r.action === 'case.view')).toHaveLength(1);
			expect(rows.filter((r) => r.actor_id === a.userId && r.action === 'case.identity_view')).toHaveLength(1);
			expect(rows.filter((r) => r.actor_id === a.userId && r.action === 'case.document_view' && r.target_id === up.id)).toHaveLength(1);
		}
		expect(rows.find((r) => r.action === 'case.view')?.client_address).toBe('198.51.100.8');
		expect(rows.filter((r) => r.action === 'access.denied' && r.actor_id === admin.id).length).toBeGreaterThanOrEqual(3);
	});

	it('keeps identifying text out of the audit log and the process log', async () => {
		const { db } = use();
		const lines: string[] = [];
		const previous = log.setSink((l) => lines.push(l));
		try {
			const wg = await workingGroup();
			const c = await open(wg.secretary.actor, wg.id);
			const input = { fullName: VICTIM, family: `บิดา ${VICTIM}`, address: `${VICTIM} บ้านเลขที่ 45`, dateOfBirth: '', contact: VICTIM, notes: VICTIM };
			expect(await saveIdentity(db, wg.secretary.actor, c.id, input, null)).toEqual({ ok: true });
			const up = await uploadDocument(db, wg.secretary.actor, c.id, { filename: `บัตรประชาชน ${VICTIM}.pdf`, content: PDF }, null);
			if (!up.ok) throw new Error('upload refused');
			await identityView(db, wg.secretary.actor, c.id, null);
			await downloadDocument(db, wg.secretary.actor, c.id, up.id, null);
			await setNeed(db, wg.secretary.actor, c.id, { need: 'emotional', organisationId: '', status: 'planned', note: `นัดพบ ${VICTIM}` }, null);
			await updateCase(db, wg.secretary.actor, c.id, { status: 'in_care', category: 'labour_trafficking', sex: 'female', ageBand: '15_17' }, null);
			await expectHidden(identityView(db, wg.chair.actor, c.id, null));
			const conference = await callConference(db, wg.secretary.actor, c.id, { date: inDays(2), time: '10:00', place: '', onlineUrl: '' }, null);
			expect(conference.ok).toBe(true);

			const audit = await db.selectFrom('audit_event').selectAll().execute();
			expect(audit.length).toBeGreaterThan(5);
			expect(JSON.stringify(audit)).not.toContain('สมศรี');
			expect(lines.join('\n')).not.toContain('สมศรี');
			const meetings = await db.selectFrom('meeting').select('title').where('case_id', '=', c.id).execute();
			expect(JSON.stringify(meetings)).not.toContain('สมศรี');
		} finally {
			log.setSink(previous);
		}
	});

	it('accepts photos, PDF and Word files up to 5 MiB, judged by their bytes', async () => {
		const { db } = use();
		const wg = await workingGroup();
		const c = await open(wg.secretary.actor, wg.id);
		const up = (filename: string, content: Uint8Array) => uploadDocument(db, wg.secretary.actor, c.id, { filename, content }, null);
		expect(await up('empty.pdf', new Uint8Array())).toEqual({ ok: false, errors: { file: 'empty' } });
		const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
		big.set(PDF);
		expect(await up('big.pdf', big)).toEqual({ ok: false, errors: { file: 'too_large' } });
		expect(await up('script.pdf', new TextEncoder().encode('<script>alert(1)</script>'))).toEqual({ ok: false, errors: { file: 'wrong_type' } });
		expect(await up('archive.docx', ZIP)).toEqual({ ok: false, errors: { file: 'wrong_type' } });

		const atLimit = new Uint8Array(MAX_DOCUMENT_BYTES);
		atLimit.set(PDF);
		expect((await up('limit.pdf', atLimit)).ok).toBe(true);
		expect((await up('C:\\Users\\nantana\\รูปถ่าย.pdf', PNG)).ok).toBe(true);
		expect((await up('แบบฟอร์ม.docx', DOCX)).ok).toBe(true);
		expect((await up('../x.webp', new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).ok).toBe(true);

		const docs = (await identityView(db, wg.secretary.actor, c.id, null)).documents;
		const byName = Object.fromEntries(docs.map((d) => [d.filename, d]));
		expect(byName['รูปถ่าย.png']).toMatchObject({ kind: 'photo', media_type: 'image/png', size: PNG.byteLength });
		expect(byName['แบบฟอร์ม.docx']).toMatchObject({ kind: 'document', media_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
		expect(byName['x.webp']).toMatchObject({ kind: 'photo', media_type: 'image/webp' });
		expect(byName['limit.pdf']).toMatchObject({ kind: 'document', media_type: 'application/pdf', size: MAX_DOCUMENT_BYTES });
		expect(await downloadDocument(db, wg.secretary.actor, c.id, crypto.randomUUID(), null)).toBeNull();
		// A document of another case is not reachable through this one.
		const other = await open(wg.secretary.actor, wg.id);
		expect(await downloadDocument(db, wg.secretary.actor, other.id, byName['x.webp']!.id, null)).toBeNull();
	});

	it('changes status and categories, dating the closing and clearing it on reopening', async () => {
		const { db } = use();
		const wg = await workingGroup();
		const c = await open(wg.secretary.actor, wg.id);
		const change = (status: string) =>
			updateCase(db, wg.secretary.actor, c.id, { status, category: 'sexual_exploitation', sex: 'female', ageBand: '12_14' }, null);
		expect(await updateCase(db, wg.secretary.actor, c.id, { status: 'lost', category: '', sex: 'female', ageBand: '12_14' }, null)).toEqual({
			ok: false,
			errors: { status: 'invalid', category: 'invalid' }
		});
		expect(await change('closed')).toEqual({ ok: true });
		expect(await db.selectFrom('case_file').select(['status', 'closed_on', 'category', 'age_band']).where('id', '=', c.id).executeTakeFirstOrThrow()).toEqual({
			status: 'closed',
			closed_on: bangkokToday(),
			category: 'sexual_exploitation',
			age_band: '12_14'
		});
		expect(await change('returned_home')).toEqual({ ok: true });
		expect((await db.selectFrom('case_file').select('closed_on').where('id', '=', c.id).executeTakeFirstOrThrow()).closed_on).toBeNull();
		const detail = await db
			.selectFrom('audit_event')
			.select('detail')
			.where('action', '=', 'case.update')
			.where('target_id', '=', c.id)
			.orderBy('id')
			.execute();
		expect(detail.map((d) => d.detail)).toEqual([
			{ changed: ['status', 'category', 'age_band'], status: 'closed' },
			{ changed: ['status'], status: 'returned_home' }
		]);
	});

	it('keeps a case plan: one row per need, each with an active organisation', async () => {
		const { db } = use();
		const wg = await workingGroup();
		const c = await open(wg.secretary.actor, wg.id);
		const hospital = await makeOrganisation(db, 'โรงพยาบาลทดสอบ');
		const closedOrg = await makeOrganisation(db);
		await db.updateTable('organisation').set({ active: false }).where('id', '=', closedOrg.id).execute();
		const need = (o: Record<string, unknown>) =>
			setNeed(db, wg.secretary.actor, c.id, { need: 'physical', organisationId: hospital.id, status: 'planned', note: '', ...o }, null);
		expect(await need({})).toEqual({ ok: true });
		expect(await need({ status: 'in_progress', note: 'นัดตรวจร่างกายวันจันทร์' })).toEqual({ ok: true });
		expect(await need({ need: 'housing', status: 'done', organisationId: closedOrg.id, note: 'x'.repeat(2001) })).toEqual({
			ok: false,
			errors: { need: 'invalid', status: 'invalid', note: 'too_long', organisationId: 'invalid' }
		});
		expect(await need({ organisationId: crypto.randomUUID() })).toEqual({ ok: false, errors: { organisationId: 'invalid' } });
		expect(await need({ need: 'safe_return', organisationId: '', status: 'not_needed' })).toEqual({ ok: true });
		const plan = (await caseView(db, wg.secretary.actor, c.id, null)).plan;
		expect(plan.map((p) => p.need)).toEqual(['physical', 'emotional', 'social_rehabilitation', 'family_community', 'safe_return', 'identity_documents']);
		expect(plan[0]).toMatchObject({ organisation_id: hospital.id, org_th: 'โรงพยาบาลทดสอบ', status: 'in_progress', note: 'นัดตรวจร่างกายวันจันทร์' });
		expect(plan[1]).toMatchObject({ organisation_id: null, status: null });
		expect(plan[4]).toMatchObject({ organisation_id: null, status: 'not_needed' });
		expect(await db.selectFrom('case_need').select('id').where('case_id', '=', c.id).execute()).toHaveLength(2);
		await expectHidden(setNeed(db, wg.member.actor, c.id, { need: 'physical', organisationId: '', status: 'met', note: '' }, null));
	});

	it('calls a case conference for the case team only, named by the case code', async () => {
		const { db } = use();
		const wg = await workingGroup();
		const c = await open(wg.secretary.actor, wg.id);
		await expectHidden(callConference(db, wg.chair.actor, c.id, { date: inDays(3), time: '13:30', place: '', onlineUrl: '' }, null));
		expect(await callConference(db, wg.secretary.actor, c.id, { date: inDays(-1), time: '25:00', place: '', onlineUrl: 'javascript:alert(1)' }, null)).toEqual({
			ok: false,
			errors: { date: 'in_past', time: 'invalid', onlineUrl: 'unsafe_link' }
		});
		const r = await callConference(db, wg.secretary.actor, c.id, { date: inDays(3), time: '13:30', place: 'ห้องประชุมโรงพยาบาล', onlineUrl: '' }, null);
		if (!r.ok) throw new Error('refused');
		const meeting = await db.selectFrom('meeting').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
		expect(meeting).toMatchObject({
			body_id: wg.id,
			kind: 'case_conference',
			case_id: c.id,
			title: `ประชุมปรึกษารายกรณี ${c.code}`,
			status: 'planned',
			place: 'ห้องประชุมโรงพยาบาล'
		});
		expect(await documentAccess(db, wg.secretary.actor, `meeting:${r.id}`)).toMatchObject({ allowed: true, mode: 'write' });
		expect(await documentAccess(db, wg.chair.actor, `meeting:${r.id}`)).toMatchObject({ allowed: false, status: 404 });

		// The case page lists its conferences and the actions of the case.
		const action = await followupAction(db, {
			bodyId: wg.id,
			organisationId: wg.secretary.organisationId,
			assigneeId: wg.secretary.id,
			meetingId: r.id,
			title: 'นัดตรวจร่างกาย'
		});
		await db.updateTable('action_item').set({ case_id: c.id }).where('id', '=', action).execute();
		const page = await caseView(db, wg.secretary.actor, c.id, null);
		expect(page.conferences.map((m) => m.id)).toEqual([r.id]);
		expect(page.actions).toEqual([expect.objectContaining({ id: action, title: 'นัดตรวจร่างกาย', status: 'open', assignee: expect.any(String) })]);
		expect(page).not.toHaveProperty('referrals');
	});

	it('refuses to schedule a case conference without its case', async () => {
		const { db } = use();
		const wg = await workingGroup();
		const input = { title: 'ประชุมปรึกษารายกรณี', kind: 'case_conference', date: inDays(5), time: '09:00', place: '', onlineUrl: '', repeat: 'none', count: '' };
		expect(await schedule(db, wg.secretary.actor, wg.id, input, null)).toEqual({ ok: false, errors: { kind: 'needs_case' } });
		expect(await db.selectFrom('meeting').select('id').where('body_id', '=', wg.id).execute()).toHaveLength(0);
		expect((await schedule(db, wg.secretary.actor, wg.id, { ...input, kind: 'extraordinary' }, null)).ok).toBe(true);
	});

	it('seeds demo cases that the police representative of the same working group cannot see', async () => {
		const { db } = use();
		await seedDemo(db, new Date('2026-11-28T00:00:00Z'));
		const actor = (key: string) => ({ userId: demoId('user', key), isAdmin: false });
		const wg = demoId('body', 'dkt-wg');
		const mine = (await listCases(db, actor('cdo'), wg)).cases;
		expect(mine.map((c) => c.code).sort()).toEqual(['DKT-2569-001', 'DKT-2569-002', 'DKT-2569-003']);
		expect((await listCases(db, actor('police'), wg)).cases).toEqual([]);
		const first = demoId('case', 'c1');
		await expectHidden(caseView(db, actor('police'), first, null));
		const page = await caseView(db, actor('hospital'), first, null);
		expect(page.team.map((t) => t.user_id).sort()).toEqual([actor('cdo').userId, actor('district-officer').userId, actor('hospital').userId].sort());
		expect(page.conferences).toEqual([expect.objectContaining({ status: 'ended', title: 'ประชุมปรึกษารายกรณี DKT-2569-001' })]);
		// The conference's action for the hospital, and the follow-up of the shelter's referral.
		expect(page.actions.map((a) => a.title).sort()).toEqual(['นัดนักจิตวิทยาประเมินสภาพจิตใจและติดตามทุกสัปดาห์', 'ส่งต่อกรณี DKT-2569-001'].sort());
		expect((await identityView(db, actor('district-officer'), first, null)).identity?.full_name).toBeTruthy();
	});
});

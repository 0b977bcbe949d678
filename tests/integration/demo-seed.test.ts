import { expect, it } from 'vitest';
import { demoId, seedDemo } from '../../server/demo/seed';
import { loadDocument } from '../../server/collab/load';
import { readFragment, textOf } from '../../server/rich-text/prosemirror';
import { verifyPassword } from '../../server/auth/password';
import { describeEachEngine } from '../support/database';

describeEachEngine('demo network', (use) => {
	it('seeds the Phayao network with the Dok Khamtai committee and working group', async () => {
		const { db } = use();
		const result = await seedDemo(db, new Date('2026-11-28T00:00:00Z'));
		expect(result.inserted).toBeGreaterThan(100);

		const districts = await db.selectFrom('area').select('name_en').where('level', '=', 'district').execute();
		expect(districts).toHaveLength(9);

		const committee = await db
			.selectFrom('body')
			.innerJoin('organisation', 'organisation.id', 'body.secretariat_organisation_id')
			.select(['body.id', 'organisation.short_name as secretariat'])
			.where('body.name_en', '=', 'Dok Khamtai District Committee against Human Trafficking')
			.executeTakeFirstOrThrow();
		expect(committee.secretariat).toBe('YMCA พะเยา');
		const seats = await db.selectFrom('membership').select('organisation_id').where('body_id', '=', committee.id).execute();
		expect(seats.length).toBeGreaterThanOrEqual(19);
		expect(new Set(seats.map((s) => s.organisation_id)).size).toBe(seats.length);

		// Everyone who sits on a body has the title and position the minutes print.
		const untitled = await db
			.selectFrom('app_user')
			.select('username')
			.where('id', 'in', db.selectFrom('membership').select('user_id'))
			.where((eb) => eb.or([eb('name_title', '=', ''), eb('position', '=', '')]))
			.execute();
		expect(untitled).toEqual([]);

		const wgChair = await db
			.selectFrom('membership')
			.innerJoin('body', 'body.id', 'membership.body_id')
			.innerJoin('organisation', 'organisation.id', 'membership.organisation_id')
			.select(['organisation.sector'])
			.where('body.kind', '=', 'working_group')
			.where('membership.role', '=', 'chair')
			.executeTakeFirstOrThrow();
		expect(wgChair.sector).toBe('district_office');

		const admin = await db.selectFrom('app_user').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
		expect(admin.is_admin).toBe(true);
		expect(await verifyPassword(admin.password_hash!, result.password)).toBe(true);

		const meetings = await db.selectFrom('meeting').select(['status', 'starts_at']).execute();
		expect(meetings.some((m) => m.status === 'ended')).toBe(true);
		expect(meetings.some((m) => m.status === 'planned')).toBe(true);
	});

	it('holds the whole cycle: attendance, agendas, notes, decisions, and minutes approved at the next meeting or awaiting it', async () => {
		const { db } = use();
		const wg = demoId('body', 'dkt-wg');
		const held = await db
			.selectFrom('meeting')
			.select(['id', 'status', 'body_id'])
			.where('status', 'in', ['ended', 'minutes_approved'])
			.where('case_id', 'is', null)
			.execute();
		const approved = held.filter((m) => m.status === 'minutes_approved');
		expect(approved.map((m) => m.body_id).sort()).toEqual([demoId('body', 'dkt-committee'), wg, wg].sort());

		// Each approval was made at the body's next meeting, by the chair, and audited.
		const versions = await db
			.selectFrom('minutes_version')
			.selectAll()
			.where(
				'meeting_id',
				'in',
				approved.map((m) => m.id)
			)
			.execute();
		expect(versions).toHaveLength(approved.length);
		expect(versions.every((v) => v.kind === 'approved_at_meeting' && v.approved_at_meeting_id && v.created_by === demoId('user', 'district-officer'))).toBe(
			true
		);
		expect(versions.find((v) => v.meeting_id === demoId('meeting', 'dkt-wg:-5'))!.approved_at_meeting_id).toBe(demoId('meeting', 'dkt-wg:-4'));
		const audited = await db.selectFrom('audit_event').select(['action', 'target_id']).where('action', 'in', ['minutes.generate', 'minutes.approve']).execute();
		expect(
			audited
				.filter((a) => a.action === 'minutes.approve')
				.map((a) => a.target_id)
				.sort()
		).toEqual(approved.map((m) => m.id).sort());

		// The committee's last meeting has a draft awaiting its next meeting, which is still to be held.
		const awaiting = demoId('meeting', 'dkt-committee:-2');
		expect(await db.selectFrom('minutes').select('meeting_id').where('meeting_id', '=', awaiting).executeTakeFirst()).toBeDefined();
		expect(held.find((m) => m.id === awaiting)!.status).toBe('ended');
		expect((await db.selectFrom('meeting').select('status').where('id', '=', demoId('meeting', 'dkt-committee:1')).executeTakeFirstOrThrow()).status).toBe(
			'planned'
		);
		const draft = await loadDocument(db, `minutes:${awaiting}`);
		expect(textOf(readFragment(draft.doc, 'minutes'))).toContain('เทศบาลตำบลดอกคำใต้พร้อมเสนอโครงการเฝ้าระวัง');

		// One held meeting's minutes name why an organisation was away and a guest who was not a member.
		const withGuest = demoId('meeting', 'dkt-wg:-4');
		const approvedText = (await db.selectFrom('minutes_version').select('content_markdown').where('meeting_id', '=', withGuest).executeTakeFirstOrThrow())
			.content_markdown;
		expect(approvedText).toContain('ติดภารกิจจัดอบรมเยาวชนที่อำเภอเชียงคำ');
		expect(approvedText).toMatch(/ผู้เข้าร่วมประชุม[\s\S]*นางสาวอรุณี ปัญญาวงค์ นักจิตวิทยาคลินิก โรงพยาบาลพะเยา/);
		const mirrored = await loadDocument(db, `meeting:${withGuest}`);
		expect([...mirrored.doc.getMap('guests').values()].map((g) => (g as { get(k: string): unknown }).get('name'))).toEqual(['นางสาวอรุณี ปัญญาวงค์']);

		// Attendance of every kind, agendas and notes in the live documents, decisions tied to organisations.
		const attendance = await db
			.selectFrom('attendance')
			.select('status')
			.where(
				'meeting_id',
				'in',
				held.map((m) => m.id)
			)
			.execute();
		expect(new Set(attendance.map((a) => a.status))).toEqual(new Set(['present', 'alternate', 'apologies', 'absent']));
		for (const m of held) {
			const items = await db.selectFrom('agenda_item').select('id').where('meeting_id', '=', m.id).execute();
			expect(items.length, m.id).toBeGreaterThan(0);
		}
		const notes = await loadDocument(db, `meeting:${demoId('meeting', 'dkt-wg:-5')}`);
		expect(textOf(readFragment(notes.doc, `notes:${demoId('agenda', 'dkt-wg:-5:3')}`))).toContain('ภาษาไทใหญ่');
		const leads = await db
			.selectFrom('decision')
			.leftJoin('decision_organisation', (j) => j.onRef('decision_organisation.decision_id', '=', 'decision.id').on('responsibility', '=', 'lead'))
			.select(['decision.id', 'decision_organisation.organisation_id'])
			.execute();
		expect(leads.every((d) => d.organisation_id)).toBe(true);

		// The case conference has its record too, without leaving its case's thread.
		const conference = demoId('meeting', 'case:c1:conference');
		expect(await db.selectFrom('attendance').select('status').where('meeting_id', '=', conference).execute()).toHaveLength(3);
		expect(await db.selectFrom('minutes').select('meeting_id').where('meeting_id', '=', conference).executeTakeFirst()).toBeDefined();
	});

	it('has action items in every state, report-backs accepted and carried over, overdue and due-soon items', async () => {
		const { db } = use();
		const actions = await db.selectFrom('action_item').select(['id', 'status', 'due_on', 'closed_meeting_id']).execute();
		expect(new Set(actions.map((a) => a.status))).toEqual(new Set(['open', 'in_progress', 'awaiting_report', 'closed', 'dropped']));
		const today = '2026-11-28';
		const open = actions.filter((a) => ['open', 'in_progress', 'awaiting_report'].includes(a.status) && a.due_on);
		expect(open.some((a) => a.due_on! < today)).toBe(true);
		expect(open.some((a) => a.due_on! > today && a.due_on! <= '2026-12-01')).toBe(true);
		expect(actions.filter((a) => a.status === 'closed').every((a) => a.closed_meeting_id)).toBe(true);
		const kinds = new Set((await db.selectFrom('action_update').select('kind').execute()).map((u) => u.kind));
		for (const k of ['started', 'progress', 'done', 'report_back', 'accepted', 'carried_over', 'dropped'] as const) expect(kinds.has(k), k).toBe(true);
		// Every item past "open" carries the history that got it there.
		for (const a of actions.filter((x) => x.status !== 'open')) {
			const history = await db.selectFrom('action_update').select('kind').where('action_item_id', '=', a.id).execute();
			expect(history.length, a.id).toBeGreaterThan(0);
		}
	});

	it('schedules the working group’s next meeting within three days, in Bangkok, with its agenda', async () => {
		const { db } = use();
		const seededAt = new Date('2026-11-28T00:00:00Z');
		const next = await db
			.selectFrom('meeting')
			.selectAll()
			.where('body_id', '=', demoId('body', 'dkt-wg'))
			.where('status', '=', 'planned')
			.orderBy('starts_at')
			.executeTakeFirstOrThrow();
		expect(next.id).toBe(demoId('meeting', 'dkt-wg:next'));
		expect(next.starts_at.getTime()).toBeGreaterThan(seededAt.getTime());
		expect(next.starts_at.getTime() - seededAt.getTime()).toBeLessThanOrEqual(3 * 24 * 3600_000);
		expect(next.starts_at.toISOString()).toBe('2026-11-30T02:00:00.000Z');
		const agenda = await db.selectFrom('agenda_item').select(['title', 'standing']).where('meeting_id', '=', next.id).orderBy('position').execute();
		expect(agenda).toHaveLength(5);
		expect(agenda[0]).toEqual({ title: 'รับรองรายงานการประชุมครั้งที่แล้ว', standing: 'minutes' });
	});

	it('changes nothing when run a second time', async () => {
		const { db } = use();
		const tables = [
			'membership',
			'meeting',
			'agenda_item',
			'attendance',
			'decision',
			'action_item',
			'action_update',
			'minutes',
			'minutes_version',
			'doc_update',
			'audit_event'
		] as const;
		const counts = async () =>
			Promise.all(
				tables.map(async (t) =>
					Number(
						(
							await db
								.selectFrom(t)
								.select((eb) => eb.fn.countAll<number>().as('n'))
								.executeTakeFirstOrThrow()
						).n
					)
				)
			);
		const before = await counts();
		const again = await seedDemo(db, new Date('2026-12-15T00:00:00Z'));
		expect(again.inserted).toBe(0);
		expect(await counts()).toEqual(before);
	});
});

import { expect, it } from 'vitest';
import type { CollabServer } from '../../server/collab/server';
import { decideReportBack } from '../../server/meetings/followup';
import { bodyTemplate, updateTemplate } from '../../server/meetings/service';
import { handOver } from '../../server/handover/service';
import { describeEachEngine } from '../support/database';
import { followupAction, followupMeeting, makeBody, makeUser } from '../support/factories';
import { refusedWith, snapshot } from '../support/case-scene';
import { bangkokToday } from '../../src/lib/calendar';

const day = 24 * 3600_000;
const later = new Date(Date.now() + 40 * day).toISOString().slice(0, 10);

describeEachEngine('a refused request changes nothing', (use) => {
	async function scene() {
		const { db } = use();
		const body = await makeBody(db, { roles: ['chair', 'secretary', 'member'] });
		const s = body.seats;
		const held = await followupMeeting(db, { bodyId: body.id, startsAt: new Date(Date.now() - day), status: 'ended' });
		const item = await followupAction(db, { bodyId: body.id, organisationId: s.member!.organisationId, assigneeId: s.member!.id, status: 'in_progress' });
		const changed: string[] = [];
		const collab = { change: async (name: string) => void changed.push(name) } as unknown as CollabServer;
		return { body, s, held, item, collab, changed };
	}
	const historyOf = (id: string) =>
		use().db.selectFrom('action_update').select(['kind', 'text']).where('action_item_id', '=', id).orderBy('at').orderBy('id').execute();

	it('saves no report-back when the decision that came with it is refused', async () => {
		const { db } = use();
		const { s, held, item, collab, changed } = await scene();
		const before = await snapshot(db);
		// The member reports for their own organisation but may not accept it.
		await expect(
			decideReportBack(db, collab, s.member!.actor, { verb: 'accept', meetingId: held, actionItemId: item, text: 'ดำเนินการครบแล้ว' }, null)
		).rejects.toEqual(refusedWith(403));
		await expect(
			decideReportBack(
				db,
				collab,
				s.member!.actor,
				{ verb: 'carry', meetingId: held, actionItemId: item, text: 'ยังไม่เสร็จ', dueOn: later, reason: 'รอเอกสาร' },
				null
			)
		).rejects.toEqual(refusedWith(403));
		expect(await snapshot(db)).toEqual(before);
		expect(changed).toEqual([]);
		const denied = await db.selectFrom('audit_event').select('detail').where('action', '=', 'access.denied').where('actor_id', '=', s.member!.id).execute();
		expect(denied.map((d) => (d.detail as { action: string }).action)).toEqual(['action.accept', 'action.carry_over']);
	});

	it('undoes the report-back when its decision fails, and records both together when it holds', async () => {
		const { db } = use();
		const { s, held, item, collab, changed } = await scene();
		const before = await snapshot(db);
		expect(
			await decideReportBack(
				db,
				collab,
				s.chair!.actor,
				{ verb: 'carry', meetingId: held, actionItemId: item, text: 'ยังไม่เสร็จ', dueOn: '2020-01-01', reason: 'รอเอกสาร' },
				null
			)
		).toEqual({ ok: false, errors: { dueOn: 'in_past' } });
		expect(await decideReportBack(db, collab, s.chair!.actor, { verb: 'accept', meetingId: held, actionItemId: item, text: 'bad\u0000text' }, null)).toEqual({
			ok: false,
			errors: { text: 'control_character' }
		});
		expect(await snapshot(db)).toEqual(before);
		expect(changed).toEqual([]);

		expect(await decideReportBack(db, collab, s.chair!.actor, { verb: 'accept', meetingId: held, actionItemId: item, text: 'ดำเนินการครบแล้ว' }, null)).toEqual({
			ok: true,
			status: 'closed'
		});
		expect((await historyOf(item)).map((h) => h.kind)).toEqual(['created', 'report_back', 'accepted']);
		expect(changed).toEqual([`meeting:${held}`]);
	});

	it('keeps the agenda template as it was when a title holds control characters or the editor may not edit it', async () => {
		const { db } = use();
		const { body, s } = await scene();
		const rows = (titleTh: string) => [
			{ titleTh: 'รับรองรายงานการประชุม', titleEn: '', minutes: '10', standing: 'minutes' },
			{ titleTh, titleEn: '', minutes: '', standing: '' }
		];
		expect(await updateTemplate(db, s.secretary!.actor, body.id, rows('ข้อมูลจากอาสาสมัคร'), null)).toEqual({ ok: true });
		const before = await snapshot(db);
		expect(await updateTemplate(db, s.secretary!.actor, body.id, rows('ข้อมูล\u001b[2Jจากอาสา'), null)).toEqual({
			ok: false,
			errors: { row1: 'control_character' }
		});
		expect(await updateTemplate(db, s.secretary!.actor, body.id, rows('สองบรรทัด\nที่นี่'), null)).toEqual({ ok: false, errors: { row1: 'control_character' } });
		await expect(updateTemplate(db, s.member!.actor, body.id, rows('อื่น ๆ'), null)).rejects.toEqual(refusedWith(403));
		expect(await snapshot(db)).toEqual(before);
		expect((await bodyTemplate(db, s.secretary!.actor, body.id)).map((t) => t.title_th)).toEqual(['รับรองรายงานการประชุม', 'ข้อมูลจากอาสาสมัคร']);
	});

	it('hands over only seats of the body whose page the request came from', async () => {
		const { db } = use();
		const { body, s } = await scene();
		const other = await makeBody(db, { roles: ['chair', 'member'] });
		const successor = await makeUser(db);
		const before = await snapshot(db);
		// The chair of this body names a seat of another body.
		expect(
			await handOver(
				db,
				s.chair!.actor,
				{ bodyId: body.id, membershipId: other.seats.member!.membershipId, successorId: successor.id, note: 'ส่งต่อ', startsOn: bangkokToday() },
				null
			)
		).toEqual({ ok: false, errors: { membership: 'not_found' } });
		// A chair of the other body, on this body's page, is refused before anything is read.
		await expect(
			handOver(
				db,
				other.seats.chair!.actor,
				{ bodyId: body.id, membershipId: other.seats.member!.membershipId, successorId: successor.id, note: 'ส่งต่อ', startsOn: bangkokToday() },
				null
			)
		).rejects.toEqual(refusedWith(403));
		expect(await snapshot(db)).toEqual(before);
	});
});

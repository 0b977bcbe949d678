import { expect, it } from 'vitest';
import { actionPage } from '../../server/followup/history';
import { acceptReportBack, carryOver, dropAction, markDone, postProgress, reassign, recordReportBack, startAction } from '../../server/followup/lifecycle';
import { describeEachEngine } from '../support/database';
import { followupAction, followupMeeting } from '../support/factories';
import { caseAction, caseScene, refusedWith, snapshot } from '../support/case-scene';

const day = 24 * 3600_000;
const later = new Date(Date.now() + 40 * day).toISOString().slice(0, 10);

describeEachEngine('a case’s actions belong to its team', (use) => {
	async function scene() {
		const { db } = use();
		const s = await caseScene(db);
		const held = await followupMeeting(db, { bodyId: s.body.id, startsAt: new Date(Date.now() - day), status: 'ended' });
		return { ...s, held };
	}

	it('refuses every change to a case’s action to anyone off its team, the lead organisation’s representative included, and changes nothing', async () => {
		const { db } = use();
		const s = await scene();
		// Led by the police, whose representative is not on the team.
		const item = await caseAction(db, { bodyId: s.body.id, caseId: s.caseId, organisationId: s.police.organisationId, assigneeId: null, status: 'open' });
		const before = await snapshot(db);
		// One after another: each refusal is checked on its own.
		for (const run of [
			() => startAction(db, s.police.actor, { actionItemId: item }),
			() => postProgress(db, s.police.actor, { actionItemId: item, text: 'ตรวจสอบแล้ว' }),
			() => markDone(db, s.police.actor, { actionItemId: item, text: 'เสร็จแล้ว' }),
			() => recordReportBack(db, s.police.actor, { actionItemId: item, meetingId: s.held, text: 'รายงานผล' }),
			// The chair holds every office of the body, but not a seat on the team.
			() => recordReportBack(db, s.chair.actor, { actionItemId: item, meetingId: s.held, text: 'รายงานผล' }),
			() => acceptReportBack(db, s.chair.actor, { actionItemId: item, meetingId: s.held }),
			() => carryOver(db, s.chair.actor, { actionItemId: item, meetingId: s.held, dueOn: later, reason: 'เลื่อน' }),
			() => reassign(db, s.chair.actor, { actionItemId: item, organisationId: s.chair.organisationId, reason: 'โอน' }),
			() => dropAction(db, s.chair.actor, { actionItemId: item, reason: 'ยกเลิก' })
		]) {
			await expect(run()).rejects.toEqual(refusedWith(403));
		}
		expect(await snapshot(db)).toEqual(before);
		// Nor does the page offer them anything.
		expect((await actionPage(db, s.police.actor, item))?.allowed).toEqual([]);
		expect((await actionPage(db, s.chair.actor, item))?.allowed).toEqual([]);
	});

	it('lets the team move it as the body’s rules say', async () => {
		const { db } = use();
		const s = await scene();
		const item = await caseAction(db, { bodyId: s.body.id, caseId: s.caseId, organisationId: s.hospital.organisationId, assigneeId: s.hospital.id });
		expect(await postProgress(db, s.hospital.actor, { actionItemId: item, text: 'นัดนักจิตวิทยาแล้ว' })).toEqual({ ok: true, status: 'in_progress' });
		expect(await markDone(db, s.hospital.actor, { actionItemId: item })).toEqual({ ok: true, status: 'awaiting_report' });
		expect(await recordReportBack(db, s.hospital.actor, { actionItemId: item, meetingId: s.held, text: 'ประเมินครบแล้ว' })).toEqual({
			ok: true,
			status: 'awaiting_report'
		});
		// On the team but not an officer: accepting stays the officers'.
		await expect(acceptReportBack(db, s.hospital.actor, { actionItemId: item, meetingId: s.held })).rejects.toEqual(refusedWith(403));
		expect(await acceptReportBack(db, s.secretary.actor, { actionItemId: item, meetingId: s.held })).toEqual({ ok: true, status: 'closed' });
	});

	it('assigns a case’s action only within its team, and offers only the team', async () => {
		const { db } = use();
		const s = await scene();
		const item = await caseAction(db, { bodyId: s.body.id, caseId: s.caseId, organisationId: s.hospital.organisationId, assigneeId: s.hospital.id });
		expect(
			await reassign(db, s.secretary.actor, { actionItemId: item, organisationId: s.police.organisationId, assigneeId: s.police.id, reason: 'ให้ตำรวจดำเนินการ' })
		).toEqual({ ok: false, errors: { assigneeId: 'not_on_case_team' } });
		expect((await db.selectFrom('action_item').select('assignee_id').where('id', '=', item).executeTakeFirstOrThrow()).assignee_id).toBe(s.hospital.id);
		const page = await actionPage(db, s.secretary.actor, item);
		expect(new Set(page?.reassign.people.map((p) => p.userId))).toEqual(new Set([s.secretary.id, s.hospital.id]));
		// An organisation may lead it with nobody named yet: the team names someone later.
		expect(await reassign(db, s.secretary.actor, { actionItemId: item, organisationId: s.police.organisationId, reason: 'ให้ตำรวจนำ' })).toEqual({
			ok: true,
			status: 'open'
		});
	});

	it('counts a conference only for its own case’s items, as unknown as a wrong id to any other', async () => {
		const { db } = use();
		const s = await scene();
		const conference = await db
			.insertInto('meeting')
			.values({
				body_id: s.body.id,
				kind: 'case_conference',
				case_id: s.caseId,
				title: `ประชุมปรึกษารายกรณี ${s.code}`,
				starts_at: new Date(Date.now() - day),
				status: 'ended'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const plain = await followupAction(db, { bodyId: s.body.id, organisationId: s.police.organisationId, assigneeId: s.police.id });
		const atConference = await recordReportBack(db, s.police.actor, { actionItemId: plain, meetingId: conference.id, text: 'รายงานผล' });
		const atNothing = await recordReportBack(db, s.police.actor, { actionItemId: plain, meetingId: crypto.randomUUID(), text: 'รายงานผล' });
		expect(atConference).toEqual({ ok: false, errors: { meetingId: 'invalid' } });
		expect(atConference).toEqual(atNothing);
	});
});

import { expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CollabServer } from '../../server/collab/server';
import { carryOver, markDone } from '../../server/followup/lifecycle';
import { historyOf } from '../../server/followup/repository/items';
import { decideReportBack, meetingFollowup } from '../../server/meetings/followup';
import { reportBacksOf } from '../../src/lib/meeting-doc/schema';
import { describeEachEngine } from '../support/database';
import { followupAction, followupMeeting, makeBody } from '../support/factories';

const DAY = 24 * 3600_000;

/** A stand-in for the live documents: each change is applied to one Y.Doc per meeting, as the server would. */
function documents() {
	const docs = new Map<string, Y.Doc>();
	const collab = {
		change: async (name: string, fn: (doc: Y.Doc) => void) => {
			const doc = docs.get(name) ?? new Y.Doc();
			docs.set(name, doc);
			fn(doc);
		}
	} as unknown as CollabServer;
	const reportBack = (id: string) => [...docs.values()].map((d) => reportBacksOf(d).get(id)?.toJSON()).find(Boolean);
	return { collab, reportBack };
}

describeEachEngine('report-back pre-filled from the board', (use) => {
	async function scene() {
		const { db } = use();
		const body = await makeBody(db, { roles: ['chair', 'member'] });
		const s = body.seats;
		const item = () =>
			followupAction(db, { bodyId: body.id, organisationId: s.member!.organisationId, assigneeId: s.member!.id, createdAt: new Date(Date.now() - 20 * DAY) });
		const meeting = await followupMeeting(db, { bodyId: body.id, startsAt: new Date(Date.now() - 3600_000), status: 'in_progress' });
		const draftOf = async (id: string) =>
			(await meetingFollowup(db, { id: meeting, body_id: body.id }, s.chair!.id)).flatMap((g) => g.actions).find((a) => a.id === id)?.draft;
		return { db, body, s, item, meeting, draftOf };
	}

	it('carries the note written when marking the item done into the next meeting’s report-back', async () => {
		const { db, s, item, draftOf } = await scene();
		const id = await item();
		expect(await draftOf(id)).toBeNull();
		expect(await markDone(db, s.member!.actor, { actionItemId: id, text: '  อบรมครูครบ 12 โรงเรียนแล้ว  ' })).toEqual({ ok: true, status: 'awaiting_report' });
		expect(await draftOf(id)).toBe('อบรมครูครบ 12 โรงเรียนแล้ว');
	});

	it('lets the chair accept at once with the board’s note as the report-back, recorded and shown in the meeting', async () => {
		const { db, s, item, meeting } = await scene();
		const id = await item();
		await markDone(db, s.member!.actor, { actionItemId: id, text: 'ส่งรายชื่อผู้เข้าอบรมแล้ว' });
		const { collab, reportBack } = documents();
		expect(await decideReportBack(db, collab, s.chair!.actor, { verb: 'accept', meetingId: meeting, actionItemId: id, text: '' }, null)).toEqual({
			ok: true,
			status: 'closed'
		});
		const history = await historyOf(db, null, [id]);
		expect(history.filter((h) => h.kind === 'report_back').map((h) => [h.text, h.meeting_id])).toEqual([['ส่งรายชื่อผู้เข้าอบรมแล้ว', meeting]]);
		expect(history.at(-1)?.kind).toBe('accepted');
		expect(reportBack(id)).toMatchObject({ text: 'ส่งรายชื่อผู้เข้าอบรมแล้ว', outcome: 'accepted' });
	});

	it('keeps what the room typed over the board’s note', async () => {
		const { db, s, item, meeting } = await scene();
		const id = await item();
		await markDone(db, s.member!.actor, { actionItemId: id, text: 'ร่างจากกระดาน' });
		const { collab } = documents();
		await decideReportBack(db, collab, s.chair!.actor, { verb: 'accept', meetingId: meeting, actionItemId: id, text: 'รายงานในที่ประชุม' }, null);
		expect((await historyOf(db, null, [id])).filter((h) => h.kind === 'report_back').map((h) => h.text)).toEqual(['รายงานในที่ประชุม']);
	});

	it('drops the draft once the item is carried over, and offers none for an item marked done without a note', async () => {
		const { db, s, item, meeting, draftOf } = await scene();
		const carried = await item();
		await markDone(db, s.member!.actor, { actionItemId: carried, text: 'เสร็จแล้ว' });
		expect(
			(
				await carryOver(db, s.chair!.actor, {
					actionItemId: carried,
					meetingId: meeting,
					dueOn: new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10),
					reason: 'ยังไม่ครบ'
				})
			).ok
		).toBe(true);
		expect(await draftOf(carried)).toBeNull();
		const silent = await item();
		await markDone(db, s.member!.actor, { actionItemId: silent, text: '' });
		expect(await draftOf(silent)).toBeNull();
	});
});

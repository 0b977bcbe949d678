import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied } from '../../server/access';
import type { CollabServer } from '../../server/collab/server';
import { approveAtMeeting, approveByChair } from '../../server/minutes/approval';
import { answerCirculation, circulate, settleDueCirculations } from '../../server/minutes/circulation';
import { readDraft } from '../../server/minutes/live';
import { renderMarkdown } from '../../server/minutes/markdown';
import { generateDraft, minutesPage } from '../../server/minutes/service';
import { sha256 } from '../../server/minutes/versions';
import { describeEachEngine } from '../support/database';
import { heldMeeting, liveDocuments, nextMeeting } from '../support/minutes-factories';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describeEachEngine('minutes approved by circulation (แจ้งเวียน)', (use) => {
	let collab: CollabServer;
	beforeAll(() => {
		collab = liveDocuments(use().db);
	});
	afterAll(() => collab?.close());

	const status = async (meetingId: string) =>
		(await use().db.selectFrom('meeting').select('status').where('id', '=', meetingId).executeTakeFirstOrThrow()).status;
	const audits = (meetingId: string) =>
		use()
			.db.selectFrom('audit_event')
			.select(['actor_id', 'action'])
			.where('target_id', '=', meetingId)
			.where('action', 'like', 'minutes.%')
			.where('action', '!=', 'minutes.generate')
			.orderBy('id')
			.execute();
	/** A held meeting with its draft, circulated by the secretary at `t0` for seven days. */
	async function circulated(t0: Date) {
		const { db } = use();
		const held = await heldMeeting(db, collab);
		await generateDraft(db, collab, held.seats.secretary!.actor, held.meetingId);
		expect(await circulate(db, collab, held.seats.secretary!.actor, held.meetingId, { days: '7' }, null, t0)).toEqual({
			ok: true,
			deadline: new Date(t0.getTime() + 7 * DAY)
		});
		return held;
	}

	it('approves the circulated text once every member has confirmed, recording who confirmed when', async () => {
		const { db } = use();
		const t0 = new Date();
		const held = await circulated(t0);
		const circulatedText = renderMarkdown(await readDraft(db, collab, held.meetingId));
		const s = held.seats;
		const members = [s.member!, s.vice_chair!, s.chair!, s.secretary!];
		for (const [i, who] of members.entries()) {
			const r = await answerCirculation(db, who.actor, held.meetingId, { confirm: 'true', text: '' }, null, new Date(t0.getTime() + (i + 1) * HOUR));
			expect(r).toEqual({ ok: true, status: i === members.length - 1 ? 'approved' : 'open' });
			if (i < members.length - 1) expect(await status(held.meetingId)).toBe('ended');
		}
		expect(await status(held.meetingId)).toBe('minutes_approved');
		const [version] = await db.selectFrom('minutes_version').selectAll().where('meeting_id', '=', held.meetingId).execute();
		expect(version).toMatchObject({ number: 1, kind: 'approved_by_circulation', created_by: s.secretary!.id, sha256: sha256(circulatedText) });
		const answers = await db
			.selectFrom('minutes_circulation_response')
			.select(['user_id', 'kind', 'at'])
			.where('meeting_id', '=', held.meetingId)
			.orderBy('at')
			.execute();
		expect(answers.map((a) => [a.user_id, a.kind, a.at.getTime()])).toEqual(members.map((m, i) => [m.id, 'confirmed', t0.getTime() + (i + 1) * HOUR]));
		expect(await audits(held.meetingId)).toEqual([
			{ actor_id: s.secretary!.id, action: 'minutes.circulate' },
			...members.map((m) => ({ actor_id: m.id, action: 'minutes.circulation_confirm' })),
			{ actor_id: s.secretary!.id, action: 'minutes.approve' }
		]);
		const page = await minutesPage(db, s.observer!.actor, held.meetingId);
		expect(page.circulation).toMatchObject({ status: 'approved' });
		expect(page.circulation!.answers.map((a) => a.kind)).toEqual(['confirmed', 'confirmed', 'confirmed', 'confirmed']);
	});

	it('refuses observers, outsiders, a second answer, a comment without words, and any answer after the deadline', async () => {
		const { db } = use();
		const t0 = new Date();
		const held = await circulated(t0);
		const s = held.seats;
		const soon = new Date(t0.getTime() + HOUR);
		for (const who of [s.observer!, held.outsider])
			await expect(answerCirculation(db, who.actor, held.meetingId, { confirm: 'true', text: '' }, null, soon)).rejects.toBeInstanceOf(AccessDenied);
		expect(await answerCirculation(db, s.member!.actor, held.meetingId, { confirm: null, text: '  ' }, null, soon)).toEqual({
			ok: false,
			error: 'comment_required'
		});
		expect(await answerCirculation(db, s.member!.actor, held.meetingId, { confirm: 'true', text: '' }, null, soon)).toEqual({ ok: true, status: 'open' });
		expect(await answerCirculation(db, s.member!.actor, held.meetingId, { confirm: null, text: 'ขอแก้ชื่อ' }, null, soon)).toEqual({
			ok: false,
			error: 'already_responded'
		});
		// While the draft is out, no other route approves it, and it is not circulated twice.
		expect(await approveByChair(db, collab, s.chair!.actor, held.meetingId, { reason: 'ด่วน' })).toEqual({ ok: false, error: 'circulating' });
		expect(await circulate(db, collab, s.secretary!.actor, held.meetingId, { days: 3 }, null, soon)).toEqual({ ok: false, error: 'already_circulated' });
		const late = new Date(t0.getTime() + 7 * DAY + 1);
		expect(await answerCirculation(db, s.chair!.actor, held.meetingId, { confirm: 'true', text: '' }, null, late)).toEqual({
			ok: false,
			error: 'circulation_closed'
		});
		const responses = await db.selectFrom('minutes_circulation_response').select('user_id').where('meeting_id', '=', held.meetingId).execute();
		expect(responses.map((r) => r.user_id)).toEqual([s.member!.id]);
	});

	it('refuses to circulate for anyone but the officers, before a draft, or with a deadline out of range', async () => {
		const { db } = use();
		const held = await heldMeeting(db, collab);
		const s = held.seats;
		expect(await circulate(db, collab, s.secretary!.actor, held.meetingId, { days: 7 })).toEqual({ ok: false, error: 'not_generated' });
		await generateDraft(db, collab, s.secretary!.actor, held.meetingId);
		for (const who of [s.member!, s.observer!, held.outsider])
			await expect(circulate(db, collab, who.actor, held.meetingId, { days: 7 })).rejects.toBeInstanceOf(AccessDenied);
		for (const days of [0, 31, 'สองวัน', 2.5])
			expect(await circulate(db, collab, s.chair!.actor, held.meetingId, { days })).toEqual({ ok: false, error: 'invalid_deadline' });
		expect(await answerCirculation(db, s.member!.actor, held.meetingId, { confirm: 'true', text: '' })).toEqual({ ok: false, error: 'not_circulating' });
		expect(await db.selectFrom('minutes_circulation').select('meeting_id').where('meeting_id', '=', held.meetingId).execute()).toEqual([]);
	});

	it('approves at the deadline when no member commented, with no one named as approver', async () => {
		const { db } = use();
		const t0 = new Date();
		const held = await circulated(t0);
		await answerCirculation(db, held.seats.member!.actor, held.meetingId, { confirm: 'true', text: '' }, null, new Date(t0.getTime() + HOUR));
		expect(await settleDueCirculations(db, new Date(t0.getTime() + 6 * DAY))).toBe(0);
		expect(await status(held.meetingId)).toBe('ended');
		expect(await settleDueCirculations(db, new Date(t0.getTime() + 7 * DAY))).toBeGreaterThanOrEqual(1);
		expect(await status(held.meetingId)).toBe('minutes_approved');
		expect((await audits(held.meetingId)).at(-1)).toEqual({ actor_id: null, action: 'minutes.approve' });
		const circulation = await db
			.selectFrom('minutes_circulation')
			.select(['status', 'settled_at'])
			.where('meeting_id', '=', held.meetingId)
			.executeTakeFirstOrThrow();
		expect(circulation).toEqual({ status: 'approved', settled_at: new Date(t0.getTime() + 7 * DAY) });
	});

	describe('with a comment', () => {
		it('returns the minutes to the next meeting at the deadline, the comment kept, and the next meeting approves them', async () => {
			const { db } = use();
			const t0 = new Date();
			const held = await circulated(t0);
			const s = held.seats;
			await answerCirculation(db, s.vice_chair!.actor, held.meetingId, { confirm: null, text: 'ขอแก้ไขชื่อผู้มาประชุมลำดับที่ 2' }, null, new Date(t0.getTime() + HOUR));
			for (const who of [s.member!, s.chair!, s.secretary!])
				await answerCirculation(db, who.actor, held.meetingId, { confirm: 'true', text: '' }, null, new Date(t0.getTime() + 2 * HOUR));
			// Everyone answered, but not everyone confirmed: the circulation runs to its deadline.
			expect(await status(held.meetingId)).toBe('ended');
			const page = await minutesPage(db, s.member!.actor, held.meetingId, new Date(t0.getTime() + 8 * DAY));
			expect(page.circulation).toMatchObject({ status: 'returned' });
			expect(page.circulation!.answers.find((a) => a.kind === 'commented')).toMatchObject({ user_id: s.vice_chair!.id, text: 'ขอแก้ไขชื่อผู้มาประชุมลำดับที่ 2' });
			expect(page.can).toMatchObject({ answer: false, circulate: false });
			expect(await status(held.meetingId)).toBe('ended');
			expect((await audits(held.meetingId)).at(-1)).toEqual({ actor_id: null, action: 'minutes.circulation_returned' });

			const next = await nextMeeting(db, held.body.id);
			const r = await approveAtMeeting(db, collab, s.chair!.actor, held.meetingId, { atMeetingId: next, amended: 'true', amendments: 'แก้ไขชื่อผู้มาประชุมลำดับที่ 2' });
			expect(r.ok).toBe(true);
			expect(await status(held.meetingId)).toBe('minutes_approved');
		});
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied } from '../../server/access';
import { documentAccess } from '../../server/access/documents';
import type { CollabServer } from '../../server/collab/server';
import { events } from '../../server/events';
import { approveAtMeeting, approveByChair, correct } from '../../server/minutes/approval';
import { readDraft } from '../../server/minutes/live';
import { renderMarkdown } from '../../server/minutes/markdown';
import { doc, paragraph, textOf } from '../../server/rich-text/prosemirror';
import { addComment, generateDraft, minutesPage, resolveComment } from '../../server/minutes/service';
import { sha256 } from '../../server/minutes/versions';
import { describeEachEngine } from '../support/database';
import { DECISION, heldMeeting, liveDocuments, nextMeeting, NOTES } from '../support/minutes-factories';

describeEachEngine('minutes: generated, approved, frozen, corrected', (use) => {
	let collab: CollabServer;
	beforeAll(() => {
		collab = liveDocuments(use().db);
	});
	afterAll(() => collab?.close());

	const versions = (meetingId: string) => use().db.selectFrom('minutes_version').selectAll().where('meeting_id', '=', meetingId).orderBy('number').execute();
	const status = async (meetingId: string) =>
		(await use().db.selectFrom('meeting').select('status').where('id', '=', meetingId).executeTakeFirstOrThrow()).status;

	describe('generating the draft', () => {
		it('waits for the meeting to end, and refuses anyone but the secretariat', async () => {
			const { db } = use();
			const held = await heldMeeting(db, collab);
			await db.updateTable('meeting').set({ status: 'in_progress' }).where('id', '=', held.meetingId).execute();
			expect(await generateDraft(db, collab, held.seats.secretary!.actor, held.meetingId)).toEqual({ ok: false, error: 'not_ended' });
			await db.updateTable('meeting').set({ status: 'ended' }).where('id', '=', held.meetingId).execute();
			for (const who of [held.seats.member!, held.seats.observer!, held.outsider]) {
				await expect(generateDraft(db, collab, who.actor, held.meetingId)).rejects.toBeInstanceOf(AccessDenied);
			}
			expect(await db.selectFrom('minutes').select('meeting_id').where('meeting_id', '=', held.meetingId).execute()).toEqual([]);
			expect(await generateDraft(db, collab, held.seats.secretary!.actor, crypto.randomUUID())).toEqual({ ok: false, error: 'not_found' });
		});

		it('fills the draft from the meeting once; generating again returns the same draft', async () => {
			const { db } = use();
			const held = await heldMeeting(db, collab);
			expect(await generateDraft(db, collab, held.seats.secretary!.actor, held.meetingId)).toEqual({ ok: true, created: true });
			const first = textOf(await readDraft(db, collab, held.meetingId));
			expect(first).toContain('ครั้งที่ 1/2569');
			expect(first).toContain(NOTES);
			expect(first).toContain(DECISION);
			expect(await generateDraft(db, collab, held.seats.vice_chair!.actor, held.meetingId)).toEqual({ ok: true, created: false });
			expect(textOf(await readDraft(db, collab, held.meetingId))).toBe(first);
		});
	});

	describe('approval', () => {
		it('by the chair outside a meeting needs a reason, a held meeting and a draft with content', async () => {
			const { db } = use();
			const held = await heldMeeting(db, collab);
			const chair = held.seats.chair!.actor;
			expect(await approveByChair(db, collab, chair, held.meetingId, { reason: 'เร่งด่วน' })).toEqual({ ok: false, error: 'not_generated' });
			await generateDraft(db, collab, held.seats.secretary!.actor, held.meetingId);
			expect(await approveByChair(db, collab, chair, held.meetingId, { reason: '   ' })).toEqual({ ok: false, error: 'reason_required' });
			await expect(approveByChair(db, collab, held.seats.secretary!.actor, held.meetingId, { reason: 'เร่งด่วน' })).rejects.toBeInstanceOf(AccessDenied);
			// A draft emptied by its editors cannot be approved.
			await collab.change(`minutes:${held.meetingId}`, (d) => d.getXmlFragment('minutes').delete(0, d.getXmlFragment('minutes').length));
			expect(await approveByChair(db, collab, chair, held.meetingId, { reason: 'เร่งด่วน' })).toEqual({ ok: false, error: 'empty_draft' });
			expect(await versions(held.meetingId)).toEqual([]);
			expect(await status(held.meetingId)).toBe('ended');
		});

		it('stores an immutable version with its SHA-256, freezes the meeting and both documents, and tells open sockets', async () => {
			const { db } = use();
			const held = await heldMeeting(db, collab);
			await generateDraft(db, collab, held.seats.secretary!.actor, held.meetingId);
			const changed: string[] = [];
			const off = events.on('document.access_changed', (e) => changed.push(`${e.name}:${e.reason}`));
			const r = await approveByChair(db, collab, held.seats.chair!.actor, held.meetingId, { reason: 'ต้องส่งรายงานให้จังหวัดก่อนการประชุมครั้งหน้า' });
			off();
			expect(r.ok).toBe(true);
			const [v1] = await versions(held.meetingId);
			expect(v1).toMatchObject({ number: 1, kind: 'approved_by_chair', reason: 'ต้องส่งรายงานให้จังหวัดก่อนการประชุมครั้งหน้า' });
			expect(v1!.sha256).toBe(sha256(v1!.content_markdown));
			expect(v1!.content_markdown).toBe(renderMarkdown(await readDraft(db, collab, held.meetingId)));
			expect(v1!.content_html).toContain(DECISION);
			expect(r.ok && r.sha256).toBe(v1!.sha256);
			expect(await status(held.meetingId)).toBe('minutes_approved');
			expect(changed).toEqual([`meeting:${held.meetingId}:minutes_approved`, `minutes:${held.meetingId}:minutes_approved`]);

			// Everyone reads, nobody writes: the secretariat, the members, the chair.
			for (const who of [held.seats.secretary!, held.seats.chair!, held.seats.member!]) {
				expect(await documentAccess(db, who.actor, `minutes:${held.meetingId}`)).toMatchObject({ allowed: true, mode: 'read' });
				expect(await documentAccess(db, who.actor, `meeting:${held.meetingId}`)).toMatchObject({ allowed: true, mode: 'read' });
			}
			expect(await documentAccess(db, held.outsider.actor, `minutes:${held.meetingId}`)).toMatchObject({ allowed: false, status: 403 });

			// Approving again, or commenting now, changes nothing.
			expect(await approveByChair(db, collab, held.seats.chair!.actor, held.meetingId, { reason: 'อีกครั้ง' })).toEqual({ ok: false, error: 'already_approved' });
			expect(await addComment(db, held.seats.member!.actor, held.meetingId, { anchor: 'AQ==', quote: 'x', text: 'ช้าไป' })).toEqual({
				ok: false,
				error: 'frozen'
			});
			expect(await versions(held.meetingId)).toHaveLength(1);

			// The database itself refuses to change a version.
			await expect(
				db.updateTable('minutes_version').set({ content_markdown: 'แก้ไขย้อนหลัง' }).where('meeting_id', '=', held.meetingId).execute()
			).rejects.toThrow(/append-only/);
			await expect(db.deleteFrom('minutes_version').where('meeting_id', '=', held.meetingId).execute()).rejects.toThrow(/append-only/);
			expect((await versions(held.meetingId))[0]!.content_markdown).toBe(v1!.content_markdown);
		});

		it('at the next meeting, as is or with recorded amendments, only there and only once it is held', async () => {
			const { db } = use();
			const held = await heldMeeting(db, collab);
			await generateDraft(db, collab, held.seats.secretary!.actor, held.meetingId);
			const secretary = held.seats.secretary!.actor;
			const elsewhere = await heldMeeting(db, collab);
			const next = await nextMeeting(db, held.body.id, { status: 'planned' });
			expect(await approveAtMeeting(db, collab, secretary, held.meetingId, { atMeetingId: next, amended: false, amendments: '' })).toEqual({
				ok: false,
				error: 'meeting_not_held'
			});
			await db.updateTable('meeting').set({ status: 'in_progress' }).where('id', '=', next).execute();
			expect(await approveAtMeeting(db, collab, secretary, held.meetingId, { atMeetingId: elsewhere.meetingId, amended: false, amendments: '' })).toEqual({
				ok: false,
				error: 'not_next_meeting'
			});
			expect(await approveAtMeeting(db, collab, secretary, held.meetingId, { atMeetingId: next, amended: true, amendments: '' })).toEqual({
				ok: false,
				error: 'amendments_required'
			});
			await expect(
				approveAtMeeting(db, collab, held.seats.member!.actor, held.meetingId, { atMeetingId: next, amended: false, amendments: '' })
			).rejects.toBeInstanceOf(AccessDenied);
			expect(await versions(held.meetingId)).toEqual([]);

			const r = await approveAtMeeting(db, collab, secretary, held.meetingId, { atMeetingId: next, amended: true, amendments: 'แก้ชื่อหน่วยงานสนับสนุนในมติที่ 1' });
			expect(r.ok).toBe(true);
			expect((await versions(held.meetingId))[0]).toMatchObject({
				kind: 'approved_at_meeting',
				approved_at_meeting_id: next,
				amendments: 'แก้ชื่อหน่วยงานสนับสนุนในมติที่ 1',
				reason: null
			});

			// The next meeting's own minutes record the approval under its first standing item.
			await db.updateTable('meeting').set({ status: 'ended' }).where('id', '=', next).execute();
			await generateDraft(db, collab, secretary, next);
			expect(textOf(await readDraft(db, collab, next))).toContain('ที่ประชุมรับรองรายงานการประชุมครั้งที่ 1/2569 โดยมีการแก้ไข ดังนี้ แก้ชื่อหน่วยงานสนับสนุนในมติที่ 1');
		});
	});

	describe('corrections', () => {
		it('become the next numbered version with their reason; earlier versions stay as they were', async () => {
			const { db } = use();
			const held = await heldMeeting(db, collab);
			const chair = held.seats.chair!.actor;
			const content = JSON.stringify(doc([paragraph('รายงานการประชุม ฉบับแก้ไขคำผิด'), paragraph(DECISION)]));
			expect(await correct(db, chair, held.meetingId, { reason: 'แก้คำผิด', content })).toEqual({ ok: false, error: 'not_approved' });
			await generateDraft(db, collab, held.seats.secretary!.actor, held.meetingId);
			await approveByChair(db, collab, chair, held.meetingId, { reason: 'ใกล้ครบกำหนดส่งจังหวัด' });
			const [v1] = await versions(held.meetingId);

			expect(await correct(db, chair, held.meetingId, { reason: '', content })).toEqual({ ok: false, error: 'reason_required' });
			expect(await correct(db, chair, held.meetingId, { reason: 'แก้คำผิด', content: '{"type":"doc","content":[{"type":"table"}]}' })).toEqual({
				ok: false,
				error: 'invalid_content'
			});
			expect(await correct(db, chair, held.meetingId, { reason: 'แก้คำผิด', content: JSON.stringify(v1!.content_json) })).toEqual({
				ok: false,
				error: 'unchanged'
			});
			await expect(correct(db, held.seats.member!.actor, held.meetingId, { reason: 'แก้คำผิด', content })).rejects.toBeInstanceOf(AccessDenied);

			const r = await correct(db, held.seats.secretary!.actor, held.meetingId, { reason: 'แก้คำผิด', content });
			expect(r).toMatchObject({ ok: true, number: 2 });
			const [first, second] = await versions(held.meetingId);
			expect(first).toEqual(v1);
			expect(second).toMatchObject({ number: 2, kind: 'correction', reason: 'แก้คำผิด' });
			expect(second!.sha256).toBe(sha256(second!.content_markdown));
			expect(second!.sha256).not.toBe(first!.sha256);
			const page = await minutesPage(db, held.seats.member!.actor, held.meetingId);
			expect(page.versions.map((x) => [x.number, x.sha256])).toEqual([
				[1, first!.sha256],
				[2, second!.sha256]
			]);
			expect(page.latest?.number).toBe(2);
		});
	});

	describe('comments', () => {
		it('come from the body until approval; the secretariat resolves them', async () => {
			const { db } = use();
			const held = await heldMeeting(db, collab);
			const anchor = 'AQDN0bI5BAA=';
			expect(await addComment(db, held.seats.member!.actor, held.meetingId, { anchor, quote: 'q', text: 'ก่อนมีร่าง' })).toEqual({
				ok: false,
				error: 'not_generated'
			});
			await generateDraft(db, collab, held.seats.secretary!.actor, held.meetingId);
			const added = await addComment(db, held.seats.member!.actor, held.meetingId, { anchor, quote: DECISION, text: 'ขอเพิ่มหน่วยงานสนับสนุน' });
			expect(added.ok).toBe(true);
			expect(await addComment(db, held.seats.member!.actor, held.meetingId, { anchor: 'not base64!', quote: 'q', text: 'x' })).toEqual({
				ok: false,
				error: 'invalid_comment'
			});
			expect(await addComment(db, held.seats.member!.actor, held.meetingId, { anchor, quote: 'q', text: '' })).toEqual({ ok: false, error: 'invalid_comment' });
			await expect(addComment(db, held.outsider.actor, held.meetingId, { anchor, quote: 'q', text: 'x' })).rejects.toBeInstanceOf(AccessDenied);
			await expect(resolveComment(db, held.seats.member!.actor, held.meetingId, added.ok ? added.id : '')).rejects.toBeInstanceOf(AccessDenied);
			expect(await resolveComment(db, held.seats.secretary!.actor, held.meetingId, added.ok ? added.id : '')).toEqual({ ok: true });
			const page = await minutesPage(db, held.seats.member!.actor, held.meetingId);
			expect(page.comments).toHaveLength(1);
			expect(page.comments[0]).toMatchObject({ quote: DECISION, text: 'ขอเพิ่มหน่วยงานสนับสนุน' });
			expect(page.comments[0]!.resolved_at).not.toBeNull();
		});
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AccessDenied } from '../../server/access';
import type { CollabServer } from '../../server/collab/server';
import { applyProjection } from '../../server/meetings/apply-projection';
import { projectMeeting } from '../../server/meetings/projection';
import { setStatus } from '../../server/meetings/service';
import { approveByChair } from '../../server/minutes/approval';
import { readDraft } from '../../server/minutes/live';
import { textOf } from '../../server/rich-text/prosemirror';
import { addComment, generateDraft, minutesPage, regenerateDraft } from '../../server/minutes/service';
import { blockAnchor, blockIndex } from '../../src/lib/rich-text/anchors';
import { addAction, addDecision } from '../../src/lib/meeting-doc/schema';
import { describeEachEngine } from '../support/database';
import { ACTION, DECISION, heldMeeting, liveDocuments, NOTES } from '../support/minutes-factories';

const LATER_DECISION = 'ให้โรงพยาบาลส่งผลการตรวจร่างกายเด็กให้ทีมสหวิชาชีพภายในสามวัน';
const LATER_ACTION = 'ส่งผลการตรวจร่างกายให้ทีมสหวิชาชีพ';
const EDIT = 'ย่อหน้าที่เลขานุการเพิ่มในร่าง';
/** The day of the held meeting (it closed at 11.30 Bangkok time), hour by hour in UTC. */
const at = (hour: number) => new Date(`2026-12-03T${String(hour).padStart(2, '0')}:00:00Z`);

describeEachEngine('minutes of a meeting resumed after its draft was made', (use) => {
	let collab: CollabServer;
	beforeAll(() => {
		collab = liveDocuments(use().db);
	});
	afterAll(() => collab?.close());

	type Held = Awaited<ReturnType<typeof heldMeeting>>;
	const draftName = (held: Held) => `minutes:${held.meetingId}`;
	/** What the meeting adds once resumed: a decision with its action item, projected into SQL as the collaboration server would. */
	async function decideMore(held: Held) {
		const { db } = use();
		const s = held.seats;
		const item = await db
			.selectFrom('agenda_item')
			.select('id')
			.where('meeting_id', '=', held.meetingId)
			.where('title', '=', 'สถานการณ์และกรณีใหม่')
			.executeTakeFirstOrThrow();
		const decisionId = crypto.randomUUID();
		await collab.change(`meeting:${held.meetingId}`, (d) => {
			addDecision(d, { id: decisionId, agendaItemId: item.id, text: LATER_DECISION, leadOrgId: s.chair!.organisationId, supportingOrgIds: [] });
			addAction(d, {
				id: crypto.randomUUID(),
				decisionId,
				title: LATER_ACTION,
				description: '',
				leadOrgId: s.chair!.organisationId,
				assigneeId: null,
				supportingOrgIds: [],
				dueOn: '2026-12-10'
			});
		});
		const projection = projectMeeting(collab.document(`meeting:${held.meetingId}`)!, {
			meetingId: held.meetingId,
			bodyId: held.body.id,
			organisationIds: new Set(Object.values(s).map((x) => x!.organisationId)),
			userIds: new Set(Object.values(s).map((x) => x!.id))
		});
		await applyProjection(db, held.meetingId, projection);
	}
	/** The anchor of the draft's first top-level block whose text contains `text`, as a member's browser would make it. */
	async function anchorOn(held: Held, text: string) {
		let anchor = '';
		await collab.change(draftName(held), (d) => {
			const fragment = d.getXmlFragment('minutes');
			const index = fragment.toArray().findIndex((b) => b.toString().includes(text));
			anchor = Buffer.from(blockAnchor(fragment, index)).toString('base64');
		});
		return anchor;
	}

	describe('regenerating the draft', () => {
		let held: Held;
		let kept: string;
		let dropped: string;
		beforeAll(async () => {
			const { db } = use();
			held = await heldMeeting(db, collab);
			await generateDraft(db, collab, held.seats.secretary!.actor, held.meetingId, null, at(5));
			// The secretary edits the draft; members comment on the notes and on that edit.
			await collab.change(draftName(held), (d) => {
				const p = new Y.XmlElement('paragraph');
				p.insert(0, [new Y.XmlText(EDIT)]);
				d.getXmlFragment('minutes').insert(3, [p]);
			});
			const member = held.seats.member!.actor;
			const onNotes = await addComment(db, member, held.meetingId, { anchor: await anchorOn(held, NOTES), quote: NOTES, text: 'ขอเพิ่มรายละเอียดสถานที่' });
			const onEdit = await addComment(db, member, held.meetingId, { anchor: await anchorOn(held, EDIT), quote: EDIT, text: 'ย่อหน้านี้ซ้ำ' });
			if (!onNotes.ok || !onEdit.ok) throw new Error('comments not added');
			[kept, dropped] = [onNotes.id, onEdit.id];
		});

		it('is offered only once the meeting was resumed and ended again, and only to the secretariat', async () => {
			const { db } = use();
			const secretary = held.seats.secretary!.actor;
			expect((await minutesPage(db, secretary, held.meetingId)).can.regenerate).toBe(false);

			expect(await setStatus(db, held.seats.chair!.actor, held.meetingId, 'in_progress', null, at(6))).toEqual({ ok: true });
			const resumed = await minutesPage(db, secretary, held.meetingId);
			expect([resumed.resumed, resumed.can.regenerate]).toEqual([true, false]);
			expect(await regenerateDraft(db, collab, secretary, held.meetingId, { confirmed: 'yes' }, null, at(6))).toEqual({ ok: false, error: 'not_ended' });

			await decideMore(held);
			expect(await setStatus(db, held.seats.chair!.actor, held.meetingId, 'ended', null, at(7))).toEqual({ ok: true });
			const ended = await minutesPage(db, secretary, held.meetingId);
			expect([ended.resumed, ended.can.regenerate]).toEqual([true, true]);
			expect((await minutesPage(db, held.seats.member!.actor, held.meetingId)).can.regenerate).toBe(false);
		});

		it('asks for confirmation, refuses anyone but the secretariat, and leaves the draft alone until then', async () => {
			const { db } = use();
			expect(await regenerateDraft(db, collab, held.seats.secretary!.actor, held.meetingId, { confirmed: '' })).toEqual({ ok: false, error: 'not_confirmed' });
			for (const who of [held.seats.member!, held.seats.observer!, held.outsider]) {
				await expect(regenerateDraft(db, collab, who.actor, held.meetingId, { confirmed: 'yes' })).rejects.toBeInstanceOf(AccessDenied);
			}
			expect(textOf(await readDraft(db, collab, held.meetingId))).toContain(EDIT);
		});

		it('rebuilds the draft from the meeting as it now stands, replacing edits, keeping comments whose paragraph stays', async () => {
			const { db } = use();
			const secretary = held.seats.secretary!;
			expect(await regenerateDraft(db, collab, secretary.actor, held.meetingId, { confirmed: 'yes' }, null, at(8))).toEqual({ ok: true, kept: 1, closed: 1 });

			const text = textOf(await readDraft(db, collab, held.meetingId));
			for (const wanted of [NOTES, DECISION, LATER_DECISION, ACTION, LATER_ACTION, 'ครั้งที่ 1/2569']) expect(text).toContain(wanted);
			expect(text).not.toContain(EDIT);

			const comments = await db
				.selectFrom('minutes_comment')
				.select(['id', 'anchor', 'resolved_at', 'resolved_by'])
				.where('meeting_id', '=', held.meetingId)
				.execute();
			const byId = new Map(comments.map((c) => [c.id, c]));
			expect(byId.get(kept)).toMatchObject({ resolved_at: null, resolved_by: null });
			expect(byId.get(dropped)).toMatchObject({ resolved_by: secretary.id });
			expect(byId.get(dropped)!.resolved_at).not.toBeNull();
			// The kept comment still points at its paragraph.
			await collab.change(draftName(held), (d) => {
				const fragment = d.getXmlFragment('minutes');
				const at = blockIndex(d, fragment, new Uint8Array(Buffer.from(byId.get(kept)!.anchor, 'base64')));
				expect(at).not.toBeNull();
				expect(fragment.get(at!).toString()).toContain(NOTES);
			});

			const audits = await db
				.selectFrom('audit_event')
				.select(['actor_id', 'detail'])
				.where('action', '=', 'minutes.regenerate')
				.where('target_id', '=', held.meetingId)
				.execute();
			expect(audits).toEqual([{ actor_id: secretary.id, detail: { commentsKept: 1, commentsClosed: 1 } }]);
			// The draft now stands for the meeting as ended: nothing more to offer.
			const page = await minutesPage(db, secretary.actor, held.meetingId);
			expect([page.resumed, page.can.regenerate]).toEqual([false, false]);
		});

		it('changes nothing when run again on a draft already rebuilt', async () => {
			const { db } = use();
			const before = textOf(await readDraft(db, collab, held.meetingId));
			expect(await regenerateDraft(db, collab, held.seats.vice_chair!.actor, held.meetingId, { confirmed: 'yes' }, null, at(9))).toEqual({
				ok: true,
				kept: 1,
				closed: 0
			});
			expect(textOf(await readDraft(db, collab, held.meetingId))).toBe(before);
		});

		it('is refused for approved minutes and for a meeting without a draft', async () => {
			const { db } = use();
			expect((await approveByChair(db, collab, held.seats.chair!.actor, held.meetingId, { reason: 'ส่งรายงานให้จังหวัด' })).ok).toBe(true);
			expect(await regenerateDraft(db, collab, held.seats.secretary!.actor, held.meetingId, { confirmed: 'yes' })).toEqual({ ok: false, error: 'frozen' });
			const other = await heldMeeting(db, collab);
			expect(await regenerateDraft(db, collab, other.seats.secretary!.actor, other.meetingId, { confirmed: 'yes' })).toEqual({
				ok: false,
				error: 'not_generated'
			});
		});
	});
});

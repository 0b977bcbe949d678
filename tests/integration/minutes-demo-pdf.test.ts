import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CollabServer } from '../../server/collab/server';
import { seedDemo } from '../../server/demo/seed';
import { renderPdf } from '../../server/minutes/pdf';
import type { PMNode } from '../../server/rich-text/prosemirror';
import { draftContent } from '../../server/minutes/service';
import { describeEachEngine } from '../support/database';
import { pdfjsMarks, pdfjsText, squeeze } from '../support/minutes-files';
import { liveDocuments } from '../support/minutes-factories';
import { rendition } from '../support/minutes-fixtures';

/** The text of each block that carries text, in reading order. */
const blocks = (n: PMNode): string[] =>
	n.type === 'paragraph' || n.type === 'heading' ? [(n.content ?? []).map((t) => t.text ?? '').join('')] : (n.content ?? []).flatMap(blocks);

describeEachEngine("the demo network's minutes as PDF", (use) => {
	let collab: CollabServer;
	beforeAll(async () => {
		collab = liveDocuments(use().db);
		await seedDemo(use().db, new Date('2026-11-28T00:00:00Z'));
	});
	afterAll(() => collab?.close());

	it('read back through pdf.js as the Thai of every block, in order, with the quorum honest about attendance', async () => {
		const { db } = use();
		const held = await db.selectFrom('meeting').select(['id', 'title']).where('status', 'in', ['ended', 'minutes_approved']).orderBy('starts_at').execute();
		expect(held.length).toBeGreaterThan(2);
		for (const meeting of held) {
			const content = await draftContent(db, collab, meeting.id);
			const pdf = await renderPdf(rendition(content, { title: meeting.title, draft: true, banner: 'ร่างรายงานการประชุม' }));
			const text = squeeze((await pdfjsText(pdf)).join(''));
			let at = 0;
			for (const block of blocks(content).map(squeeze).filter(Boolean)) {
				const found = text.indexOf(block, at);
				expect(found, `${meeting.title}: ${block}`).toBeGreaterThanOrEqual(at);
				at = found + block.length;
			}
			// Attendance taken gives the count against the quorum; none taken says so instead of "0 of n".
			const taken = await db.selectFrom('attendance').select('organisation_id').where('meeting_id', '=', meeting.id).execute();
			if (taken.length) expect(text, meeting.title).toMatch(/มีผู้มาประชุม[1-9]\d*หน่วยงานจากทั้งหมด\d+หน่วยงาน(ไม่)?ครบองค์ประชุม/);
			else expect(text, meeting.title).toContain('องค์ประชุม:ไม่ได้บันทึกการเข้าประชุม');
			expect(text, meeting.title).not.toMatch(/มาประชุม0หน่วยงาน/);
			// Tagged throughout: no text outside the structure or the page furniture, marked content closed on its own page.
			for (const [i, page] of (await pdfjsMarks(pdf)).entries())
				expect({ page: i + 1, untagged: page.untagged, stray: page.stray, open: page.open }, meeting.title).toEqual({
					page: i + 1,
					untagged: [],
					stray: 0,
					open: 0
				});
		}
	});
});

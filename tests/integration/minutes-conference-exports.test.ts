import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCase } from '../../server/cases/service';
import type { CollabServer } from '../../server/collab/server';
import { exportMinutes } from '../../server/minutes/export';
import { generateDraft } from '../../server/minutes/service';
import { describeEachEngine } from '../support/database';
import { pdfjsText, squeeze } from '../support/minutes-files';
import { heldMeeting, liveDocuments } from '../support/minutes-factories';

describeEachEngine('minutes of a case conference', (use) => {
	let collab: CollabServer;
	beforeAll(() => {
		collab = liveDocuments(use().db);
	});
	afterAll(() => collab?.close());

	it("are titled and named by their case, apart from the body's own meeting of the same number", async () => {
		const { db } = use();
		const regular = await heldMeeting(db, collab);
		const conference = await heldMeeting(db, collab);
		const secretary = conference.seats.secretary!.actor;
		const opened = await openCase(db, secretary, { bodyId: conference.body.id, category: 'labour_trafficking', sex: 'female', ageBand: '15_17' }, null);
		if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
		await db.updateTable('meeting').set({ kind: 'case_conference', case_id: opened.id }).where('id', '=', conference.meetingId).execute();

		const files = [];
		for (const held of [regular, conference]) {
			const generated = await generateDraft(db, collab, held.seats.secretary!.actor, held.meetingId);
			expect(generated.ok).toBe(true);
			const file = await exportMinutes(db, collab, held.seats.secretary!.actor, held.meetingId, { format: 'pdf', which: 'draft' });
			if (!file.ok) throw new Error(file.error);
			files.push(file.file);
		}
		const [plain, conferenceFile] = files;
		expect(plain!.filename).toBe('minutes-1-2569-draft.pdf');
		expect(conferenceFile!.filename).toBe(`case-conference-${opened.code}-1-2569-draft.pdf`);
		const text = squeeze((await pdfjsText(conferenceFile!.body)).join(''));
		expect(text).toContain(squeeze(`รายงานการประชุมปรึกษารายกรณี ${opened.code}`));
		expect(squeeze((await pdfjsText(plain!.body)).join(''))).not.toContain('ปรึกษารายกรณี');
	});
});

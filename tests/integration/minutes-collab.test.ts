import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadDocument } from '../../server/collab/load';
import { demoId, seedDemo } from '../../server/demo/seed';
import { approveByChair } from '../../server/minutes/approval';
import { generateDraft } from '../../server/minutes/service';
import { captureLog, openClient, sessionFor, startCollab, upgradeStatus, waitFor, type TestServer } from '../collab/support';
import { describeEachEngine } from '../support/database';

const actor = (key: string) => ({ userId: demoId('user', key), isAdmin: false });
const meetingId = demoId('meeting', 'dkt-wg:-1');
const name = `minutes:${meetingId}`;

/** Appends a paragraph to the draft the way an editor would: one Y.XmlElement in the fragment. */
function type(doc: Y.Doc, text: string) {
	const p = new Y.XmlElement('paragraph');
	p.insert(0, [new Y.XmlText(text)]);
	const fragment = doc.getXmlFragment('minutes');
	fragment.insert(fragment.length, [p]);
}
const has = (doc: Y.Doc | undefined, text: string) => !!doc && doc.getXmlFragment('minutes').toString().includes(text);

describeEachEngine('minutes through the collaboration server', (use) => {
	let server: TestServer;

	beforeAll(async () => {
		const { db } = use();
		await seedDemo(db);
		server = await startCollab(db);
	});
	afterAll(() => server?.close());

	it('opens a draft only once generated, lets the secretariat write and members read, and refuses every write once approved', async () => {
		const { db } = use();
		const nantana = await sessionFor(db, 'cdo');
		const piyanuch = await sessionFor(db, 'hospital');
		const cookie = { Origin: server.origin, Cookie: `concord_session=${nantana}` };
		expect((await upgradeStatus(server.port, `/collab/${name}`, cookie)).status).toBe(404);

		expect(await generateDraft(db, server.collab, actor('cdo'), meetingId)).toEqual({ ok: true, created: true });
		const secretary = openClient(server, nantana, name);
		const member = openClient(server, piyanuch, name);
		try {
			await waitFor(() => secretary.status.synced && member.status.synced && member.status.readOnly, 'both synced');
			expect(secretary.status.readOnly).toBe(false);
			expect(secretary.doc.getXmlFragment('minutes').toString()).toContain('ครั้งที่');
			type(secretary.doc, 'เลขานุการแก้ไขก่อนรับรอง');
			type(member.doc, 'สมาชิกพิมพ์ทับ');
			await waitFor(() => has(member.doc, 'เลขานุการแก้ไขก่อนรับรอง') && secretary.status.state === 'saved', 'edit relayed and saved');
			expect(has(server.collab.document(name), 'สมาชิกพิมพ์ทับ')).toBe(false);
		} finally {
			secretary.destroy();
			member.destroy();
		}

		const approved = await approveByChair(db, server.collab, actor('district-officer'), meetingId, { reason: 'ส่งรายงานให้จังหวัด' });
		expect(approved.ok).toBe(true);
		const version = await db.selectFrom('minutes_version').select('content_markdown').where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
		expect(version.content_markdown).toContain('เลขานุการแก้ไขก่อนรับรอง');

		// After approval the secretary's new connections are read-only, on the draft and on the meeting, and edits go nowhere.
		const late = openClient(server, nantana, name);
		const meeting = openClient(server, nantana, `meeting:${meetingId}`);
		const logs = captureLog();
		try {
			await waitFor(() => late.status.synced && late.status.readOnly && meeting.status.synced && meeting.status.readOnly, 'read-only connections');
			type(late.doc, 'แก้หลังรับรอง');
			meeting.doc.getText('notes').insert(0, 'แก้หลังรับรอง');
			// The server received both edits and dropped them.
			const dropped = () => new Set(logs.events.filter((e) => e.event === 'collab.read_only_dropped').map((e) => e.doc));
			await waitFor(() => dropped().has(name) && dropped().has(`meeting:${meetingId}`), 'edits dropped by the server');
			expect(late.status.unsaved && meeting.status.unsaved).toBe(true);
		} finally {
			logs.restore();
			late.destroy();
			meeting.destroy();
		}
		expect(has(server.collab.document(name), 'แก้หลังรับรอง')).toBe(false);
		const stored = await loadDocument(db, name);
		expect(has(stored.doc, 'แก้หลังรับรอง')).toBe(false);
		expect(has(stored.doc, 'เลขานุการแก้ไขก่อนรับรอง')).toBe(true);
		expect((await loadDocument(db, `meeting:${meetingId}`)).doc.getText('notes').toString()).not.toContain('แก้หลังรับรอง');
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { closeCode } from '../../src/lib/collab/protocol';
import {
	actionsOf,
	addAction,
	addAgendaItem,
	addDecision,
	addGuest,
	agendaOf,
	attendanceOf,
	decisionsOf,
	guestsOf,
	metaOf,
	removeDecision,
	reportBacksOf,
	removeGuest,
	restoreRemoved,
	setAbsenceReason,
	setAttendance,
	setReportBack,
	setReportBackOutcome,
	FIELD_MAX
} from '../../src/lib/meeting-doc/schema';
import { MeetingDocState } from '../../src/lib/meeting-doc/state.svelte';
import { loadDocument } from '../../server/collab/load';
import { demoId } from '../../server/demo/seed';
import { describeEachEngine } from '../support/database';
import {
	captureLog,
	closed,
	frame,
	meetingDoc,
	openClient,
	rawSocket,
	seedMeetingsInProgress,
	sessionFor,
	startCollab,
	upgradeStatus,
	waitFor,
	type TestServer
} from './support';

const name = meetingDoc('dkt-wg:1');
const org = (key: string) => demoId('org', key);

type Client = ReturnType<typeof openClient>;

/** An entity written as a stock client would, past the workspace's own cuts. */
function mapOf(fields: Record<string, unknown>): Y.Map<unknown> {
	const map = new Y.Map<unknown>();
	for (const [k, v] of Object.entries(fields)) map.set(k, v);
	return map;
}

describeEachEngine('what each role may change in a live meeting', (use) => {
	let server: TestServer;
	const tokens: Record<string, string> = {};
	/** An agenda item and a decision the secretary set up, that others try to change. */
	const item = crypto.randomUUID();
	const decision = crypto.randomUUID();

	async function open(user: string, doc = name): Promise<Client> {
		const c = openClient(server, tokens[user]!, doc);
		await waitFor(() => c.status.synced, `${user} synced`);
		return c;
	}

	/** Runs a change as `user` and tells whether the server kept it or refused it (and with which rule). */
	async function attempt(user: string, change: (doc: Y.Doc) => void): Promise<string | null> {
		const c = await open(user);
		try {
			change(c.doc);
			await waitFor(() => c.status.state === 'saved' || c.status.refused !== null, `${user}'s change answered`);
			return c.status.refused;
		} finally {
			c.destroy();
		}
	}

	const live = () => server.collab.document(name)!;
	const stored = async () => (await loadDocument(use().db, name)).doc;

	beforeAll(async () => {
		const { db } = use();
		await seedMeetingsInProgress(db);
		for (const user of ['district-officer', 'cdo', 'police', 'hospital', 'school1', 'ilo']) tokens[user] = await sessionFor(db, user);
		server = await startCollab(db, { unloadAfterMs: 60_000 });
		const refused = await attempt('cdo', (doc) => {
			addAgendaItem(doc, { id: item, title: 'การส่งต่อเด็กในพื้นที่', minutes: 15, presenterOrgId: null, standing: null });
			addDecision(doc, { id: decision, agendaItemId: item, text: 'ให้ รพ. ประสานบ้านพัก', leadOrgId: org('dkt-hospital'), supportingOrgIds: [] });
		});
		expect(refused).toBeNull();
	});
	afterAll(() => server?.close());

	describe('any writer', () => {
		it('adds agenda items, decisions and action items, and edits their text', async () => {
			const id = crypto.randomUUID();
			const action = crypto.randomUUID();
			expect(
				await attempt('police', (doc) => {
					addDecision(doc, { id, agendaItemId: item, text: 'ตำรวจตรวจสถานบริการ', leadOrgId: org('dkt-police'), supportingOrgIds: [] });
					addAction(doc, {
						id: action,
						decisionId: id,
						title: 'ตรวจ 9 แห่ง',
						description: '',
						leadOrgId: org('dkt-police'),
						assigneeId: null,
						supportingOrgIds: [],
						dueOn: null
					});
					agendaOf(doc).get(item)!.set('title', 'การส่งต่อเด็กและสตรี');
				})
			).toBeNull();
			expect(live().getMap('decisions').has(id)).toBe(true);
			expect(agendaOf(live()).get(item)!.get('title')).toBe('การส่งต่อเด็กและสตรี');
		});

		it('types notes', async () => {
			const refused = await attempt('hospital', (doc) => {
				const p = new Y.XmlElement('paragraph');
				p.insert(0, [new Y.XmlText('บันทึกของโรงพยาบาล')]);
				doc.getXmlFragment(`notes:${item}`).insert(0, [p]);
			});
			expect(refused).toBeNull();
			expect(live().getXmlFragment(`notes:${item}`).toString()).toContain('บันทึกของโรงพยาบาล');
		});

		it('removes what they added on the same connection (their own undo), and nothing else', async () => {
			const c = await open('school1');
			try {
				const mine = crypto.randomUUID();
				addDecision(c.doc, { id: mine, agendaItemId: item, text: 'พิมพ์ผิด', leadOrgId: org('dkt-school1'), supportingOrgIds: [] });
				await waitFor(() => c.status.state === 'saved', 'added');
				removeDecision(c.doc, mine);
				await waitFor(() => c.status.state === 'saved' && !live().getMap('decisions').has(mine), 'own addition removed');
				expect(live().getMap('removed').has(mine)).toBe(true);
				// Their redo brings it back and clears its tombstone.
				restoreRemoved(c.doc, mine);
				await waitFor(() => c.status.state === 'saved' && live().getMap('decisions').has(mine), 'own removal undone');
				expect(live().getMap('removed').has(mine)).toBe(false);
				removeDecision(c.doc, mine);
				await waitFor(() => c.status.state === 'saved' && !live().getMap('decisions').has(mine), 'removed again');
				expect(c.status.refused).toBeNull();
			} finally {
				c.destroy();
			}
			expect(await attempt('school1', (doc) => removeDecision(doc, decision))).toBe('remove');
			// On another connection, what they removed is the officers' to restore.
			const removedId = [...live().getMap('removed').keys()].find((id) => !live().getMap('decisions').has(id))!;
			expect(await attempt('school1', (doc) => restoreRemoved(doc, removedId))).toBe('restore');
		});
	});

	describe('a member', () => {
		it('cannot remove a decision: refused, told why, and nothing of it kept anywhere', async () => {
			const logs = captureLog();
			try {
				expect(await attempt('police', (doc) => removeDecision(doc, decision))).toBe('remove');
			} finally {
				logs.restore();
			}
			expect(decisionsOf(live()).has(decision)).toBe(true);
			expect(decisionsOf(await stored()).has(decision)).toBe(true);
			expect(logs.events.some((e) => e.event === 'collab.change_refused' && e.rule === 'remove')).toBe(true);
			const audited = await use()
				.db.selectFrom('audit_event')
				.select(['detail', 'actor_id'])
				.where('action', '=', 'collab.change_refused')
				.where('target_id', '=', name)
				.execute();
			expect(audited.some((a) => a.actor_id === demoId('user', 'police') && JSON.stringify(a.detail).includes('remove'))).toBe(true);
		});

		it('cannot reorder the agenda, allot time, run timers or take attendance', async () => {
			expect(await attempt('police', (doc) => agendaOf(doc).get(item)!.set('order', -5))).toBe('agenda.arrange');
			expect(await attempt('police', (doc) => agendaOf(doc).get(item)!.set('minutes', 90))).toBe('agenda.arrange');
			expect(await attempt('police', (doc) => setAttendance(doc, org('dkt-police'), 'present'))).toBe('attendance');
			expect(await attempt('police', (doc) => doc.getMap('timers').set(item, new Y.Map()))).toBe('timers');
			expect(agendaOf(live()).get(item)!.get('minutes')).toBe(15);
			expect(attendanceOf(live()).size).toBe(0);
		});

		it('types the report-back of their own organisation only, and never decides one', async () => {
			const own = demoId('action', 'a6');
			const other = demoId('action', 'a2');
			expect(await attempt('police', (doc) => setReportBack(doc, own, 'ตรวจแล้ว 3 แห่ง'))).toBeNull();
			expect(await attempt('police', (doc) => setReportBack(doc, other, 'แทนโรงพยาบาล'))).toBe('report-back');
			expect(await attempt('police', (doc) => setReportBackOutcome(doc, own, 'accepted', 'ตรวจแล้ว 3 แห่ง'))).toBe('server-only');
			expect(reportBacksOf(live()).get(own)!.get('outcome')).toBeNull();
			expect(reportBacksOf(live()).has(other)).toBe(false);
		});

		it('cannot write the meeting status, nor parts the document does not have', async () => {
			expect(await attempt('police', (doc) => metaOf(doc).set('status', 'ended'))).toBe('server-only');
			expect(await attempt('police', (doc) => doc.getMap('elsewhere').set('x', 1))).toBe('unknown-part');
			expect(await attempt('police', (doc) => doc.getXmlFragment('notes:not-an-id').insert(0, [new Y.XmlText('x')]))).toBe('unknown-part');
		});
	});

	describe('the chair and the secretary', () => {
		it('take attendance, arrange the agenda, remove and restore', async () => {
			expect(await attempt('district-officer', (doc) => setAttendance(doc, org('dkt-police'), 'present'))).toBeNull();
			expect(await attempt('cdo', (doc) => agendaOf(doc).get(item)!.set('minutes', 20))).toBeNull();
			const doomed = crypto.randomUUID();
			expect(
				await attempt('police', (doc) => addDecision(doc, { id: doomed, agendaItemId: item, text: 'ลบได้', leadOrgId: org('dkt-police'), supportingOrgIds: [] }))
			).toBeNull();
			expect(await attempt('cdo', (doc) => removeDecision(doc, doomed, demoId('user', 'cdo')))).toBeNull();
			expect(decisionsOf(live()).has(doomed)).toBe(false);
			expect(live().getMap('removed').has(doomed)).toBe(true);
		});

		it("type any organisation's report-back when secretary; the chair does not", async () => {
			expect(await attempt('cdo', (doc) => setReportBack(doc, demoId('action', 'a2'), 'เลขานุการบันทึกแทน'))).toBeNull();
			expect(await attempt('district-officer', (doc) => setReportBack(doc, demoId('action', 'a5'), 'ประธานพิมพ์'))).toBe('report-back');
		});
	});

	describe('rows of other meetings and bad content', () => {
		it("refuses an id that belongs to another meeting's decision, action item or agenda item", async () => {
			const foreignDecision = demoId('decision', 'd1');
			const caseAction = demoId('action', 'case:c1:a1');
			expect(
				await attempt('police', (doc) =>
					addDecision(doc, { id: foreignDecision, agendaItemId: item, text: 'ยึดมติอื่น', leadOrgId: org('dkt-police'), supportingOrgIds: [] })
				)
			).toBe('foreign-id');
			expect(
				await attempt('police', (doc) =>
					addAction(doc, {
						id: caseAction,
						decisionId: decision,
						title: 'x',
						description: '',
						leadOrgId: org('dkt-police'),
						assigneeId: null,
						supportingOrgIds: [],
						dueOn: null
					})
				)
			).toBe('foreign-id');
			expect(decisionsOf(live()).has(foreignDecision)).toBe(false);
			expect(actionsOf(live()).has(caseAction)).toBe(false);
		});

		it('refuses links other than http, https and mailto', async () => {
			for (const url of ['javascript:alert(document.cookie)', ' JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', '//evil.example']) {
				expect(
					await attempt('police', (doc) =>
						agendaOf(doc)
							.get(item)!
							.set('links', [{ url, label: 'แนบ' }])
					)
				).toBe('bad-link');
			}
			expect(
				await attempt('police', (doc) =>
					agendaOf(doc)
						.get(item)!
						.set('links', [{ url: 'https://example.org/รายงาน.pdf', label: 'รายงาน' }])
				)
			).toBeNull();
		});

		it('refuses values that do not fit the schema', async () => {
			expect(await attempt('police', (doc) => decisionsOf(doc).get(decision)!.set('text', 'ก'.repeat(5_000)))).toBe('bad-content');
			expect(await attempt('police', (doc) => decisionsOf(doc).get(decision)!.set('text', new Y.Text('nested')))).toBe('bad-content');
			expect(await attempt('police', (doc) => decisionsOf(doc).get(decision)!.set('secret', 'x'))).toBe('bad-content');
			expect(await attempt('police', (doc) => decisionsOf(doc).set('not-a-uuid', new Y.Map()))).toBe('bad-content');
		});
	});

	describe('the length of text', () => {
		it('takes each field up to its limit and refuses one character more', async () => {
			const action = crypto.randomUUID();
			const draft = (title: string, description: string) => ({
				id: action,
				decisionId: decision,
				title,
				description,
				leadOrgId: org('dkt-police'),
				assigneeId: null,
				supportingOrgIds: [],
				dueOn: null
			});
			const fits = (n: number) => 'ก'.repeat(n);
			expect(await attempt('police', (doc) => decisionsOf(doc).get(decision)!.set('text', fits(FIELD_MAX.decisionText)))).toBeNull();
			expect(
				await attempt('police', (doc) =>
					decisionsOf(doc)
						.get(decision)!
						.set('text', fits(FIELD_MAX.decisionText + 1))
				)
			).toBe('bad-content');
			expect(await attempt('police', (doc) => agendaOf(doc).get(item)!.set('title', fits(FIELD_MAX.agendaTitle)))).toBeNull();
			expect(
				await attempt('police', (doc) =>
					agendaOf(doc)
						.get(item)!
						.set('title', fits(FIELD_MAX.agendaTitle + 1))
				)
			).toBe('bad-content');
			const links = (n: number, label = 'เอกสาร', url = 'https://example.org/a') => Array.from({ length: n }, () => ({ url, label }));
			expect(await attempt('police', (doc) => agendaOf(doc).get(item)!.set('links', links(FIELD_MAX.links)))).toBeNull();
			expect(
				await attempt('police', (doc) =>
					agendaOf(doc)
						.get(item)!
						.set('links', links(FIELD_MAX.links + 1))
				)
			).toBe('bad-content');
			expect(
				await attempt('police', (doc) =>
					agendaOf(doc)
						.get(item)!
						.set('links', links(1, fits(FIELD_MAX.linkLabel + 1)))
				)
			).toBe('bad-content');
			const longUrl = `https://example.org/${'a'.repeat(FIELD_MAX.linkUrl)}`;
			expect(
				await attempt('police', (doc) =>
					agendaOf(doc)
						.get(item)!
						.set('links', links(1, 'x', longUrl))
				)
			).toBe('bad-content');
			expect(await attempt('police', (doc) => actionsOf(doc).set(action, mapOf(draft(fits(FIELD_MAX.actionTitle + 1), ''))))).toBe('bad-content');
			expect(await attempt('police', (doc) => actionsOf(doc).set(action, mapOf(draft('', fits(FIELD_MAX.actionDescription + 1)))))).toBe('bad-content');
		});

		it('cuts what the workspace writes to those limits, so an over-long paste is kept, not refused', async () => {
			const c = await open('police');
			try {
				const state = new MeetingDocState(c.doc, null, 'police');
				const pasted = 'ข้อความยาว '.repeat(1_000);
				const id = state.addDecision(item, pasted, org('dkt-police'), []);
				const action = state.addAction({
					decisionId: id,
					title: pasted,
					description: pasted,
					leadOrgId: org('dkt-police'),
					assigneeId: null,
					supportingOrgIds: [],
					dueOn: null
				});
				state.updateItem(item, { title: pasted, links: Array.from({ length: 30 }, (_, i) => ({ url: `https://example.org/${i}`, label: pasted })) });
				// An emoji cut at the limit is dropped whole, never left as half a character.
				state.updateDecision(id, { text: `${'ก'.repeat(FIELD_MAX.decisionText - 1)}🙂` });
				await waitFor(() => c.status.state === 'saved' || c.status.refused !== null, 'the long text answered');
				expect(c.status.refused).toBeNull();
				expect(decisionsOf(live()).get(id)!.get('text')).toBe('ก'.repeat(FIELD_MAX.decisionText - 1));
				expect(String(actionsOf(live()).get(action)!.get('title'))).toHaveLength(FIELD_MAX.actionTitle);
				expect(String(actionsOf(live()).get(action)!.get('description'))).toHaveLength(FIELD_MAX.actionDescription);
				expect(String(agendaOf(live()).get(item)!.get('title'))).toHaveLength(FIELD_MAX.agendaTitle);
				const kept = agendaOf(live()).get(item)!.get('links') as { label: string }[];
				expect(kept).toHaveLength(FIELD_MAX.links);
				expect(kept.every((l) => l.label.length === FIELD_MAX.linkLabel)).toBe(true);
			} finally {
				c.destroy();
			}
		});
	});

	describe('reasons for absence and guests', () => {
		const women = org('dkt-women');
		const guest = { name: 'นางสาวสมศรี ใจดี', position: 'นักสังคมสงเคราะห์', organisation: 'มูลนิธิเพื่อเด็ก' };

		it('the secretary records an apology with its reason; a member may not', async () => {
			expect(
				await attempt('cdo', (doc) => {
					setAttendance(doc, women, 'apologies');
					setAbsenceReason(doc, women, '  ติดราชการ  ');
				})
			).toBeNull();
			expect(attendanceOf(live()).get(women)!.get('reason')).toBe('ติดราชการ');
			expect(await attempt('police', (doc) => setAbsenceReason(doc, women, 'ไม่ทราบ'))).toBe('attendance');
			expect(await attempt('police', (doc) => attendanceOf(doc).get(women)!.delete('reason'))).toBe('attendance');
			expect(attendanceOf(live()).get(women)!.get('reason')).toBe('ติดราชการ');
			expect(
				attendanceOf(await stored())
					.get(women)!
					.get('reason')
			).toBe('ติดราชการ');
		});

		it('refuses a reason that is not text or is too long, and fields attendance does not have', async () => {
			expect(await attempt('cdo', (doc) => attendanceOf(doc).get(women)!.set('reason', 'ก'.repeat(201)))).toBe('bad-content');
			expect(await attempt('cdo', (doc) => attendanceOf(doc).get(women)!.set('reason', 42))).toBe('bad-content');
			expect(await attempt('cdo', (doc) => attendanceOf(doc).get(women)!.set('reason', new Y.Text('ติดราชการ')))).toBe('bad-content');
			expect(await attempt('cdo', (doc) => attendanceOf(doc).get(women)!.set('status', 'sick'))).toBe('bad-content');
			expect(await attempt('cdo', (doc) => attendanceOf(doc).get(women)!.set('note', 'x'))).toBe('bad-content');
			expect(await attempt('cdo', (doc) => attendanceOf(doc).set('somchai', new Y.Map()))).toBe('bad-content');
			expect(await attempt('cdo', (doc) => attendanceOf(doc).get(women)!.set('reason', 'ก'.repeat(200)))).toBeNull();
			expect(await attempt('cdo', (doc) => attendanceOf(doc).get(women)!.set('reason', null))).toBeNull();
		});

		it('the chair adds and removes guests; a member may do neither', async () => {
			const id = crypto.randomUUID();
			expect(await attempt('district-officer', (doc) => addGuest(doc, { id, ...guest }))).toBeNull();
			expect(guestsOf(live()).get(id)!.get('name')).toBe(guest.name);
			expect(await attempt('police', (doc) => addGuest(doc, { id: crypto.randomUUID(), ...guest }))).toBe('guests');
			expect(await attempt('police', (doc) => guestsOf(doc).get(id)!.set('position', 'ผู้สังเกตการณ์'))).toBe('guests');
			expect(await attempt('police', (doc) => removeGuest(doc, id))).toBe('guests');
			expect(guestsOf(live()).size).toBe(1);
			expect(await attempt('cdo', (doc) => removeGuest(doc, id))).toBeNull();
			expect(guestsOf(live()).has(id)).toBe(false);
		});

		it('refuses a guest without a name, with text too long, or with fields a guest does not have', async () => {
			const id = crypto.randomUUID();
			expect(await attempt('cdo', (doc) => addGuest(doc, { id, ...guest, name: '   ' }))).toBe('bad-content');
			const raw = (fields: Record<string, unknown>) => (doc: Y.Doc) => {
				const m = new Y.Map<unknown>();
				for (const [k, v] of Object.entries({ id, ...guest, order: 1, ...fields })) m.set(k, v);
				guestsOf(doc).set(id, m);
			};
			expect(await attempt('cdo', raw({ name: 'ก'.repeat(121) }))).toBe('bad-content');
			expect(await attempt('cdo', raw({ organisation: 'ก'.repeat(121) }))).toBe('bad-content');
			expect(await attempt('cdo', raw({ position: 7 }))).toBe('bad-content');
			expect(await attempt('cdo', raw({ phone: '081-000-0000' }))).toBe('bad-content');
			expect(await attempt('cdo', (doc) => guestsOf(doc).set('guest-1', new Y.Map()))).toBe('bad-content');
			expect(await attempt('cdo', (doc) => guestsOf(doc).set(id, 'นายก' as never))).toBe('bad-content');
			expect(guestsOf(live()).has(id)).toBe(false);
			expect(await attempt('cdo', raw({ name: 'ก'.repeat(120), position: '', organisation: '' }))).toBeNull();
		});
	});

	describe('updates the document cannot apply', () => {
		it('refuses an update whose dependencies never came, and keeps nothing of it', async () => {
			const source = new Y.Doc();
			source.getXmlFragment(`notes:${item}`).insert(0, [new Y.XmlText('first')]);
			const before = Y.encodeStateVector(source);
			source.getXmlFragment(`notes:${item}`).insert(0, [new Y.XmlText('second')]);
			const second = Y.encodeStateAsUpdate(source, before);
			const ws = await rawSocket(server, tokens.police!, name, '?ack=1');
			const reason = new Promise<string>((resolve) => ws.once('close', (_code, r) => resolve(r.toString())));
			ws.send(frame(0, 2, second));
			expect(await closed(ws)).toBe(closeCode.changeRefused);
			expect(await reason).toBe('refused:incomplete');
			expect(live().store.pendingStructs).toBeNull();
			expect(live().store.pendingDs).toBeNull();
			const again = await stored();
			expect(again.store.pendingStructs).toBeNull();
		});

		it('drops pending content stored earlier when the document loads', async () => {
			const target = meetingDoc('dkt-wg:-3');
			const source = new Y.Doc();
			source.getMap('agenda').set('x', 1);
			const sv = Y.encodeStateVector(source);
			source.getMap('agenda').set('y', 2);
			await use()
				.db.insertInto('doc_update')
				.values({ doc_name: target, data: Y.encodeStateAsUpdate(source, sv) })
				.execute();
			const logs = captureLog();
			const c = openClient(server, tokens.cdo!, target);
			try {
				await waitFor(() => c.status.synced, 'synced');
				expect(logs.events.some((e) => e.event === 'collab.pending_dropped' && e.doc === target)).toBe(true);
				expect(server.collab.document(target)!.store.pendingStructs).toBeNull();
				await waitFor(async () => (await loadDocument(use().db, target)).doc.store.pendingStructs === null, 'pending gone from storage');
			} finally {
				logs.restore();
				c.destroy();
			}
		});
	});
});

describeEachEngine("a case conference's document in the audit log", (use) => {
	it('audits every opening by the team and every refusal, never the content', async () => {
		const { db } = use();
		await seedMeetingsInProgress(db);
		const server = await startCollab(db);
		const doc = `meeting:${demoId('meeting', 'case:c1:conference')}`;
		try {
			const member = openClient(server, await sessionFor(db, 'hospital'), doc);
			await waitFor(() => member.status.synced, 'team member synced');
			member.destroy();
			const refused = await upgradeStatus(server.port, `/collab/${doc}`, {
				Origin: server.origin,
				Cookie: `concord_session=${await sessionFor(db, 'police')}`
			});
			expect(refused.status).toBe(404);
			await waitFor(
				async () => (await db.selectFrom('audit_event').select('id').where('action', '=', 'case.conference_document').execute()).length >= 2,
				'audit rows'
			);
			const rows = await db.selectFrom('audit_event').selectAll().where('action', '=', 'case.conference_document').execute();
			expect(rows.map((r) => [r.actor_id, r.outcome]).sort()).toEqual(
				[
					[demoId('user', 'hospital'), 'success'],
					[demoId('user', 'police'), 'denied']
				].sort()
			);
			expect(rows.every((r) => r.target_id === doc && JSON.stringify(r.detail).includes(demoId('case', 'c1')))).toBe(true);
		} finally {
			await server.close();
		}
	});
});

describeEachEngine('bounds on what one writer adds', (use) => {
	it('refuses a writer past their allowance per minute, and a document past its size', async () => {
		const { db } = use();
		await seedMeetingsInProgress(db);
		const server = await startCollab(db, { maxWriterBytesPerMinute: 20_000, maxDocumentBytes: 60_000 });
		const token = await sessionFor(db, 'police');
		const doc = meetingDoc('dkt-wg:1');
		try {
			const c = openClient(server, token, doc);
			await waitFor(() => c.status.synced, 'synced');
			const notes = c.doc.getXmlFragment(`notes:${crypto.randomUUID()}`);
			for (let i = 0; i < 30 && c.status.refused === null; i++) {
				notes.insert(0, [new Y.XmlText('ข้อความยาว '.repeat(100))]);
				await new Promise((r) => setTimeout(r, 5));
			}
			await waitFor(() => c.status.refused !== null, 'refused');
			expect(c.status.refused).toBe('too-much');
			c.destroy();
			const stored = (await loadDocument(db, doc)).doc;
			expect(Y.encodeStateAsUpdate(stored).length).toBeLessThan(25_000);
		} finally {
			await server.close();
		}
	});
});

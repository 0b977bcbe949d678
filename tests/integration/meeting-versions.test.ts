import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { AccessDenied } from '../../server/access';
import { readConfig } from '../../server/config';
import { collabHooks } from '../../server/collab-hooks';
import { createCollabServer, type CollabServer } from '../../server/collab/server';
import type { DB } from '../../server/db/schema';
import { publishMeetingState } from '../../server/meetings/live-state';
import { setStatus } from '../../server/meetings/service';
import { registerMeetingVersions, restoreFromVersion, versionsPage, VERSION_EVERY_MS } from '../../server/meetings/versions';
import {
	actionsOf,
	addAction,
	addAgendaItem,
	addDecision,
	agendaOf,
	decisionsOf,
	metaOf,
	notesOf,
	removeAgendaItem,
	removeDecision,
	removedOf
} from '../../src/lib/meeting-doc/schema';
import { describeEachEngine } from '../support/database';
import { followupMeeting, makeBody, makeUser } from '../support/factories';
import { doc as pmDoc, paragraph, writeFragment } from '../../server/rich-text/prosemirror';

/**
 * Runs `fn` with a collaboration server of its own, closed afterwards. Its
 * documents stay loaded while the test reads them, however slow the machine.
 */
async function withCollab<T>(db: Kysely<DB>, fn: (collab: CollabServer) => Promise<T>): Promise<T> {
	const config = readConfig({});
	const collab = createCollabServer({
		db,
		config,
		hooks: collabHooks(db, config),
		instance: 'versions-test',
		settings: { unloadAfterMs: 60_000, hookDebounceMs: 50, closeTimeoutMs: 2_000 }
	});
	try {
		return await fn(collab);
	} finally {
		await collab.close();
	}
}

/**
 * Resolves once the document-changed hooks registered before it have run for
 * `name` on a state that `until` accepts (hooks run in the order registered).
 */
function afterHooks(collab: CollabServer, name: string, until: (doc: Y.Doc) => boolean): Promise<void> {
	return new Promise((resolve) => {
		const off = collab.onDocumentChanged((changed, doc) => {
			if (changed !== name || !until(doc)) return;
			off();
			resolve();
		});
	});
}

describeEachEngine('versions of a meeting document', (use) => {
	async function setup(db: Kysely<DB>, collab: CollabServer) {
		const body = await makeBody(db, { roles: ['chair', 'secretary', 'member'] });
		const s = body.seats;
		const meetingId = await followupMeeting(db, { bodyId: body.id, startsAt: new Date('2026-12-10T02:00:00Z'), status: 'planned' });
		const name = `meeting:${meetingId}`;
		const ids = {
			item: crypto.randomUUID(),
			kept: crypto.randomUUID(),
			decision: crypto.randomUUID(),
			other: crypto.randomUUID(),
			action: crypto.randomUUID()
		};
		await collab.change(name, (d) => {
			addAgendaItem(d, { id: ids.item, title: 'สถานการณ์แรงงานเด็ก', minutes: 20, presenterOrgId: null, standing: null });
			addAgendaItem(d, { id: ids.kept, title: 'เรื่องอื่น ๆ', minutes: 5, presenterOrgId: null, standing: 'aob' });
			writeFragment(notesOf(d, ids.item), pmDoc([paragraph('พบเด็กทำงานในไร่ข้าวโพด 3 ราย')]));
			addDecision(d, { id: ids.decision, agendaItemId: ids.item, text: 'ให้ตำรวจตรวจสอบไร่ข้าวโพด', leadOrgId: s.member!.organisationId, supportingOrgIds: [] });
			addDecision(d, { id: ids.other, agendaItemId: ids.item, text: 'ให้โรงเรียนติดตามเด็ก', leadOrgId: s.secretary!.organisationId, supportingOrgIds: [] });
			addAction(d, {
				id: ids.action,
				decisionId: ids.decision,
				title: 'ตรวจไร่ข้าวโพดในตำบลบ้านถ้ำ',
				description: '',
				leadOrgId: s.member!.organisationId,
				assigneeId: s.member!.id,
				supportingOrgIds: [],
				dueOn: '2026-12-24'
			});
		});
		return { body, s, meetingId, name, ids, chair: s.chair!.actor, secretary: s.secretary!.actor, member: s.member!.actor };
	}

	async function start(db: Kysely<DB>, collab: CollabServer, f: Awaited<ReturnType<typeof setup>>) {
		expect(await setStatus(db, f.chair, f.meetingId, 'in_progress', null)).toEqual({ ok: true });
		await publishMeetingState(db, collab, f.chair, f.meetingId, 'status');
	}

	it('keeps one at the start and at the end, and the status reaches the document', async () => {
		const { db } = use();
		await withCollab(db, async (collab) => {
			const f = await setup(db, collab);
			await start(db, collab, f);
			expect(metaOf(collab.document(f.name)!).toJSON()).toEqual({ status: 'in_progress', locked: false });
			expect(await setStatus(db, f.chair, f.meetingId, 'ended', null)).toEqual({ ok: true });
			await publishMeetingState(db, collab, f.chair, f.meetingId, 'status');
			const page = await versionsPage(db, collab, f.secretary, f.meetingId, null);
			expect(page.versions.map((v) => v.reason)).toEqual(['end', 'start']);
			expect(page.versions[0]!.taken_by_name).toBe(
				(await db.selectFrom('app_user').select('display_name').where('id', '=', f.chair.userId).executeTakeFirstOrThrow()).display_name
			);
			// The end version holds the status it ended with.
			const rows = await db.selectFrom('meeting_version').select(['reason', 'state']).where('meeting_id', '=', f.meetingId).execute();
			const end = new Y.Doc();
			Y.applyUpdate(end, new Uint8Array(rows.find((r) => r.reason === 'end')!.state));
			expect(metaOf(end).get('status')).toBe('ended');
		});
	});

	it('writes the lock into the document for everyone to see', async () => {
		const { db } = use();
		await withCollab(db, async (collab) => {
			const f = await setup(db, collab);
			await db.updateTable('meeting').set({ locked: true }).where('id', '=', f.meetingId).execute();
			await publishMeetingState(db, collab, f.secretary, f.meetingId, 'lock');
			expect(metaOf(collab.document(f.name)!).get('locked')).toBe(true);
			await expect(publishMeetingState(db, collab, f.member, f.meetingId, 'lock')).rejects.toBeInstanceOf(AccessDenied);
		});
	});

	it('takes another version once ten minutes of editing have passed since the last, not before', async () => {
		const { db } = use();
		await withCollab(db, async (collab) => {
			const f = await setup(db, collab);
			await start(db, collab, f);
			// From the start on: the agenda's preparation is edited too, and its own periodic version would land
			// before or after the start's depending on how soon the debounced hooks run on this machine.
			let offset = 0;
			registerMeetingVersions(db, collab, VERSION_EVERY_MS, () => Date.now() + offset);
			const reasons = async () =>
				(await db.selectFrom('meeting_version').select('reason').where('meeting_id', '=', f.meetingId).orderBy('taken_at').execute()).map((r) => r.reason);

			const edit = async (text: string) => {
				const ran = afterHooks(collab, f.name, (d) => decisionsOf(d).get(f.ids.decision)?.get('text') === text);
				await collab.change(f.name, (d) => decisionsOf(d).get(f.ids.decision)!.set('text', text));
				await ran;
			};
			await edit('ให้ตำรวจและฝ่ายปกครองตรวจสอบไร่ข้าวโพด');
			expect(await reasons()).toEqual(['start']);

			offset = VERSION_EVERY_MS;
			await edit('ให้ตำรวจตรวจสอบไร่ข้าวโพดภายในสัปดาห์นี้');
			expect(await reasons()).toEqual(['start', 'periodic']);
		});
	});

	it('reads a version as agenda, decisions and actions, each marked as it stands now', async () => {
		const { db } = use();
		await withCollab(db, async (collab) => {
			const f = await setup(db, collab);
			await start(db, collab, f);
			await collab.change(f.name, (d) => {
				removeDecision(d, f.ids.decision, f.secretary.userId);
				decisionsOf(d).get(f.ids.other)!.set('text', 'ให้โรงเรียนติดตามเด็กทุกสัปดาห์');
			});
			const page = await versionsPage(db, collab, f.chair, f.meetingId, null);
			expect(page.items.map((a) => [a.title, a.now])).toEqual([
				['สถานการณ์แรงงานเด็ก', 'same'],
				['เรื่องอื่น ๆ', 'same']
			]);
			expect(page.items[0]!.notes).toBe('พบเด็กทำงานในไร่ข้าวโพด 3 ราย');
			const [gone, changed] = page.items[0]!.decisions;
			expect([gone!.id, gone!.now, gone!.actions.map((a) => [a.title, a.now])]).toEqual([f.ids.decision, 'gone', [['ตรวจไร่ข้าวโพดในตำบลบ้านถ้ำ', 'gone']]]);
			expect([changed!.text, changed!.now]).toEqual(['ให้โรงเรียนติดตามเด็ก', 'changed']);
			expect(page.names.organisations[f.s.member!.organisationId]).toBeTruthy();
		});
	});

	it('restores one decision with its action items, leaves everything else as it is now, keeps the moment before and audits it', async () => {
		const { db } = use();
		await withCollab(db, async (collab) => {
			const f = await setup(db, collab);
			await start(db, collab, f);
			await collab.change(f.name, (d) => {
				removeDecision(d, f.ids.decision, f.secretary.userId);
				decisionsOf(d).get(f.ids.other)!.set('text', 'ให้โรงเรียนติดตามเด็กทุกสัปดาห์');
			});
			const [version] = (await versionsPage(db, collab, f.chair, f.meetingId, null)).versions;
			const r = await restoreFromVersion(db, collab, f.secretary, f.meetingId, { version: version!.id, kind: 'decision', id: f.ids.decision }, '10.0.0.9');
			expect(r).toEqual({ ok: true, ids: [f.ids.decision, f.ids.action] });
			const live = collab.document(f.name)!;
			expect(decisionsOf(live).get(f.ids.decision)?.get('text')).toBe('ให้ตำรวจตรวจสอบไร่ข้าวโพด');
			expect(actionsOf(live).get(f.ids.action)?.get('title')).toBe('ตรวจไร่ข้าวโพดในตำบลบ้านถ้ำ');
			expect(removedOf(live).size).toBe(0);
			expect(decisionsOf(live).get(f.ids.other)?.get('text')).toBe('ให้โรงเรียนติดตามเด็กทุกสัปดาห์');

			const kept = await db.selectFrom('meeting_version').select(['reason', 'taken_by']).where('meeting_id', '=', f.meetingId).orderBy('taken_at').execute();
			expect(kept).toEqual([
				{ reason: 'start', taken_by: f.chair.userId },
				{ reason: 'before_restore', taken_by: f.secretary.userId }
			]);
			const audited = await db
				.selectFrom('audit_event')
				.select(['actor_id', 'detail', 'client_address'])
				.where('action', '=', 'meeting.version_restore')
				.where('target_id', '=', f.meetingId)
				.execute();
			expect(audited).toHaveLength(1);
			expect(audited[0]).toMatchObject({ actor_id: f.secretary.userId, client_address: '10.0.0.9' });
			expect(audited[0]!.detail).toMatchObject({ kind: 'decision', id: f.ids.decision, entities: 2 });
		});
	});

	it('brings back a removed agenda item with its notes, decisions and actions; a decision without its item waits for it', async () => {
		const { db } = use();
		await withCollab(db, async (collab) => {
			const f = await setup(db, collab);
			await start(db, collab, f);
			await collab.change(f.name, (d) => removeAgendaItem(d, f.ids.item, f.chair.userId));
			const version = (await versionsPage(db, collab, f.chair, f.meetingId, null)).selected!;
			expect(await restoreFromVersion(db, collab, f.chair, f.meetingId, { version, kind: 'decision', id: f.ids.decision }, null)).toEqual({
				ok: false,
				errors: { item: 'parent_missing' }
			});
			expect(await restoreFromVersion(db, collab, f.chair, f.meetingId, { version, kind: 'agenda_item', id: f.ids.item }, null)).toMatchObject({ ok: true });
			const live = collab.document(f.name)!;
			expect(agendaOf(live).get(f.ids.item)?.get('title')).toBe('สถานการณ์แรงงานเด็ก');
			expect([...decisionsOf(live).keys()].sort()).toEqual([f.ids.decision, f.ids.other].sort());
			expect(actionsOf(live).has(f.ids.action)).toBe(true);
			expect(notesOf(live, f.ids.item).toString()).toContain('พบเด็กทำงานในไร่ข้าวโพด 3 ราย');
			expect(removedOf(live).size).toBe(0);
		});
	});

	it('restores nothing into a locked meeting', async () => {
		const { db } = use();
		await withCollab(db, async (collab) => {
			const f = await setup(db, collab);
			await start(db, collab, f);
			await collab.change(f.name, (d) => removeDecision(d, f.ids.decision, f.chair.userId));
			await db.updateTable('meeting').set({ locked: true }).where('id', '=', f.meetingId).execute();
			const version = (await versionsPage(db, collab, f.chair, f.meetingId, null)).selected!;
			expect(await restoreFromVersion(db, collab, f.chair, f.meetingId, { version, kind: 'decision', id: f.ids.decision }, null)).toEqual({
				ok: false,
				errors: { meeting: 'frozen' }
			});
			expect(decisionsOf(collab.document(f.name)!).has(f.ids.decision)).toBe(false);
		});
	});

	it('refuses members (403) and, for a case conference, everyone off its team as if it did not exist (404)', async () => {
		const { db } = use();
		await withCollab(db, async (collab) => {
			const f = await setup(db, collab);
			await start(db, collab, f);
			const version = (await versionsPage(db, collab, f.chair, f.meetingId, null)).selected!;
			await expect(versionsPage(db, collab, f.member, f.meetingId, null)).rejects.toMatchObject({ status: 403 });
			await expect(restoreFromVersion(db, collab, f.member, f.meetingId, { version, kind: 'decision', id: f.ids.decision }, null)).rejects.toBeInstanceOf(
				AccessDenied
			);
			const outsider = await makeUser(db);
			await expect(versionsPage(db, collab, outsider.actor, f.meetingId, null)).rejects.toMatchObject({ status: 403 });

			// A case conference of the same body: its team is the secretary alone.
			const caseRow = await db
				.insertInto('case_file')
				.values({
					code: `VER-${crypto.randomUUID().slice(0, 8)}`,
					body_id: f.body.id,
					category: 'other',
					sex: 'unknown',
					age_band: 'unknown',
					opened_on: '2026-11-01',
					created_by: f.secretary.userId,
					created_at: new Date(),
					updated_at: new Date()
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await db
				.insertInto('case_team')
				.values({
					case_id: caseRow.id,
					user_id: f.secretary.userId,
					organisation_id: f.s.secretary!.organisationId,
					added_by: f.secretary.userId,
					added_at: new Date()
				})
				.execute();
			const conference = (
				await db
					.insertInto('meeting')
					.values({
						body_id: f.body.id,
						kind: 'case_conference',
						case_id: caseRow.id,
						title: 'ประชุมปรึกษารายกรณี',
						starts_at: new Date('2026-12-11T02:00:00Z'),
						status: 'in_progress'
					})
					.returning('id')
					.executeTakeFirstOrThrow()
			).id;
			await publishMeetingState(db, collab, f.secretary, conference, 'status');
			expect((await versionsPage(db, collab, f.secretary, conference, null, '10.0.0.7')).versions.map((v) => v.reason)).toEqual(['start']);
			const viewed = await db
				.selectFrom('audit_event')
				.select(['actor_id', 'detail', 'client_address'])
				.where('action', '=', 'case.conference_view')
				.where('target_id', '=', conference)
				.execute();
			expect(viewed).toHaveLength(1);
			expect(viewed[0]).toMatchObject({ actor_id: f.secretary.userId, client_address: '10.0.0.7', detail: { case: caseRow.id, page: 'versions' } });
			for (const actor of [f.chair, f.member, outsider.actor]) {
				await expect(versionsPage(db, collab, actor, conference, null)).rejects.toMatchObject({ status: 404 });
			}
			await expect(versionsPage(db, collab, f.chair, crypto.randomUUID(), null)).rejects.toMatchObject({ status: 404 });
			const denied = await db.selectFrom('audit_event').select('actor_id').where('action', '=', 'access.denied').where('target_id', '=', conference).execute();
			expect(denied.map((d) => d.actor_id).sort()).toEqual([f.chair.userId, f.member.userId, outsider.actor.userId].sort());
		});
	});
});

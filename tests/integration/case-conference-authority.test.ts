import { expect, it } from 'vitest';
import { AccessDenied, type Actor } from '../../server/access';
import { auditConferenceView, callConference, openMinutesPage } from '../../server/cases/conference';
import type { CollabServer } from '../../server/collab/server';
import { decideReportBack } from '../../server/meetings/followup';
import { setLocked, setStatus, updateMeeting, workspace } from '../../server/meetings/service';
import { describeEachEngine } from '../support/database';
import { followupMeeting, makeUser } from '../support/factories';
import { caseAction, caseScene, refusedWith, snapshot } from '../support/case-scene';

const day = 24 * 3600_000;
const inDays = (n: number) => new Date(Date.now() + 7 * 3600_000 + n * day).toISOString().slice(0, 10);
/** The live documents are not what these tests are about: changes to them are only counted. */
const documents = () => {
	const changed: string[] = [];
	return { changed, collab: { change: async (name: string) => void changed.push(name) } as unknown as CollabServer };
};

/** What a refusal looks like from outside: its status and its words, nothing else. */
async function answerOf(p: Promise<unknown>) {
	try {
		await p;
		return 'allowed';
	} catch (e) {
		if (!(e instanceof AccessDenied)) throw e;
		return `${e.status} ${e.message}`;
	}
}

describeEachEngine('a case conference answers to its team alone', (use) => {
	async function scene() {
		const { db } = use();
		const s = await caseScene(db);
		const called = await callConference(db, s.secretary.actor, s.caseId, { date: inDays(3), time: '13:30', place: 'ห้องประชุมโรงพยาบาล', onlineUrl: '' }, null);
		if (!called.ok) throw new Error(JSON.stringify(called.errors));
		const outsider = await makeUser(db);
		const offTeam: [string, Actor][] = [
			['administrator', s.admin.actor],
			['chair off the team', s.chair.actor],
			['police representative', s.police.actor],
			['observer', s.observer.actor],
			['volunteer off the team', s.volunteer.actor],
			['outsider', outsider.actor]
		];
		return { ...s, conference: called.id, offTeam };
	}

	it('refuses edit, status and lock to everyone off the team exactly as an unknown meeting, and changes nothing', async () => {
		const { db } = use();
		const s = await scene();
		const unknown = crypto.randomUUID();
		const edit = { title: 'ชื่อใหม่', date: inDays(5), time: '09:00', place: 'ที่อื่น', onlineUrl: '' };
		const before = await snapshot(db);
		for (const [who, actor] of s.offTeam) {
			for (const [name, run] of [
				['edit', (id: string) => updateMeeting(db, actor, id, edit, null)],
				['status', (id: string) => setStatus(db, actor, id, 'in_progress', null)],
				['lock', (id: string) => setLocked(db, actor, id, true, null)],
				['workspace', (id: string) => workspace(db, actor, id)]
			] as const) {
				const conference = await answerOf(run(s.conference));
				expect(conference, `${who}: ${name}`).toBe('404 Not found');
				expect(await answerOf(run(unknown)), `${who}: ${name} of an unknown meeting`).toBe(conference);
			}
		}
		expect(await snapshot(db)).toEqual(before);
	});

	it('lets anyone on the team run and edit it, keeping the title it was called with', async () => {
		const { db } = use();
		const s = await scene();
		// The hospital's representative is a plain member of the body, but on the team.
		expect(
			await updateMeeting(
				db,
				s.hospital.actor,
				s.conference,
				{ title: 'ชื่อจริงของผู้เสียหาย', date: inDays(6), time: '10:00', place: 'ห้องจิตเวช', onlineUrl: '' },
				null
			)
		).toEqual({ ok: true });
		const row = await db.selectFrom('meeting').select(['title', 'place']).where('id', '=', s.conference).executeTakeFirstOrThrow();
		expect(row).toEqual({ title: `ประชุมปรึกษารายกรณี ${s.code}`, place: 'ห้องจิตเวช' });
		expect(await setStatus(db, s.hospital.actor, s.conference, 'in_progress', null)).toEqual({ ok: true });
		expect(await setLocked(db, s.hospital.actor, s.conference, true, null)).toBe(true);
		// Input rules hold on the team too.
		expect(
			await updateMeeting(db, s.hospital.actor, s.conference, { title: '', date: inDays(6), time: '10:00', place: 'ห้อง\u0007ประชุม', onlineUrl: '' }, null)
		).toEqual({ ok: false, errors: { place: 'control_character' } });
	});

	it('answers an unknown meeting with 404, and a regular meeting’s refusal with 403, on every action', async () => {
		const { db } = use();
		const s = await scene();
		const regular = await followupMeeting(db, { bodyId: s.body.id, startsAt: new Date(Date.now() + day), status: 'planned' });
		const edit = { title: 'ประชุมประจำเดือน', date: inDays(5), time: '09:00', place: '', onlineUrl: '' };
		await expect(updateMeeting(db, s.hospital.actor, regular, edit, null)).rejects.toEqual(refusedWith(403));
		await expect(setStatus(db, s.hospital.actor, regular, 'in_progress', null)).rejects.toEqual(refusedWith(403));
		await expect(updateMeeting(db, s.secretary.actor, crypto.randomUUID(), edit, null)).rejects.toEqual(refusedWith(404));
		await expect(setStatus(db, s.secretary.actor, crypto.randomUUID(), 'ended', null)).rejects.toEqual(refusedWith(404));
		const { collab } = documents();
		await expect(
			decideReportBack(db, collab, s.secretary.actor, { verb: 'accept', meetingId: crypto.randomUUID(), actionItemId: crypto.randomUUID(), text: '' }, null)
		).rejects.toEqual(refusedWith(404));
	});

	it('takes report-back decisions at the conference from its team alone', async () => {
		const { db } = use();
		const s = await scene();
		const held = await db
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
		const item = await caseAction(db, {
			bodyId: s.body.id,
			caseId: s.caseId,
			organisationId: s.hospital.organisationId,
			assigneeId: s.hospital.id,
			status: 'in_progress'
		});
		const { collab, changed } = documents();
		const before = await snapshot(db);
		for (const [who, actor] of s.offTeam) {
			const decided = answerOf(decideReportBack(db, collab, actor, { verb: 'accept', meetingId: held.id, actionItemId: item, text: 'ประเมินแล้ว' }, null));
			expect(await decided, who).toBe('404 Not found');
		}
		expect(await snapshot(db)).toEqual(before);
		expect(changed).toEqual([]);
		expect(
			await decideReportBack(db, collab, s.secretary.actor, { verb: 'accept', meetingId: held.id, actionItemId: item, text: 'ประเมินแล้ว นัดติดตามทุกสัปดาห์' }, null)
		).toEqual({ ok: true, status: 'closed' });
		expect(changed).toEqual([`meeting:${held.id}`]);
	});

	it('audits every view of the conference’s pages and every refused attempt, never what they showed', async () => {
		const { db } = use();
		const s = await scene();
		await workspace(db, s.hospital.actor, s.conference, '198.51.100.21');
		await openMinutesPage(db, s.hospital.actor, s.conference, 'minutes_previous', '198.51.100.21');
		await auditConferenceView(db, s.hospital.actor, s.conference, 'minutes_export', '198.51.100.21', { format: 'pdf' });
		await expect(workspace(db, s.chair.actor, s.conference, '198.51.100.22')).rejects.toEqual(refusedWith(404));
		await expect(openMinutesPage(db, s.police.actor, s.conference, 'minutes', '198.51.100.23')).rejects.toEqual(refusedWith(404));
		// A regular meeting's pages are not a case's: no view row.
		const regular = await followupMeeting(db, { bodyId: s.body.id, startsAt: new Date(Date.now() + day), status: 'planned' });
		await auditConferenceView(db, s.hospital.actor, regular, 'minutes', null);

		const rows = await db
			.selectFrom('audit_event')
			.select(['action', 'actor_id', 'target_id', 'client_address', 'detail'])
			.where('target_id', 'in', [s.conference, regular])
			.orderBy('id')
			.execute();
		const views = rows.filter((r) => r.action === 'case.conference_view');
		expect(views.map((v) => [v.actor_id, v.target_id, v.client_address, (v.detail as { page: string }).page])).toEqual([
			[s.hospital.id, s.conference, '198.51.100.21', 'workspace'],
			[s.hospital.id, s.conference, '198.51.100.21', 'minutes_previous'],
			[s.hospital.id, s.conference, '198.51.100.21', 'minutes_export']
		]);
		expect(views.every((v) => (v.detail as { case: string }).case === s.caseId)).toBe(true);
		const denied = rows.filter((r) => r.action === 'access.denied').map((r) => [r.actor_id, r.client_address]);
		expect(denied).toEqual(
			expect.arrayContaining([
				[s.chair.id, '198.51.100.22'],
				[s.police.id, '198.51.100.23']
			])
		);
		expect(JSON.stringify(rows)).not.toContain('ห้องประชุมโรงพยาบาล');
	});
});

import type { Kysely } from 'kysely';
import { readConfig } from '../../server/config';
import { collabHooks } from '../../server/collab-hooks';
import { createCollabServer, type CollabServer } from '../../server/collab/server';
import type { DB } from '../../server/db/schema';
import { applyProjection } from '../../server/meetings/apply-projection';
import { projectMeeting } from '../../server/meetings/projection';
import { doc, paragraph, writeFragment } from '../../server/rich-text/prosemirror';
import { addAction, addAgendaItem, addDecision, notesOf, setAttendance } from '../../src/lib/meeting-doc/schema';
import { followupMeeting, makeBody, makeUser } from './factories';

/** A collaboration server without sockets: the live documents of a test database. */
export function liveDocuments(db: Kysely<DB>): CollabServer {
	const config = readConfig({});
	return createCollabServer({
		db,
		config,
		hooks: collabHooks(db, config),
		instance: 'minutes-test',
		settings: { unloadAfterMs: 200, hookDebounceMs: 50, closeTimeoutMs: 2_000 }
	});
}

export const DECISION = 'ให้สถานีตำรวจตรวจสอบร้านคาราโอเกะร่วมกับฝ่ายปกครองและรายงานผลในการประชุมครั้งถัดไป';
export const NOTES = 'ที่ประชุมรับทราบสถานการณ์แรงงานเด็กในไร่ข้าวโพดตำบลบ้านถ้ำ';
export const ACTION = 'ตรวจร้านคาราโอเกะในเขตอำเภอ';

/**
 * A body with its officers, a member, an observer and an outsider, and a
 * meeting held in its live document (agenda, notes, a decision with lead and
 * supporting organisations, an action item, attendance), projected into SQL
 * as the collaboration server would, then ended.
 */
export async function heldMeeting(db: Kysely<DB>, collab: CollabServer, o: { startsAt?: Date } = {}) {
	const body = await makeBody(db, { roles: ['chair', 'vice_chair', 'secretary', 'member', 'observer'] });
	const outsider = await makeUser(db);
	const s = body.seats;
	const startsAt = o.startsAt ?? new Date('2026-12-03T02:00:00Z');
	const meetingId = await followupMeeting(db, { bodyId: body.id, startsAt, status: 'in_progress', title: 'ประชุมประจำเดือนธันวาคม' });
	const [minutesItem, casesItem] = [crypto.randomUUID(), crypto.randomUUID()];
	const decisionId = crypto.randomUUID();
	await collab.change(`meeting:${meetingId}`, (d) => {
		addAgendaItem(d, { id: minutesItem, title: 'รับรองรายงานการประชุมครั้งที่แล้ว', minutes: 10, presenterOrgId: null, standing: 'minutes' });
		addAgendaItem(d, { id: casesItem, title: 'สถานการณ์และกรณีใหม่', minutes: 30, presenterOrgId: s.member!.organisationId, standing: 'cases' });
		writeFragment(notesOf(d, casesItem), doc([paragraph(NOTES)]));
		addDecision(d, {
			id: decisionId,
			agendaItemId: casesItem,
			text: DECISION,
			leadOrgId: s.member!.organisationId,
			supportingOrgIds: [s.chair!.organisationId]
		});
		addAction(d, {
			id: crypto.randomUUID(),
			decisionId,
			title: ACTION,
			description: '',
			leadOrgId: s.member!.organisationId,
			assigneeId: s.member!.id,
			supportingOrgIds: [s.secretary!.organisationId],
			dueOn: '2026-12-25'
		});
		setAttendance(d, s.chair!.organisationId, 'present');
		setAttendance(d, s.secretary!.organisationId, 'present');
		setAttendance(d, s.member!.organisationId, 'apologies');
	});
	const live = collab.document(`meeting:${meetingId}`)!;
	const projection = projectMeeting(live, {
		meetingId,
		bodyId: body.id,
		organisationIds: new Set(Object.values(s).map((x) => x!.organisationId)),
		userIds: new Set(Object.values(s).map((x) => x!.id))
	});
	await applyProjection(db, meetingId, projection);
	await db
		.updateTable('meeting')
		.set({ status: 'ended', started_at: startsAt, closed_at: new Date(startsAt.getTime() + 2.5 * 3600_000) })
		.where('id', '=', meetingId)
		.execute();
	return { body, seats: s, outsider, meetingId, decisionId };
}

/** The body's next meeting, where the minutes are approved; in progress unless told otherwise. */
export function nextMeeting(db: Kysely<DB>, bodyId: string, o: { startsAt?: Date; status?: 'planned' | 'in_progress' | 'ended' } = {}) {
	return followupMeeting(db, {
		bodyId,
		startsAt: o.startsAt ?? new Date('2027-01-07T02:00:00Z'),
		status: o.status ?? 'in_progress',
		title: 'ประชุมประจำเดือนมกราคม'
	});
}

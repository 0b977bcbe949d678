import * as Y from 'yjs';
import type { Kysely } from 'kysely';
import type { Actor } from '../../server/access';
import { createSession } from '../../server/auth/session';
import { conferenceTitle } from '../../server/cases/conference';
import type { DB } from '../../server/db/schema';
import { demoId, seedDemo } from '../../server/demo/seed';
import { issueCalendarToken } from '../../server/followup/calendar';
import { recordReport } from '../../server/intake/service';
import { approveByChair } from '../../server/minutes/approval';
import { addComment, generateDraft } from '../../server/minutes/service';
import { lastFullQuarter } from '../../server/outcomes/period';
import { prepareReport } from '../../server/outcomes/service';
import { createResetLink } from '../../server/users/service';
import { liveDocuments } from './minutes-factories';
import type { Caller } from './route-actions';
import { bangkokToday } from '../../src/lib/calendar';

/**
 * The demo network with what the form actions need besides it: a chair of
 * another body (`outsider`), a vice-chair on the working group (`school2`),
 * a conference of case c3 (whose team is the secretary and the hospital, so
 * the chair is off it) with an action item led by the police (off every team),
 * an intake report, a draft outcome report, minutes in each state, a
 * calendar feed and a one-time link. People are the demo's keys (server/demo/network.ts).
 */

export const DAY = 24 * 3600_000;
export const user = (key: string) => demoId('user', key);
export const body = (key: string) => demoId('body', key);
export const org = (key: string) => demoId('org', key);
export const meeting = (key: string) => demoId('meeting', key);
export const action = (key: string) => demoId('action', key);
export const caseId = (key: string) => demoId('case', key);
export const referral = (key: string) => demoId('referral', key);
export const membership = (bodyKey: string, person: string, orgKey: string) => demoId('membership', `${bodyKey}:${person}:${orgKey}`);

export const C3_CONFERENCE = meeting('case:c3:conference');
export const C3_ACTION = action('case:c3:police');
export const POND_MEETING = meeting('doc-pong:-1');

export interface World {
	callers: Map<string, Caller>;
	intakeReportId: string;
	draftReportId: string;
	commentId: string;
	linkToken: string;
	/** A comment anchor that decodes as a Yjs relative position. */
	anchor: string;
}

const actorOf = (key: string, isAdmin = false): Actor => ({ userId: user(key), isAdmin });

export async function buildWorld(db: Kysely<DB>): Promise<World> {
	const now = new Date();
	await seedDemo(db, now);
	const startsOn = '2025-10-01';

	await db
		.insertInto('app_user')
		.values({
			id: user('outsider'),
			username: 'outsider',
			display_name: 'ประธานศูนย์อำเภอปง',
			email: 'outsider@demo.concord.invalid',
			phone: null,
			locale: 'th',
			is_admin: false,
			password_hash: null
		})
		.execute();
	await db
		.insertInto('membership')
		.values([
			{
				id: demoId('membership', 'outsider'),
				body_id: body('doc-pong'),
				user_id: user('outsider'),
				organisation_id: org('prov-labour'),
				role: 'chair',
				starts_on: startsOn
			},
			{
				id: demoId('membership', 'deputy'),
				body_id: body('dkt-wg'),
				user_id: user('school2'),
				organisation_id: org('dkt-school2'),
				role: 'vice_chair',
				starts_on: startsOn
			}
		])
		.execute();
	await db
		.insertInto('meeting')
		.values({
			id: POND_MEETING,
			body_id: body('doc-pong'),
			kind: 'regular',
			title: 'ประชุมศูนย์ปฏิบัติการอำเภอปง',
			starts_at: new Date(now.getTime() - 10 * DAY),
			ends_at: new Date(now.getTime() - 10 * DAY + 2 * 3600_000),
			place: null,
			online_url: null,
			status: 'ended'
		})
		.execute();

	const c3 = await db.selectFrom('case_file').select('code').where('id', '=', caseId('c3')).executeTakeFirstOrThrow();
	const held = new Date(now.getTime() - 5 * DAY);
	await db
		.insertInto('meeting')
		.values({
			id: C3_CONFERENCE,
			body_id: body('dkt-wg'),
			kind: 'case_conference',
			case_id: caseId('c3'),
			title: conferenceTitle(c3.code),
			starts_at: held,
			ends_at: new Date(held.getTime() + 2 * 3600_000),
			place: 'ห้องประชุมโรงพยาบาลดอกคำใต้',
			online_url: null,
			status: 'ended',
			started_at: held,
			closed_at: new Date(held.getTime() + 2 * 3600_000),
			created_by: user('cdo')
		})
		.execute();
	await db
		.insertInto('action_item')
		.values({
			id: C3_ACTION,
			body_id: body('dkt-wg'),
			meeting_id: C3_CONFERENCE,
			decision_id: null,
			case_id: caseId('c3'),
			title: 'สอบปากคำผู้ปกครองและตรวจสอบผู้ชักชวน',
			lead_organisation_id: org('dkt-police'),
			assignee_id: null,
			due_on: bangkokToday(new Date(now.getTime() + 20 * DAY)),
			status: 'open',
			closed_meeting_id: null,
			created_at: held,
			updated_at: held
		})
		.execute();

	// The school reported back at last month's meeting; the chair has yet to accept it.
	await db
		.insertInto('action_update')
		.values({
			action_item_id: action('a4'),
			author_id: user('school1'),
			at: new Date(now.getTime() - 2 * DAY),
			kind: 'report_back',
			text: 'อบรมครูแล้ว 42 คน จาก 6 โรงเรียน',
			meeting_id: meeting('dkt-wg:-1'),
			detail: null
		})
		.execute();

	const recorded = await recordReport(
		db,
		actorOf('cdo'),
		{
			bodyId: body('dkt-wg'),
			channel: 'telephone',
			kind: 'tip',
			message: 'มีเด็กหญิงอายุประมาณ 14 ปี ทำงานในร้านอาหารริมทางหลวงจนดึก',
			location: 'บ้านห้วยลาน หมู่ 7',
			contactName: 'ผู้แจ้งไม่ประสงค์ออกนาม',
			contactPhone: '',
			contactEmail: ''
		},
		null
	);
	if (!recorded.ok) throw new Error(`intake report: ${JSON.stringify(recorded.errors)}`);
	const intake = await db.selectFrom('intake_report').select('id').where('reference', '=', recorded.reference).executeTakeFirstOrThrow();

	const draft = await prepareReport(db, actorOf('cdo'), body('dkt-wg'), { quarter: lastFullQuarter(bangkokToday(now)) });
	if (!draft.ok) throw new Error(`outcome report: ${JSON.stringify(draft.errors)}`);

	// Minutes through their own live documents, closed before the suite: nothing of them runs later.
	const live = liveDocuments(db);
	const anchor = Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(new Y.Doc().getText('t'), 0))).toString('base64');
	let commentId: string;
	try {
		for (const m of ['dkt-wg:-2', 'dkt-wg:-3']) {
			const g = await generateDraft(db, live, actorOf('cdo'), meeting(m));
			if (!g.ok) throw new Error(`minutes of ${m}: ${g.error}`);
		}
		const c = await addComment(db, actorOf('health'), meeting('dkt-wg:-2'), { anchor, quote: '', text: 'ขอแก้ชื่อหน่วยงานในวาระที่ 3' });
		if (!c.ok) throw new Error(`comment: ${c.error}`);
		commentId = c.id;
		const a = await approveByChair(db, live, actorOf('district-officer'), meeting('dkt-wg:-3'), { reason: 'ประชุมครั้งถัดไปเลื่อนออกไป' });
		if (!a.ok) throw new Error(`approval: ${a.error}`);
	} finally {
		await live.close();
	}

	// The hospital's representative follows her actions in her calendar.
	await issueCalendarToken(db, actorOf('hospital'), null);

	const link = await createResetLink(db, actorOf('admin', true), user('college'), null);
	if (!link) throw new Error('no reset link');

	const people = await db.selectFrom('app_user').select(['id', 'username', 'display_name', 'locale', 'is_admin', 'active']).execute();
	const callers = new Map<string, Caller>();
	for (const p of people) {
		const { session } = await createSession(db, p.id, { clientAddress: null, userAgent: 'form-actions' });
		callers.set(p.id, { user: p, sessionId: session.id });
	}
	return { callers, intakeReportId: intake.id, draftReportId: draft.id, commentId, linkToken: link.token, anchor };
}

/** The caller behind a demo person's key, or nobody signed in. */
export function callerOf(world: World, who: string | null): Caller {
	if (!who) return { user: null, sessionId: null };
	const c = world.callers.get(user(who));
	if (!c) throw new Error(`no demo person ${who}`);
	return c;
}

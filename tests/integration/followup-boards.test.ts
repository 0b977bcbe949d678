import { expect, it } from 'vitest';
import { AccessDenied } from '../../server/access';
import { representativeBoard } from '../../server/followup/board';
import { calendarFeed, calendarStatus, feedChangedAt, issueCalendarToken, notModified, revokeCalendarToken } from '../../server/followup/calendar';
import { decisionPage, searchDecisions } from '../../server/followup/decisions';
import { postProgress } from '../../server/followup/lifecycle';
import { actionStream, liveConnections } from '../../server/followup/live';
import { describeEachEngine } from '../support/database';
import { followupAction, followupDecision, followupMeeting, makeBody, makeOrganisation, makeUser, seatOn } from '../support/factories';

const DAY = 24 * 3600_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

describeEachEngine('the representative’s board', (use) => {
	it('shows, on the user’s current bodies, actions led or supported by their organisations, grouped by state and by due date', async () => {
		const { db } = use();
		const rep = await makeUser(db);
		const police = await makeOrganisation(db, 'สภ.ทดสอบ');
		const school = await makeOrganisation(db, 'โรงเรียนทดสอบ');
		const other = await makeOrganisation(db, 'หน่วยอื่น');
		const wg = await makeBody(db, { roles: ['chair'] });
		const committee = await makeBody(db, { roles: ['chair'] });
		const notMine = await makeBody(db, { roles: ['chair'] });
		const formerly = await makeBody(db, { roles: ['chair'] });
		await seatOn(db, { bodyId: wg.id, userId: rep.id, organisationId: police.id, role: 'member' });
		// On the committee the user stands in as the school's alternate.
		const teacher = await makeUser(db);
		await seatOn(db, { bodyId: committee.id, userId: teacher.id, organisationId: school.id, role: 'member', alternateUserId: rep.id });
		await seatOn(db, { bodyId: formerly.id, userId: rep.id, organisationId: police.id, role: 'member', endsOn: '2021-01-01' });

		const a = (o: Parameters<typeof followupAction>[1]) => followupAction(db, o);
		const late = await a({ bodyId: wg.id, organisationId: police.id, dueOn: '2099-03-01', title: 'ช้า' });
		const soon = await a({ bodyId: wg.id, organisationId: police.id, dueOn: '2099-01-01', title: 'เร็ว' });
		const undated = await a({ bodyId: wg.id, organisationId: police.id, dueOn: null, title: 'ไม่กำหนด' });
		const supported = await a({ bodyId: wg.id, organisationId: other.id, supporting: [police.id], status: 'in_progress' });
		const asAlternate = await a({ bodyId: committee.id, organisationId: school.id, status: 'awaiting_report' });
		// The police lead this one on the committee, where the user sits for the school: shown, but not theirs to update.
		const policeElsewhere = await a({ bodyId: committee.id, organisationId: police.id, dueOn: '2099-06-01' });
		const justClosed = await a({ bodyId: wg.id, organisationId: police.id, status: 'closed', updatedAt: ago(3) });
		await a({ bodyId: wg.id, organisationId: police.id, status: 'closed', createdAt: ago(400), updatedAt: ago(200) });
		await a({ bodyId: wg.id, organisationId: other.id });
		await a({ bodyId: notMine.id, organisationId: police.id });
		await a({ bodyId: formerly.id, organisationId: police.id });

		const board = await representativeBoard(db, rep.actor);
		const ids = Object.fromEntries(Object.entries(board.groups).map(([k, v]) => [k, v.map((i) => i.id)]));
		expect(ids).toEqual({
			open: [soon, late, policeElsewhere, undated],
			in_progress: [supported],
			awaiting_report: [asAlternate],
			closed: [justClosed],
			dropped: []
		});
		expect(board.groups.open.map((i) => i.led)).toEqual([true, true, false, true]);
		expect(board.groups.in_progress[0]!.led).toBe(false);
		expect(board.groups.awaiting_report[0]!.led).toBe(true);
		expect(board.bodies.map((b) => b.id).sort()).toEqual([wg.id, committee.id].sort());

		const filtered = await representativeBoard(db, rep.actor, { bodyId: committee.id });
		expect(
			Object.values(filtered.groups)
				.flat()
				.map((i) => i.id)
		).toEqual([policeElsewhere, asAlternate]);
		// A body the user does not sit on shows nothing rather than someone else's work.
		expect(Object.values((await representativeBoard(db, rep.actor, { bodyId: notMine.id })).groups).flat()).toEqual([]);
		await expect(representativeBoard(db, null)).rejects.toBeInstanceOf(AccessDenied);
	});

	it('shows the latest entry of each item after a progress update from the board', async () => {
		const { db } = use();
		const body = await makeBody(db, { roles: ['member'] });
		const rep = body.seats.member!;
		const id = await followupAction(db, { bodyId: body.id, organisationId: rep.organisationId });
		await postProgress(db, rep.actor, { actionItemId: id, text: 'ตรวจแล้ว 4 จาก 9 แห่ง' });
		const board = await representativeBoard(db, rep.actor);
		expect(board.groups.in_progress.map((i) => [i.id, i.last_kind, i.last_text])).toEqual([[id, 'progress', 'ตรวจแล้ว 4 จาก 9 แห่ง']]);
	});
});

describeEachEngine('the decision log', (use) => {
	async function log() {
		const { db } = use();
		const province = await makeBody(db, { roles: ['chair'] });
		const wg = await makeBody(db, { parentId: province.id, roles: ['chair', 'member'] });
		const hidden = await makeBody(db, { roles: ['chair'] });
		const police = await makeOrganisation(db);
		const hospital = await makeOrganisation(db);
		const m1 = await followupMeeting(db, { bodyId: wg.id, startsAt: new Date('2026-03-08T02:00:00Z') });
		const m2 = await followupMeeting(db, { bodyId: wg.id, startsAt: new Date('2026-05-05T02:00:00Z') });
		const mh = await followupMeeting(db, { bodyId: hidden.id, startsAt: new Date('2026-05-06T02:00:00Z') });
		const karaoke = await followupDecision(db, { meetingId: m1, text: 'ให้ตรวจสอบสถานบริการและร้านคาราโอเกะในเขตอำเภอ ร่วมกับฝ่ายปกครอง', lead: police.id });
		const referral = await followupDecision(db, {
			meetingId: m2,
			text: 'จัดทำแนวทางส่งต่อผู้เสียหายเข้ารับการตรวจรักษาที่โรงพยาบาล 100% ภายในเดือน',
			lead: hospital.id,
			supporting: [police.id]
		});
		const secret = await followupDecision(db, { meetingId: mh, text: 'ตรวจสอบร้านคาราโอเกะริมทางหลวง', lead: police.id });
		const action = await followupAction(db, { bodyId: wg.id, organisationId: police.id, meetingId: m1, decisionId: karaoke, status: 'closed' });
		await db.updateTable('action_item').set({ closed_meeting_id: m2 }).where('id', '=', action).execute();
		return { db, province, wg, hidden, police, hospital, karaoke, referral, secret, action, m2 };
	}

	it('finds decisions by a Thai substring, only on bodies the user may read', async () => {
		const { db, wg, province, karaoke, secret } = await log();
		const member = wg.seats.member!.actor;
		expect((await searchDecisions(db, member, { q: 'คาราโอเกะ' })).decisions.map((d) => d.id)).toEqual([karaoke]);
		expect((await searchDecisions(db, member, { q: 'สถานบริการ' })).decisions.map((d) => d.id)).toEqual([karaoke]);
		expect((await searchDecisions(db, member, { q: 'ร้านค้า' })).decisions).toEqual([]);
		// Those above read the bodies below; an administrator reads all.
		expect((await searchDecisions(db, province.seats.chair!.actor, { q: 'คาราโอเกะ' })).decisions.map((d) => d.id)).toEqual([karaoke]);
		const admin = await makeUser(db, { admin: true });
		expect((await searchDecisions(db, admin.actor, { q: 'คาราโอเกะ' })).decisions.map((d) => d.id)).toContain(secret);
		expect((await searchDecisions(db, (await makeUser(db)).actor, { q: 'คาราโอเกะ' })).decisions).toEqual([]);
	});

	it('filters by organisation, body and date, newest meeting first, and treats % literally', async () => {
		const { db, wg, hidden, police, hospital, karaoke, referral } = await log();
		const member = wg.seats.member!.actor;
		const ids = async (input: Parameters<typeof searchDecisions>[2]) => (await searchDecisions(db, member, input)).decisions.map((d) => d.id);
		expect(await ids({})).toEqual([referral, karaoke]);
		expect(await ids({ organisationId: police.id })).toEqual([referral, karaoke]);
		expect(await ids({ organisationId: hospital.id })).toEqual([referral]);
		expect(await ids({ organisationId: police.id, q: 'คาราโอเกะ' })).toEqual([karaoke]);
		expect(await ids({ organisationId: hospital.id, q: 'คาราโอเกะ' })).toEqual([]);
		expect(await ids({ organisationId: police.id, from: '2026-04-01' })).toEqual([referral]);
		expect(await ids({ from: '2026-04-01' })).toEqual([referral]);
		expect(await ids({ to: '2026-03-08' })).toEqual([karaoke]);
		expect(await ids({ bodyId: wg.id, q: '100%' })).toEqual([referral]);
		expect(await ids({ q: '0%ภ' })).toEqual([]);
		expect(await ids({ from: 'not-a-date' })).toEqual([referral, karaoke]);
		await expect(searchDecisions(db, member, { bodyId: hidden.id })).rejects.toMatchObject({ status: 404 });
		const page = await searchDecisions(db, member, {});
		expect(page.decisions[0]!.organisations.map((o) => [o.id, o.responsibility])).toEqual([
			[hospital.id, 'lead'],
			[police.id, 'supporting']
		]);
		expect(page.bodies.map((b) => b.id)).toEqual([wg.id]);
	});

	it('leads from a decision to its actions, their updates and the meeting that closed them', async () => {
		const { db, wg, karaoke, action, m2, secret } = await log();
		const page = (await decisionPage(db, wg.seats.member!.actor, karaoke))!;
		expect(page.actions.map((a) => [a.id, a.status, a.closed_meeting_id])).toEqual([[action, 'closed', m2]]);
		expect(page.actions[0]!.history.map((h) => h.kind)).toEqual(['created']);
		await expect(decisionPage(db, wg.seats.member!.actor, secret)).rejects.toMatchObject({ status: 404 });
		await expect(decisionPage(db, wg.seats.member!.actor, crypto.randomUUID())).rejects.toMatchObject({ status: 404 });
	});
});

describeEachEngine('the calendar feed and live updates', (use) => {
	it('serves a user’s meetings and their organisations’ due dates at a secret URL that can be regenerated', async () => {
		const { db } = use();
		const body = await makeBody(db, { roles: ['chair', 'member'] });
		const rep = body.seats.member!;
		await followupMeeting(db, { bodyId: body.id, startsAt: new Date(Date.now() + 7 * DAY), status: 'planned', title: 'ประชุมเดือนหน้า' });
		await followupMeeting(db, { bodyId: body.id, startsAt: ago(400), title: 'ประชุมเก่า' });
		await followupAction(db, { bodyId: body.id, organisationId: rep.organisationId, dueOn: '2099-01-15', title: 'ส่งรายงาน' });
		await followupAction(db, { bodyId: body.id, organisationId: body.seats.chair!.organisationId, dueOn: '2099-01-16', title: 'ไม่ใช่ของฉัน' });

		expect((await calendarStatus(db, rep.actor)).active).toBe(false);
		const first = await issueCalendarToken(db, rep.actor);
		expect((await calendarStatus(db, rep.actor)).active).toBe(true);
		const stored = await db.selectFrom('calendar_feed').select('token_hash').where('user_id', '=', rep.id).executeTakeFirstOrThrow();
		expect(stored.token_hash).not.toContain(first);
		const feed = (await calendarFeed(db, first))!;
		expect(feed.meetings.map((m) => m.title)).toEqual(['ประชุมเดือนหน้า']);
		expect(feed.actions.map((a) => [a.title, a.due_on])).toEqual([['ส่งรายงาน', '2099-01-15']]);

		const second = await issueCalendarToken(db, rep.actor);
		expect(await calendarFeed(db, first)).toBeNull();
		expect(await calendarFeed(db, second)).not.toBeNull();
		expect(await calendarFeed(db, 'x'.repeat(40))).toBeNull();
		await db.updateTable('app_user').set({ active: false }).where('id', '=', rep.id).execute();
		expect(await calendarFeed(db, second)).toBeNull();
		await db.updateTable('app_user').set({ active: true }).where('id', '=', rep.id).execute();
		await revokeCalendarToken(db, rep.actor);
		expect(await calendarFeed(db, second)).toBeNull();
	});

	it('keeps the time a feed’s content first appeared, so If-Modified-Since and If-None-Match both answer 304 until it changes', async () => {
		const { db } = use();
		const body = await makeBody(db, { roles: ['member'] });
		const rep = body.seats.member!;
		await issueCalendarToken(db, rep.actor);
		const t0 = new Date('2026-12-01T03:00:00.750Z');
		const first = await feedChangedAt(db, rep.id, '"a"', t0);
		// To the second, as an HTTP date carries it.
		expect(first.toISOString()).toBe('2026-12-01T03:00:00.000Z');
		// Served again unchanged later: the time stays.
		expect((await feedChangedAt(db, rep.id, '"a"', new Date('2026-12-02T00:00:00Z'))).getTime()).toBe(first.getTime());
		const changed = await feedChangedAt(db, rep.id, '"b"', new Date('2026-12-03T00:00:00Z'));
		expect(changed.toISOString()).toBe('2026-12-03T00:00:00.000Z');

		const ask = (h: Record<string, string>) => notModified(new Headers(h), '"b"', changed);
		expect(ask({})).toBe(false);
		expect(ask({ 'if-modified-since': changed.toUTCString() })).toBe(true);
		expect(ask({ 'if-modified-since': new Date('2026-12-04T00:00:00Z').toUTCString() })).toBe(true);
		expect(ask({ 'if-modified-since': first.toUTCString() })).toBe(false);
		expect(ask({ 'if-modified-since': 'yesterday' })).toBe(false);
		expect(ask({ 'if-none-match': '"a", W/"b"' })).toBe(true);
		expect(ask({ 'if-none-match': '*' })).toBe(true);
		// The tag decides when both are sent (RFC 9110 13.2.2): an old tag is a change even with a later date.
		expect(ask({ 'if-none-match': '"a"', 'if-modified-since': new Date('2026-12-05T00:00:00Z').toUTCString() })).toBe(false);
	});

	it('streams the ids of changed actions the user may see, and lets go when the client leaves', async () => {
		const { db } = use();
		const body = await makeBody(db, { roles: ['chair', 'member'] });
		const elsewhere = await makeBody(db, { roles: ['member'] });
		const mine = await followupAction(db, { bodyId: body.id, organisationId: body.seats.member!.organisationId });
		const theirs = await followupAction(db, { bodyId: elsewhere.id, organisationId: elsewhere.seats.member!.organisationId });
		const before = liveConnections();
		const stream = actionStream(db, body.seats.chair!.actor, null);
		const reader = stream.getReader();
		const decoder = new TextDecoder();
		expect(decoder.decode((await reader.read()).value)).toContain(': connected');
		expect(liveConnections()).toBe(before + 1);

		await postProgress(db, elsewhere.seats.member!.actor, { actionItemId: theirs, text: 'ไม่เกี่ยวกับคุณ' });
		await postProgress(db, body.seats.member!.actor, { actionItemId: mine, text: 'ความลับของงาน' });
		const chunk = decoder.decode((await reader.read()).value);
		expect(chunk).toBe(`event: action\ndata: ${JSON.stringify({ id: mine })}\n\n`);
		expect(chunk).not.toContain('ความลับ');

		await reader.cancel();
		expect(liveConnections()).toBe(before);
	});
});

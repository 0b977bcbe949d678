import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../server/events';
import { bell } from '../../server/notifications/bus';
import { listNotifications, unreadCount } from '../../server/notifications/service';
import { DUE_EVERY_MS, type Notifier } from '../../server/notifications/scheduler';
import { addDays, bangkokAt, bangkokDate } from '../../src/lib/calendar';

const DAY_MS = 24 * 3600_000;
import { caseAction, caseScene } from '../support/case-scene';
import { describeEachEngine } from '../support/database';
import { followupAction, followupMeeting, makeUser, seatOn } from '../support/factories';
import { startMailCatcher, type MailCatcher } from '../support/mail-catcher';
import { linksOf, mailsTo, notificationBody, notifierFor, ORIGIN, testClock, firstOf } from '../support/notification-scene';
import { pageExists } from '../support/route-exists';

const calendarOf = (m: ParsedMail) => {
	const part = m.attachments.find((a) => a.contentType.startsWith('text/calendar'));
	if (!part) throw new Error('no invitation attached');
	const vcal = new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
	const event = vcal.getFirstSubcomponent('vevent')!;
	return {
		method: vcal.getFirstPropertyValue('method'),
		uid: event.getFirstPropertyValue('uid'),
		sequence: Number(event.getFirstPropertyValue('sequence')),
		start: event.getFirstPropertyValue('dtstart')
	};
};

/** Every link of the mail leads to a page of Concord, or is its unsubscribe link. */
const expectWorkingLinks = (m: ParsedMail) => {
	const links = linksOf(m);
	expect(links.length).toBeGreaterThan(1);
	for (const l of links) {
		expect(l.origin).toBe(ORIGIN);
		expect(pageExists(l.pathname), l.pathname).toBe(true);
	}
};

describeEachEngine('notification triggers', (use) => {
	let catcher: MailCatcher;
	let notifier: Notifier;
	const clock = testClock();
	beforeAll(async () => {
		catcher = await startMailCatcher();
		notifier = notifierFor(use().db, catcher, clock);
	});
	afterAll(async () => {
		await notifier.stop();
		await catcher.close();
	});

	it('tells the assignee of a new action in Thai, and a representative who reads English in English, with links that open it', async () => {
		const db = use().db;
		const s = await notificationBody(db);
		const id = await followupAction(db, {
			bodyId: s.body.id,
			organisationId: s.member.organisationId,
			title: 'จัดทำแผนคุ้มครองเด็กในชุมชน',
			createdAt: clock.now()
		});
		await notifier.tick();
		const thai = firstOf(mailsTo(catcher, s.member.username));
		expect(thai.subject).toBe('งานใหม่ถึงคุณ: จัดทำแผนคุ้มครองเด็กในชุมชน');
		expect(thai.text).toContain(`${ORIGIN}/actions/${id}`);
		expectWorkingLinks(thai);
		const english = firstOf(mailsTo(catcher, s.english.username));
		expect(english.subject).toBe('New action for you: จัดทำแผนคุ้มครองเด็กในชุมชน');
		expect(mailsTo(catcher, s.chair.username)).toHaveLength(0);
		expect(await unreadCount(db, s.member.actor)).toBe(1);
		const item = firstOf(await listNotifications(db, s.member.actor, 'th'));
		expect(item).toMatchObject({ kind: 'assigned', path: `/actions/${id}`, read: false });
	});

	it('rings the bell at once when an action changes, without waiting for a tick', async () => {
		const db = use().db;
		const live = notifierFor(db, catcher, clock, true);
		try {
			const s = await notificationBody(db);
			const id = await followupAction(db, {
				bodyId: s.body.id,
				organisationId: s.chair.organisationId,
				assigneeId: s.chair.id,
				title: 'งานที่มอบในที่ประชุม',
				createdAt: clock.now()
			});
			const rang = new Promise<void>((resolve) => {
				const off = bell.on((userId) => {
					if (userId !== s.chair.id) return;
					off();
					resolve();
				});
			});
			events.emit('action.changed', { actionItemId: id, bodyId: s.body.id });
			await rang;
			expect(await unreadCount(db, s.chair.actor)).toBe(1);
		} finally {
			await live.stop();
		}
	});

	it('says only the case code in the mail of a case action, while the team sees it whole in the app', async () => {
		const db = use().db;
		const c = await caseScene(db);
		const id = await caseAction(db, { bodyId: c.body.id, caseId: c.caseId, organisationId: c.hospital.organisationId, assigneeId: c.hospital.id });
		await db.updateTable('action_item').set({ created_at: clock.now() }).where('id', '=', id).execute();
		await notifier.tick();
		const mail = firstOf(mailsTo(catcher, c.hospital.username));
		expect(mail.subject).toContain(c.code);
		for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toContain('นักจิตวิทยา');
		const item = firstOf(await listNotifications(db, c.hospital.actor, 'th'));
		expect(item.text).toContain('นักจิตวิทยา');
	});

	it('reminds three days before, on the day and when overdue, then weekly rather than daily', async () => {
		const db = use().db;
		const s = await notificationBody(db);
		// Mid-morning (Bangkok), whatever the machine's clock says: the scheduler's next run is the same day.
		clock.jumpTo(bangkokAt(addDays(bangkokDate(clock.now()), 1), '10:00'));
		const today = bangkokDate(clock.now());
		await followupAction(db, {
			bodyId: s.body.id,
			organisationId: s.chair.organisationId,
			assigneeId: s.chair.id,
			dueOn: addDays(today, 3),
			title: 'ส่งรายชื่อ',
			createdAt: new Date('2026-01-01')
		});
		await followupAction(db, {
			bodyId: s.body.id,
			organisationId: s.chair.organisationId,
			assigneeId: s.chair.id,
			dueOn: today,
			title: 'ประชุมย่อย',
			createdAt: new Date('2026-01-01')
		});
		await followupAction(db, {
			bodyId: s.body.id,
			organisationId: s.chair.organisationId,
			assigneeId: s.chair.id,
			dueOn: addDays(today, -1),
			title: 'รายงานสถิติ',
			createdAt: new Date('2026-01-01')
		});
		clock.advance(DUE_EVERY_MS);
		await notifier.tick();
		const subjects = () =>
			mailsTo(catcher, s.chair.username)
				.map((m) => m.subject)
				.sort();
		expect(subjects()).toEqual(expect.arrayContaining(['ครบกำหนดวันนี้: ประชุมย่อย', 'เลยกำหนดแล้ว: รายงานสถิติ', expect.stringMatching(/^ใกล้ครบกำหนด .+: ส่งรายชื่อ$/)]));
		expect(subjects()).toHaveLength(3);
		await notifier.tick();
		expect(subjects()).toHaveLength(3);
		const overdue = () => subjects().filter((x) => x === 'เลยกำหนดแล้ว: รายงานสถิติ').length;
		clock.advance(3 * DAY_MS);
		await notifier.tick();
		expect(overdue()).toBe(1);
		// The item due today is now three days late: its first overdue reminder, whichever day it is noticed.
		expect(subjects().filter((x) => x === 'เลยกำหนดแล้ว: ประชุมย่อย')).toHaveLength(1);
		clock.advance(4 * DAY_MS);
		await notifier.tick();
		expect(overdue()).toBe(2);
	});

	it('sends the meeting reminder with its agenda and an invitation, then a higher SEQUENCE on a change and CANCEL on cancellation', async () => {
		const db = use().db;
		const s = await notificationBody(db);
		const startsAt = new Date(clock.now().getTime() + 2 * 24 * 3600_000);
		const meetingId = await followupMeeting(db, { bodyId: s.body.id, startsAt, status: 'planned', title: 'ประชุมคณะทำงานประจำเดือน' });
		await db
			.insertInto('agenda_item')
			.values({
				id: crypto.randomUUID(),
				meeting_id: meetingId,
				title: 'ติดตามงานค้าง',
				position: 1,
				minutes: 20,
				presenter_organisation_id: null,
				standing: null,
				links: '[]'
			})
			.execute();
		await followupAction(db, {
			bodyId: s.body.id,
			organisationId: s.secretary.organisationId,
			assigneeId: s.secretary.id,
			title: 'สรุปสถิติรายเดือน',
			createdAt: new Date('2026-01-01')
		});
		clock.advance(DUE_EVERY_MS);
		await notifier.tick();
		const first = firstOf(mailsTo(catcher, s.secretary.username).filter((m) => m.subject?.startsWith('การประชุม')));
		expect(first.text).toContain('ติดตามงานค้าง');
		expect(first.text).toContain('สรุปสถิติรายเดือน');
		expectWorkingLinks(first);
		const one = calendarOf(first);
		expect(one).toMatchObject({ method: 'REQUEST', uid: `meeting-${meetingId}@concord.test`, sequence: 0 });

		await db
			.updateTable('meeting')
			.set({ starts_at: new Date(startsAt.getTime() + 3600_000) })
			.where('id', '=', meetingId)
			.execute();
		await notifier.tick();
		await notifier.tick();
		const invitations = () =>
			mailsTo(catcher, s.secretary.username)
				.filter((m) => m.attachments.length)
				.map(calendarOf);
		expect(invitations()).toHaveLength(2);
		expect(invitations()[1]).toMatchObject({ method: 'REQUEST', uid: one.uid, sequence: 1 });

		await db.updateTable('meeting').set({ status: 'cancelled' }).where('id', '=', meetingId).execute();
		await notifier.tick();
		expect(invitations()).toHaveLength(3);
		expect(invitations()[2]).toMatchObject({ method: 'CANCEL', uid: one.uid, sequence: 2 });
	});

	it('tells the receiving organisation of a referral and the sender of its answer, never what it says', async () => {
		const db = use().db;
		const s = await notificationBody(db);
		const at = clock.now();
		const referral = await db
			.insertInto('referral')
			.values({
				body_id: s.body.id,
				from_organisation_id: s.chair.organisationId,
				to_organisation_id: s.member.organisationId,
				reason: 'เด็กชายสมปอง ถูกทำร้าย',
				urgency: 'urgent',
				shared: 'ที่อยู่บ้านเลขที่ 9',
				consent: 'given',
				created_by: s.chair.id,
				created_at: at,
				updated_at: at
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await notifier.tick();
		const received = firstOf(mailsTo(catcher, s.member.username));
		expect(received.subject).toMatch(/^มีการส่งต่อถึงหน่วยงานของคุณ/);
		expect(received.text).toContain(`/referrals/${referral.id}`);
		expectWorkingLinks(received);
		await db
			.insertInto('referral_update')
			.values({ referral_id: referral.id, author_id: s.member.id, at: clock.now(), kind: 'accepted', text: 'รับเรื่องแล้ว สมปอง' })
			.execute();
		await notifier.tick();
		const answered = firstOf(mailsTo(catcher, s.chair.username));
		expect(answered.subject).toMatch(/^การส่งต่อได้รับคำตอบ/);
		for (const m of [received, answered]) for (const part of [m.subject, m.text, m.html]) expect(part).not.toMatch(/สมปอง|บ้านเลขที่/);
	});

	it('asks every member but the one who circulated them to confirm or comment on minutes sent round for approval, in their language', async () => {
		const db = use().db;
		const s = await notificationBody(db);
		const observer = await makeUser(db);
		await seatOn(db, { bodyId: s.body.id, userId: observer.id, organisationId: s.chair.organisationId, role: 'observer' });
		const meetingId = await followupMeeting(db, { bodyId: s.body.id, startsAt: new Date('2026-11-05T02:00:00Z'), title: 'ประชุมครั้งที่ 12', status: 'ended' });
		await db
			.insertInto('minutes')
			.values({ meeting_id: meetingId, generated_by: s.secretary.id, generated_at: new Date('2026-01-01') })
			.execute();
		await db
			.insertInto('minutes_circulation')
			.values({
				meeting_id: meetingId,
				started_by: s.secretary.id,
				started_at: clock.now(),
				deadline: new Date(clock.now().getTime() + 7 * DAY_MS),
				content_json: JSON.stringify({ type: 'doc', content: [] }),
				sha256: 'ab'.repeat(32)
			})
			.execute();
		await notifier.tick();
		for (const who of [s.chair, s.member])
			expect(mailsTo(catcher, who.username).map((m) => m.subject)).toContain('แจ้งเวียนรายงานการประชุมเพื่อรับรอง: ประชุมครั้งที่ 12');
		expect(mailsTo(catcher, s.english.username).map((m) => m.subject)).toContain('Minutes circulated for approval: ประชุมครั้งที่ 12');
		expect(mailsTo(catcher, s.secretary.username).filter((m) => m.subject?.includes('ประชุมครั้งที่ 12'))).toEqual([]);
		expect(mailsTo(catcher, observer.username).filter((m) => m.subject?.includes('ประชุมครั้งที่ 12'))).toEqual([]);
		// Found again on the next pass, it is not sent twice.
		const before = catcher.mails.length;
		await notifier.tick();
		expect(catcher.mails.length).toBe(before);
	});

	it('tells the chair and secretary of draft minutes, and the representative of a report-back accepted or carried over', async () => {
		const db = use().db;
		const s = await notificationBody(db);
		const meetingId = await followupMeeting(db, { bodyId: s.body.id, startsAt: new Date('2026-11-01T02:00:00Z'), title: 'ประชุมครั้งที่ 11' });
		await db.insertInto('minutes').values({ meeting_id: meetingId, generated_by: s.secretary.id, generated_at: clock.now() }).execute();
		const accepted = await followupAction(db, {
			bodyId: s.body.id,
			organisationId: s.member.organisationId,
			assigneeId: s.member.id,
			title: 'เยี่ยมบ้าน',
			createdAt: new Date('2026-01-01')
		});
		const carried = await followupAction(db, {
			bodyId: s.body.id,
			organisationId: s.member.organisationId,
			assigneeId: s.member.id,
			title: 'อบรมครู',
			createdAt: new Date('2026-01-01')
		});
		await db
			.insertInto('action_update')
			.values([
				{ action_item_id: accepted, author_id: s.chair.id, at: clock.now(), kind: 'accepted', text: '', meeting_id: meetingId, detail: null },
				{ action_item_id: carried, author_id: s.chair.id, at: clock.now(), kind: 'carried_over', text: '', meeting_id: meetingId, detail: null }
			])
			.execute();
		await notifier.tick();
		expect(mailsTo(catcher, s.chair.username).map((m) => m.subject)).toEqual(['รายงานการประชุมรอการรับรอง: ประชุมครั้งที่ 11']);
		expect(mailsTo(catcher, s.secretary.username)).toHaveLength(0);
		const member = mailsTo(catcher, s.member.username)
			.map((m) => m.subject)
			.sort();
		expect(member).toHaveLength(2);
		expect(member).toEqual(expect.arrayContaining(['ที่ประชุมรับทราบผลและปิดงานแล้ว: เยี่ยมบ้าน', expect.stringMatching(/^เลื่อนกำหนดเสร็จเป็น .+: อบรมครู$/)]));
		const english = mailsTo(catcher, s.english.username)
			.map((m) => m.subject)
			.sort();
		expect(english).toEqual([]);
		expectWorkingLinks(firstOf(mailsTo(catcher, s.chair.username)));
	});

	it('tells the receiving body’s chair and secretary of a new tip by its reference alone', async () => {
		const db = use().db;
		const s = await notificationBody(db);
		const report = await db
			.insertInto('intake_report')
			.values({
				reference: 'R-TEST-0001',
				body_id: s.body.id,
				channel: 'web',
				kind: 'tip',
				message: 'พบเด็กหญิงมะลิ ทำงานในร้านคาราโอเกะ',
				location: 'บ้านดอกคำใต้',
				contact_name: 'นางสมใจ',
				contact_phone: '0811111111',
				contact_email: null,
				created_at: clock.now()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await notifier.tick();
		for (const who of [s.chair, s.secretary]) {
			const mail = firstOf(mailsTo(catcher, who.username));
			expect(mail.subject).toBe('มีเรื่องรับแจ้งใหม่: เบาะแส R-TEST-0001');
			for (const part of [mail.text, mail.html]) expect(part).not.toMatch(/มะลิ|คาราโอเกะ|สมใจ|0811111111/);
			expectWorkingLinks(mail);
		}
		expect(report.id).toBeTruthy();
	});
});

describe('notification links', () => {
	it('recognises pages and refuses paths that lead nowhere', () => {
		expect(pageExists('/actions/0b6f0c1e-0000-4000-8000-000000000000')).toBe(true);
		expect(pageExists('/nowhere/at/all')).toBe(false);
	});
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { claimMail } from '../../server/notifications/repository/mail';
import { LEASE_MS } from '../../server/notifications/outbox';
import { failedMail, listNotifications, savePreferences, unsubscribe } from '../../server/notifications/service';
import { DUE_EVERY_MS, type Notifier } from '../../server/notifications/scheduler';
import { describeEachEngine } from '../support/database';
import { followupAction, makeUser } from '../support/factories';
import { startMailCatcher, type MailCatcher } from '../support/mail-catcher';
import { linksOf, mailsTo, notificationBody, notifierFor, testClock, firstOf } from '../support/notification-scene';
import { addDays, bangkokAt, bangkokDate, bangkokHour } from '../../src/lib/calendar';

const HOUR = 3600_000;
const prefsForm = (o: Record<string, string> = {}) => ({
	email: '',
	delivery: 'immediate',
	digestHour: '7',
	quietFrom: '',
	quietTo: '',
	meetingDays: '3',
	...Object.fromEntries(
		[
			'assigned',
			'due_soon',
			'due_today',
			'overdue',
			'meeting',
			'referral_received',
			'referral_answered',
			'minutes_ready',
			'report_accepted',
			'carried_over',
			'intake_new'
		].flatMap((k) => [
			[`on_${k}`, 'on'],
			[`mail_${k}`, 'on']
		])
	),
	...o
});

describeEachEngine('notification delivery', (use) => {
	let catcher: MailCatcher;
	const clock = testClock();
	const notifiers: Notifier[] = [];
	const notifier = () => {
		const n = notifierFor(use().db, catcher, clock);
		notifiers.push(n);
		return n;
	};
	beforeAll(async () => {
		catcher = await startMailCatcher();
	});
	afterAll(async () => {
		for (const n of notifiers) await n.stop();
		await catcher.close();
	});

	const assign = (
		db: ReturnType<typeof use>['db'],
		s: Awaited<ReturnType<typeof notificationBody>>,
		who: { id: string; organisationId: string },
		title: string
	) => followupAction(db, { bodyId: s.body.id, organisationId: who.organisationId, assigneeId: who.id, title, createdAt: clock.now() });

	// At fixed times of day (Bangkok), whatever the machine's clock says: the chosen hour later today, just past
	// midnight, and already gone today (the next morning's).
	const digestCases = [
		{ at: '07:30', chosen: 9, waitHours: 2 },
		{ at: '22:15', chosen: 0, waitHours: 2 },
		{ at: '15:00', chosen: 7, waitHours: 16 }
	];
	it.each(digestCases)('gathers the day’s notifications into one digest at the chosen hour ($at, chosen $chosen)', async ({ at, chosen, waitHours }) => {
		const db = use().db;
		clock.jumpTo(bangkokAt(addDays(bangkokDate(clock.now()), 1), at));
		const n = notifier();
		const s = await notificationBody(db);
		expect(
			await savePreferences(db, s.member.actor, prefsForm({ email: `${s.member.username}@example.org`, delivery: 'digest', digestHour: String(chosen) }))
		).toEqual({ ok: true });
		await assign(db, s, s.member, 'งานที่หนึ่ง');
		await assign(db, s, s.member, 'งานที่สอง');
		await n.tick();
		expect(mailsTo(catcher, s.member.username)).toHaveLength(0);
		expect(await listNotifications(db, s.member.actor, 'th')).toHaveLength(2);
		clock.advance((waitHours - 1) * HOUR);
		await n.tick();
		expect(mailsTo(catcher, s.member.username)).toHaveLength(0);
		clock.advance(HOUR);
		await n.tick();
		await n.tick();
		expect(mailsTo(catcher, s.member.username)).toHaveLength(1);
		const digest = firstOf(mailsTo(catcher, s.member.username));
		expect(digest.subject).toMatch(/^สรุปการแจ้งเตือนประจำวัน/);
		expect(digest.text).toContain('งานที่หนึ่ง');
		expect(digest.text).toContain('งานที่สอง');
		// What comes after the digest waits for the next day's, and goes in that one alone.
		await assign(db, s, s.member, 'งานที่สาม');
		await n.tick();
		expect(mailsTo(catcher, s.member.username)).toHaveLength(1);
		clock.advance(24 * HOUR);
		await n.tick();
		await n.tick();
		const both = mailsTo(catcher, s.member.username);
		expect(both).toHaveLength(2);
		const next = both.find((m) => m !== digest)!;
		expect(next.text).toContain('งานที่สาม');
		expect(next.text).not.toContain('งานที่หนึ่ง');
	});

	it('holds mail through quiet hours and sends it when they end', async () => {
		const db = use().db;
		const n = notifier();
		const s = await notificationBody(db);
		const hour = bangkokHour(clock.now());
		const form = prefsForm({ email: `${s.chair.username}@example.org`, quietFrom: String(hour), quietTo: String((hour + 1) % 24) });
		expect(await savePreferences(db, s.chair.actor, form)).toEqual({ ok: true });
		await assign(db, s, s.chair, 'งานช่วงกลางคืน');
		await n.tick();
		expect(mailsTo(catcher, s.chair.username)).toHaveLength(0);
		clock.advance(HOUR);
		await n.tick();
		expect(mailsTo(catcher, s.chair.username).map((m) => m.subject)).toEqual(['งานใหม่ถึงคุณ: งานช่วงกลางคืน']);
	});

	it('refuses an invalid address, and someone else’s', async () => {
		const db = use().db;
		const s = await notificationBody(db);
		expect(await savePreferences(db, s.chair.actor, prefsForm({ email: 'not an address' }))).toEqual({ ok: false, errors: { email: 'invalid' } });
		expect(await savePreferences(db, s.chair.actor, prefsForm({ email: `${s.member.username}@example.org` }))).toEqual({
			ok: false,
			errors: { email: 'taken' }
		});
	});

	it('unsubscribes through the signed link without a session, for that kind only, and refuses a forged one', async () => {
		const db = use().db;
		const n = notifier();
		const s = await notificationBody(db);
		await assign(db, s, s.secretary, 'งานแรก');
		await n.tick();
		const first = firstOf(mailsTo(catcher, s.secretary.username));
		const link = linksOf(first).find((l) => l.pathname === '/notifications/unsubscribe' && l.searchParams.get('token')?.includes('.assigned.'));
		const token = link!.searchParams.get('token')!;
		expect(first.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toContain(token);
		const forged = token.replace(/assigned/, 'overdue');
		expect(await unsubscribe(db, forged)).toEqual({ ok: false });
		expect(await unsubscribe(db, token.slice(0, -2))).toEqual({ ok: false });
		expect(await unsubscribe(db, token)).toMatchObject({ ok: true, scope: 'assigned', locale: 'th' });
		await assign(db, s, s.secretary, 'งานที่สอง');
		await n.tick();
		expect(mailsTo(catcher, s.secretary.username)).toHaveLength(1);
		expect(await listNotifications(db, s.secretary.actor, 'th')).toHaveLength(2);
	});

	it('sends each mail once when a sender stops in the middle of sending and another starts', async () => {
		const db = use().db;
		const a = notifier();
		const s = await notificationBody(db);
		await assign(db, s, s.member, 'งานระหว่างเริ่มใหม่');
		const held = catcher.hold();
		const sending = a.tick();
		const release = await held;
		const stopping = a.stop();
		release();
		await Promise.all([sending, stopping]);
		const b = notifier();
		await b.tick();
		expect(mailsTo(catcher, s.member.username)).toHaveLength(1);
	});

	it('sends mail that a sender claimed and then died holding, once, after its lease', async () => {
		const db = use().db;
		const s = await notificationBody(db);
		const b = notifier();
		await assign(db, s, s.chair, 'งานที่ถูกจองไว้');
		// The first try fails, so the mail waits in the outbox.
		catcher.down = true;
		await b.tick();
		catcher.down = false;
		clock.advance(2 * 60_000);
		// A sender claims it and dies before sending.
		const claimed = await claimMail(db, clock.now(), LEASE_MS, 100);
		expect(claimed.map((m) => m.subject)).toContain('งานใหม่ถึงคุณ: งานที่ถูกจองไว้');
		await b.tick();
		expect(mailsTo(catcher, s.chair.username)).toHaveLength(0);
		clock.advance(LEASE_MS + 1000);
		await b.tick();
		await b.tick();
		expect(mailsTo(catcher, s.chair.username).map((m) => m.subject)).toEqual(['งานใหม่ถึงคุณ: งานที่ถูกจองไว้']);
	});

	it('notifies and mails exactly once when two schedulers run at the same time', async () => {
		const db = use().db;
		const [a, b] = [notifier(), notifier()];
		const s = await notificationBody(db);
		for (let i = 0; i < 5; i++) await assign(db, s, s.secretary, `งานพร้อมกัน ${i}`);
		clock.advance(1000);
		await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
		const subjects = mailsTo(catcher, s.secretary.username)
			.map((m) => m.subject)
			.filter((x) => x?.includes('งานพร้อมกัน'));
		expect(subjects.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `งานใหม่ถึงคุณ: งานพร้อมกัน ${i}`));
		const rows = await db.selectFrom('notification').select('id').where('user_id', '=', s.secretary.id).where('kind', '=', 'assigned').execute();
		expect(rows.length).toBeGreaterThanOrEqual(5);
	});

	it('delays mail through an SMTP outage without losing it, and shows administrators what failed five times', async () => {
		const db = use().db;
		const n = notifier();
		const admin = await makeUser(db, { admin: true });
		const s = await notificationBody(db);
		catcher.down = true;
		await assign(db, s, s.chair, 'งานช่วงระบบอีเมลล่ม');
		await n.tick();
		expect(mailsTo(catcher, s.chair.username)).toHaveLength(0);
		catcher.down = false;
		await n.tick();
		expect(mailsTo(catcher, s.chair.username)).toHaveLength(0);
		clock.advance(61_000);
		await n.tick();
		expect(mailsTo(catcher, s.chair.username).map((m) => m.subject)).toEqual(['งานใหม่ถึงคุณ: งานช่วงระบบอีเมลล่ม']);

		catcher.down = true;
		await assign(db, s, s.member, 'งานที่ส่งไม่ถึง');
		for (let i = 0; i < 6; i++) {
			await n.tick();
			clock.advance(HOUR);
		}
		catcher.down = false;
		await n.tick();
		expect(mailsTo(catcher, s.member.username)).toHaveLength(0);
		const report = await failedMail(db, admin.actor);
		expect(report.failed.filter((f) => f.username === s.member.username)).toEqual([expect.objectContaining({ attempts: 5 })]);
		expect(firstOf(report.failed).last_error).not.toContain('@');
		await expect(failedMail(db, s.chair.actor)).rejects.toMatchObject({ name: 'AccessDenied' });
	});

	it('forgets mail sent a month ago and notifications read three months ago, and nothing newer', async () => {
		const db = use().db;
		const n = notifier();
		const s = await notificationBody(db);
		const long = new Date(clock.now().getTime() - 100 * 24 * HOUR);
		const mk = (day: string, read: Date | null) =>
			db
				.insertInto('notification')
				.values({ user_id: s.chair.id, kind: 'assigned', subject_type: 'action', subject_id: crypto.randomUUID(), day, created_at: long, read_at: read })
				.returning('id')
				.executeTakeFirstOrThrow();
		const old = await mk('2026-01-01', long);
		const unread = await mk('2026-01-02', null);
		await db
			.insertInto('mail_outbox')
			.values({
				dedupe_key: 'old-sent',
				user_id: s.chair.id,
				to_address: 'x@example.org',
				subject: 's',
				text_body: 't',
				html_body: 'h',
				status: 'sent',
				sent_at: long,
				not_before: long
			})
			.execute();
		clock.advance(DUE_EVERY_MS);
		await n.tick();
		const left = await db.selectFrom('notification').select('id').where('id', 'in', [old.id, unread.id]).execute();
		expect(left.map((r) => r.id)).toEqual([unread.id]);
		expect(await db.selectFrom('mail_outbox').select('id').where('dedupe_key', '=', 'old-sent').execute()).toEqual([]);
	});
});

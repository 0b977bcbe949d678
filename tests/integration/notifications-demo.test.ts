import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoId, seedDemo } from '../../server/demo/seed';
import type { Notifier } from '../../server/notifications/scheduler';
import { describeEachEngine } from '../support/database';
import { startMailCatcher, type MailCatcher } from '../support/mail-catcher';
import { notifierFor } from '../support/notification-scene';

describeEachEngine('notifications in the demo network', (use) => {
	let catcher: MailCatcher;
	let notifier: Notifier;
	beforeAll(async () => {
		catcher = await startMailCatcher();
		notifier = notifierFor(use().db, catcher, { now: () => new Date() });
	});
	afterAll(async () => {
		await notifier.stop();
		await catcher.close();
	});

	it('delivers the reminders that are due on the scheduler’s first pass, and nothing twice on the next', async () => {
		const db = use().db;
		await seedDemo(db, new Date());
		await notifier.tick();
		const subjects = catcher.mails.map((m) => m.subject ?? '');
		expect(subjects.some((s) => s.startsWith('เลยกำหนดแล้ว:') || s.startsWith('Overdue:'))).toBe(true);
		expect(catcher.mails.every((m) => [m.to].flat().every((a) => a?.value.every((v) => v.address?.endsWith('@demo.concord.invalid'))))).toBe(true);
		const count = catcher.mails.length;
		await notifier.tick();
		expect(catcher.mails).toHaveLength(count);
	});

	it('mails the working group’s next meeting with its agenda, and the items due soon, on that same first pass', async () => {
		const db = use().db;
		const meeting = await db.selectFrom('meeting').select(['id', 'title']).where('id', '=', demoId('meeting', 'dkt-wg:next')).executeTakeFirstOrThrow();
		const agenda = (await db.selectFrom('agenda_item').select('title').where('meeting_id', '=', meeting.id).orderBy('position').execute()).map((a) => a.title);
		expect(agenda).toHaveLength(5);

		// The secretary of the working group, in Thai; the observer, in English.
		const to = (username: string) =>
			catcher.mails.filter((m) => [m.to].flat().some((a) => a?.value.some((v) => v.address === `${username}@demo.concord.invalid`)));
		const reminder = to('nantana').find((m) => m.subject?.startsWith('การประชุม') && m.subject.includes(meeting.title));
		expect(reminder, 'the meeting reminder').toBeDefined();
		const text = reminder!.text ?? '';
		expect(text).toContain('วาระการประชุม');
		for (const title of agenda) expect(text).toContain(title);
		expect(text).toContain(`/meetings/${meeting.id}`);
		expect(reminder!.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(true);
		expect(to('emma').some((m) => m.subject?.startsWith('Meeting on'))).toBe(true);

		// Due within three days: the women's group's home visits; overdue: the hospital's screening guideline.
		expect(to('buasri').some((m) => m.subject?.startsWith('ใกล้ครบกำหนด') && m.subject.includes('เยี่ยมบ้านครอบครัวเด็กกลุ่มเสี่ยง'))).toBe(true);
		expect(to('piyanuch').some((m) => m.subject?.startsWith('เลยกำหนดแล้ว:') && m.subject.includes('จัดทำแนวทางคัดกรองเด็ก'))).toBe(true);
		// A case conference never goes into mail by anything but its code.
		expect(catcher.mails.every((m) => !(m.text ?? '').includes('ขวัญข้าว'))).toBe(true);
	});
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../server/demo/seed';
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
});

import type { NotificationKind, SubjectType } from '../db/schema-notifications';
import { log } from '../log';
import { bell } from './bus';
import { singleMail } from './compose';
import { mailTo, person, unsubscribeUrl, type NotifyContext, type Person } from './context';
import { meetingMail } from './meeting-mail';
import { enqueueMail } from './repository/mail';
import { alreadyNotified, insertOnce, markMailed } from './repository/notifications';
import { describe, refKey } from './subjects';
import { afterQuiet } from './time';

export interface Occasion {
	kind: NotificationKind;
	subjectType: SubjectType;
	subjectId: string;
	/** Bangkok date that, with person, item and kind, makes the notification once-only. */
	day: string;
}

/**
 * Notifies each person once per occasion. The notification and its mail are
 * written in one transaction, so a restart between them loses neither, and
 * the unique key turns every repeat (another scheduler, a rescan) into
 * nothing. Mail is only queued here; the outbox sends it.
 */
export async function notify(ctx: NotifyContext, userIds: Iterable<string>, o: Occasion, exclude?: string | null): Promise<string[]> {
	const notified: string[] = [];
	const people = [...new Set(userIds)].filter((id) => id !== exclude);
	if (!people.length) return notified;
	// Rescans meet mostly occasions already notified; skip those before loading anyone.
	const done = await alreadyNotified(ctx.db, o, people);
	for (const userId of people) {
		if (done.has(userId)) continue;
		const p = await person(ctx.db, userId);
		if (!p || (p.pref.off as string[]).includes(o.kind)) continue;
		const now = ctx.now();
		const created = await ctx.db.transaction().execute(async (tx) => {
			const row = await insertOnce(tx, { userId, ...o }, now);
			if (!row) return false;
			const to = mailTo(ctx, p, o.kind);
			// A meeting's reminder carries its invitation, which calendars take only as a mail of its own.
			const mailNow = to && (p.pref.delivery === 'immediate' || o.kind === 'meeting');
			if (mailNow) await queueSingle({ ...ctx, db: tx }, p, to!, row.id, o);
			if (mailNow || !to) await markMailed(tx, row.id, now);
			return true;
		});
		if (created) {
			notified.push(userId);
			bell.ring(userId);
		}
	}
	if (notified.length) log.info('notifications.created', { kind: o.kind, subject: o.subjectType, id: o.subjectId, people: notified.length });
	return notified;
}

async function queueSingle(ctx: NotifyContext, p: Person, to: string, notificationId: string, o: Occasion): Promise<void> {
	const subject = (await describe(ctx.db, [{ subject_type: o.subjectType, subject_id: o.subjectId }], p.locale, null)).get(
		refKey({ subject_type: o.subjectType, subject_id: o.subjectId })
	);
	if (!subject) return;
	const frame = { locale: p.locale, origin: ctx.config.origin, unsubscribeKind: unsubscribeUrl(ctx, p, o.kind), unsubscribeAll: unsubscribeUrl(ctx, p, 'all') };
	const now = ctx.now();
	if (o.kind === 'meeting' && subject.meeting) {
		const mail = await meetingMail(ctx, p, to, frame, subject);
		await enqueueMail(ctx.db, { ...mail, dedupeKey: `n:${notificationId}`, notBefore: afterQuiet(now, p.pref.quiet_from, p.pref.quiet_to) }, now);
		return;
	}
	const parts = singleMail(frame, { kind: o.kind, subject });
	await enqueueMail(
		ctx.db,
		{
			dedupeKey: `n:${notificationId}`,
			userId: p.id,
			to,
			...parts,
			unsubscribeUrl: frame.unsubscribeKind,
			notBefore: afterQuiet(now, p.pref.quiet_from, p.pref.quiet_to)
		},
		now
	);
}

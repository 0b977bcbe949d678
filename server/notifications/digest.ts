import { NOTIFICATION_KINDS } from '../db/schema-notifications';
import { digestMail } from './compose';
import { mailTo, person, unsubscribeUrl, type NotifyContext } from './context';
import { enqueueMail } from './repository';
import { describe, refKey } from './subjects';
import { afterQuiet } from './time';
import { bangkokDate, bangkokHour } from '../../src/lib/calendar';

/**
 * One mail a day for those who chose it, at their hour (Bangkok time), with
 * everything not yet mailed. The digest's key is the person and the day, and
 * its notifications are marked in the same transaction, so each goes in
 * exactly one digest.
 */
export async function sendDigests(ctx: NotifyContext): Promise<number> {
	if (!ctx.mail) return 0;
	const now = ctx.now();
	const day = bangkokDate(now);
	const hour = bangkokHour(now);
	const waiting = await ctx.db
		.selectFrom('notification as n')
		.innerJoin('notification_preference as p', 'p.user_id', 'n.user_id')
		.select('n.user_id')
		.distinct()
		.where('n.mailed_at', 'is', null)
		.where('p.delivery', '=', 'digest')
		.where('p.digest_hour', '<=', hour)
		.execute();
	let sent = 0;
	for (const { user_id } of waiting) {
		const p = await person(ctx.db, user_id);
		if (!p) continue;
		const key = `digest:${user_id}:${day}`;
		const queued = await ctx.db.transaction().execute(async (tx) => {
			// Items that came after today's digest wait for tomorrow's.
			if (await tx.selectFrom('mail_outbox').select('id').where('dedupe_key', '=', key).executeTakeFirst()) return false;
			const taken = await tx
				.updateTable('notification')
				.set({ mailed_at: now })
				.where('user_id', '=', user_id)
				.where('mailed_at', 'is', null)
				.returning(['kind', 'subject_type', 'subject_id'])
				.execute();
			const wanted = taken.filter((n) => mailTo(ctx, p, n.kind));
			const to = p.email;
			if (!wanted.length || !to) return false;
			const subjects = await describe(tx, wanted, p.locale, null);
			const lines = wanted.flatMap((n) => {
				const s = subjects.get(refKey(n));
				return s ? [{ kind: n.kind, subject: s }] : [];
			});
			const parts = digestMail({ locale: p.locale, origin: ctx.config.origin, unsubscribeAll: unsubscribeUrl(ctx, p, 'all') }, day, lines, NOTIFICATION_KINDS);
			return enqueueMail(
				tx,
				{
					dedupeKey: key,
					userId: user_id,
					to,
					...parts,
					unsubscribeUrl: unsubscribeUrl(ctx, p, 'all'),
					notBefore: afterQuiet(now, p.pref.quiet_from, p.pref.quiet_to)
				},
				now
			);
		});
		if (queued) sent++;
	}
	return sent;
}

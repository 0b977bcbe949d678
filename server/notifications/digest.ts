import { NOTIFICATION_KINDS } from '../db/schema-notifications';
import { digestMail } from './compose';
import { mailTo, person, unsubscribeUrl, type NotifyContext } from './context';
import { digestsWaiting, enqueueMail, mailQueued, takeUnmailed } from './repository/mail';
import { describe, refKey } from './subjects';
import { afterQuiet, lastDigestAt } from './time';
import { bangkokDate } from '../../src/lib/calendar';

/**
 * One mail a day for those who chose it, at their hour (Bangkok time), with
 * what came before that hour and was not yet mailed; what comes after it waits
 * for the next day's. The digest's key is the person and its day, and its
 * notifications are marked in the same transaction, so each goes in exactly
 * one digest, and a tick that runs late (a server that was down at the hour)
 * still sends it once.
 */
export async function sendDigests(ctx: NotifyContext): Promise<number> {
	if (!ctx.mail) return 0;
	const now = ctx.now();
	const waiting = await digestsWaiting(ctx.db);
	let sent = 0;
	for (const { user_id, digest_hour, oldest } of waiting) {
		const due = lastDigestAt(now, digest_hour);
		if (new Date(oldest) > due) continue;
		const p = await person(ctx.db, user_id);
		if (!p) continue;
		const day = bangkokDate(due);
		const key = `digest:${user_id}:${day}`;
		const queued = await ctx.db.transaction().execute(async (tx) => {
			if (await mailQueued(tx, key)) return false;
			const taken = await takeUnmailed(tx, user_id, due, now);
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

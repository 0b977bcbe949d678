import nodemailer, { type Transporter } from 'nodemailer';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { OutboxMail } from '../db/schema-notifications';
import { log } from '../log';
import { returnPath } from './bounces';
import { claimMail, markFailed, markSent } from './repository/mail';

/**
 * Sends what the outbox holds. A claim lasts `LEASE_MS`: a sender that dies
 * mid-send lets its mail go to another after that. Every mail carries a
 * Message-ID made from its outbox id, so the one case SMTP cannot rule out
 * (delivered, then the process died before recording it) arrives as the same
 * message, which mail systems drop as a duplicate. Logs name the mail by id
 * and attempt, never its address, subject or text.
 */

export const LEASE_MS = 5 * 60_000;

export interface Sender {
	send(mail: OutboxMail): Promise<void>;
	close(): void;
}

export function smtpSender(smtpUrl: string, from: string, bounceAddress?: string): Sender {
	// Each send ends well inside the claim's lease, so a slow server cannot make a second sender take the same mail.
	const transport: Transporter = nodemailer.createTransport(
		{ url: smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 },
		{ from }
	);
	const domain = (from.match(/@([^>\s]+)/)?.[1] ?? 'concord').trim();
	return {
		async send(mail) {
			await transport.sendMail({
				from,
				to: mail.to_address,
				// With a return path of its own, a bounce that comes back later names this mail.
				envelope: bounceAddress ? { from: returnPath(bounceAddress, mail.id), to: mail.to_address } : undefined,
				subject: mail.subject,
				text: mail.text_body,
				html: mail.html_body,
				messageId: `<${mail.id}@${domain}>`,
				headers: mail.unsubscribe_url ? { 'List-Unsubscribe': `<${mail.unsubscribe_url}>` } : undefined,
				icalEvent: mail.ics ? { method: mail.ics_method ?? 'REQUEST', filename: 'invite.ics', content: mail.ics } : undefined
			});
		},
		close: () => transport.close()
	};
}

/** A rejection that no retry will cure: the server refused the address itself. */
const permanent = (err: unknown) => {
	const code = (err as { responseCode?: number }).responseCode;
	return typeof code === 'number' && code >= 550 && code < 560;
};

/** Sends one batch of due mail; resolves once each is recorded as sent or failed. */
export async function drainOnce(db: Kysely<DB>, sender: Sender, now: () => Date, batch = 10): Promise<{ sent: number; failed: number }> {
	const claimed = await claimMail(db, now(), LEASE_MS, batch);
	let sent = 0;
	let failed = 0;
	for (const mail of claimed) {
		try {
			await sender.send(mail);
			await markSent(db, mail, now());
			sent++;
		} catch (err) {
			const message = err instanceof Error ? err.message.replace(/\S+@\S+/g, '<address>') : 'send failed';
			const result = await markFailed(db, mail, message, now(), permanent(err));
			failed++;
			log[result === 'failed' ? 'error' : 'warn'](result === 'failed' ? 'notifications.mail_failed' : 'notifications.mail_retry', {
				mail: mail.id,
				attempt: mail.attempts + 1
			});
		}
	}
	return { sent, failed };
}

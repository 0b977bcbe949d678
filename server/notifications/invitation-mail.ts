import type { Kysely } from 'kysely';
import type { DB, Locale } from '../db/schema';
import type { NotifyConfig } from './config';
import { enqueueMail } from './repository/mail';
import { localeOf } from './repository/people';
import { notifySoon } from './soon';
import { esc, mailDocument } from './compose';

/** A new person's one-time link to set a password, for mail. */
export interface InvitationToSend {
	userId: string;
	name: string;
	username: string;
	email: string | null;
	token: string;
	expiresAt: Date;
}

const words: Record<Locale, (i: InvitationToSend, link: string, hours: number) => { subject: string; lines: string[] }> = {
	th: (i, link, hours) => ({
		subject: 'คำเชิญเข้าใช้ Concord',
		lines: [
			`เรียน ${i.name}`,
			`ผู้ดูแลระบบได้เพิ่มท่านเข้าสู่ Concord ด้วยชื่อผู้ใช้ ${i.username}`,
			`ตั้งรหัสผ่านได้ที่ลิงก์นี้ ใช้ได้ครั้งเดียวภายใน ${hours} ชั่วโมง:`,
			link,
			'หากท่านไม่ได้คาดว่าจะได้รับคำเชิญนี้ โปรดแจ้งผู้ดูแลระบบของเครือข่าย'
		]
	}),
	en: (i, link, hours) => ({
		subject: 'Your invitation to Concord',
		lines: [
			`Dear ${i.name},`,
			`An administrator has added you to Concord as ${i.username}.`,
			`Set your password with this link; it works once, within ${hours} hours:`,
			link,
			"If you did not expect this invitation, please tell your network's administrator."
		]
	})
};

/** An invitation in the person's language, as plain text and as an HTML document with the link as a link. */
export function invitationMail(locale: Locale, i: InvitationToSend, link: string, hours: number): { subject: string; text: string; html: string } {
	const { subject, lines } = words[locale](i, link, hours);
	const body = lines.map((l) => (l === link ? `<p><a href="${esc(link)}">${esc(link)}</a></p>` : `<p>${esc(l)}</p>`)).join('\n');
	return { subject, text: lines.join('\n\n'), html: mailDocument(locale, subject, body) };
}

/**
 * Sends each new person with an address their invitation link, through the
 * outbox (retried, never slowing the request). Without SMTP it sends
 * nothing: the administrator hands the links out. Returns how many went.
 */
export async function mailInvitations(db: Kysely<DB>, config: NotifyConfig, invitations: InvitationToSend[], now = new Date()): Promise<number> {
	if (!config.smtpUrl) return 0;
	let queued = 0;
	for (const i of invitations) {
		if (!i.email) continue;
		const user = await localeOf(db, i.userId);
		const link = `${config.origin}/link/${i.token}`;
		const hours = Math.max(1, Math.round((i.expiresAt.getTime() - now.getTime()) / 3600_000));
		const { subject, text, html } = invitationMail(user?.locale ?? 'th', i, link, hours);
		const fresh = await enqueueMail(
			db,
			{ dedupeKey: `invitation:${i.userId}:${i.expiresAt.getTime()}`, userId: i.userId, to: i.email, subject, text, html, notBefore: now },
			now
		);
		if (fresh) queued++;
	}
	if (queued) notifySoon();
	return queued;
}

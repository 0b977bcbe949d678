import type { Kysely } from 'kysely';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { DB } from '../db/schema';
import { log } from '../log';
import { markBounced } from './repository/mail';

/**
 * Bounces that come back later, as delivery-status mail (RFC 3464), after
 * the relay had accepted the message. Each mail leaves with its own return
 * path (VERP): `bounces+<outbox id>@domain` for a `BOUNCE_ADDRESS` of
 * `bounces@domain`. The domain's MX (or the relay) hands mail for it to the
 * listener below, which records a permanent failure against that one mail;
 * the administrators' mail page then shows it as failed.
 *
 * The outbox id is a random UUID, unguessable to anyone who did not receive
 * the mail; its recipient could forge a bounce only of their own mail. Only
 * reports that say `Action: failed` count: a delay, an auto-reply or anything
 * else sent to the return path is accepted and ignored, so no one gets mail
 * back from Concord (backscatter).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A delivery report is small; anything larger is not one (the original is usually attached, truncated). */
export const MAX_REPORT_BYTES = 512 * 1024;

function split(address: string): { local: string; domain: string } | null {
	const at = address.lastIndexOf('@');
	if (at <= 0 || at === address.length - 1) return null;
	return { local: address.slice(0, at), domain: address.slice(at + 1).toLowerCase() };
}

/** The return path of one mail: `bounces+<id>@domain`. */
export function returnPath(bounceAddress: string, mailId: string): string {
	const base = split(bounceAddress);
	if (!base) throw new Error(`BOUNCE_ADDRESS must be an address such as bounces@example.go.th, not "${bounceAddress}"`);
	return `${base.local}+${mailId}@${base.domain}`;
}

/** The outbox id a return path names, or null for any other address. */
export function mailIdOf(bounceAddress: string, recipient: string): string | null {
	const base = split(bounceAddress);
	const got = split(recipient.trim());
	if (!base || !got || got.domain !== base.domain) return null;
	const prefix = `${base.local}+`.toLowerCase();
	if (!got.local.toLowerCase().startsWith(prefix)) return null;
	const id = got.local.slice(prefix.length).toLowerCase();
	return UUID.test(id) ? id : null;
}

export interface DeliveryReport {
	action: string;
	status: string | null;
	diagnostic: string | null;
}

/** The per-recipient verdict of a delivery-status report, or null when the mail is not one. */
export async function readReport(raw: Buffer | string): Promise<DeliveryReport | null> {
	const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, maxHtmlLengthToParse: 0 });
	const type = parsed.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
	if (type?.value?.toLowerCase() !== 'multipart/report' || type.params?.['report-type']?.toLowerCase() !== 'delivery-status') return null;
	// The delivery-status part is read into the text, its fields one per line.
	const text = parsed.text ?? '';
	const field = (name: string) => new RegExp(`^${name}:[ \\t]*(.+)$`, 'im').exec(text)?.[1]?.trim() ?? null;
	const action = field('Action')?.toLowerCase();
	if (!action) return null;
	return { action, status: /^[245]\.\d{1,3}\.\d{1,3}/.exec(field('Status') ?? '')?.[0] ?? null, diagnostic: field('Diagnostic-Code') };
}

/**
 * Records a report against its mail. A failure marks the mail failed with
 * the status and the server's reason, addresses taken out (logs and the
 * admin page never show one from a report); other actions change nothing.
 */
export async function recordReport(db: Kysely<DB>, mailId: string, report: DeliveryReport): Promise<boolean> {
	if (report.action !== 'failed') return false;
	const reason = (report.diagnostic ?? '')
		.replace(/<?[^\s<>@]+@[^\s<>]+>?/g, '<address>')
		// eslint-disable-next-line no-control-regex -- a report's reason is shown as one line of text
		.replace(/[\u0000-\u001f\u007f]/g, ' ')
		.slice(0, 300);
	return markBounced(db, mailId, `bounced ${report.status ?? ''}${reason ? `: ${reason}` : ''}`.trim());
}

export interface BounceListener {
	port: number;
	close(): Promise<void>;
}

/** Receives returned mail over SMTP on `port` (0: any free port), from the domain's MX or the relay. */
export function startBounceListener(db: Kysely<DB>, o: { bounceAddress: string; port: number; host: string }): Promise<BounceListener> {
	const server = new SMTPServer({
		name: split(o.bounceAddress)?.domain,
		banner: 'Concord returned-mail receiver',
		authOptional: true,
		disabledCommands: ['AUTH', 'STARTTLS'],
		size: MAX_REPORT_BYTES,
		logger: false,
		onRcptTo(address, _session, callback) {
			if (mailIdOf(o.bounceAddress, address.address)) callback();
			else callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', async () => {
				if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
					callback(Object.assign(new Error('A delivery report is smaller than this'), { responseCode: 552 }));
					return;
				}
				try {
					const report = await readReport(Buffer.concat(chunks));
					for (const rcpt of session.envelope.rcptTo) {
						const id = mailIdOf(o.bounceAddress, rcpt.address);
						const recorded = id && report ? await recordReport(db, id, report) : false;
						log.info('notifications.returned_mail', { mail: id, report: report?.action ?? 'none', recorded });
					}
					callback();
				} catch (err) {
					log.warn('notifications.returned_mail_unread', { message: err instanceof Error ? err.message : String(err) });
					callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
				}
			});
		}
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(o.port, o.host, () => {
			server.off('error', reject);
			server.on('error', (err) => log.warn('notifications.returned_mail_error', { message: err.message }));
			const address = server.server.address();
			resolve({ port: typeof address === 'object' && address ? address.port : o.port, close: () => new Promise<void>((done) => server.close(() => done())) });
		});
	});
}

import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server inside the test process, on port 0. `down` makes it
 * answer every message with a temporary failure (451), as a mail server in
 * an outage does; `hold` keeps the next message waiting until released.
 */
export interface MailCatcher {
	url: string;
	mails: ParsedMail[];
	/** Each mail's envelope sender (MAIL FROM), in the order of `mails`. */
	returnPaths: string[];
	down: boolean;
	/** Holds each message's acceptance until the returned release is called. */
	hold(): Promise<() => void>;
	close(): Promise<void>;
}

export async function startMailCatcher(): Promise<MailCatcher> {
	const mails: ParsedMail[] = [];
	const returnPaths: string[] = [];
	let holding: { reached: (release: () => void) => void } | null = null;
	const catcher: MailCatcher = {
		url: '',
		mails,
		returnPaths,
		down: false,
		hold: () => new Promise((reached) => (holding = { reached })),
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', async () => {
				if (catcher.down) {
					const err = Object.assign(new Error('Mail service unavailable, try later'), { responseCode: 451 });
					return callback(err);
				}
				const accept = async () => {
					mails.push(await simpleParser(Buffer.concat(chunks)));
					returnPaths.push(session.envelope.mailFrom ? session.envelope.mailFrom.address : '');
					callback();
				};
				if (holding) {
					const h = holding;
					holding = null;
					h.reached(() => void accept());
				} else await accept();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	catcher.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
	return catcher;
}

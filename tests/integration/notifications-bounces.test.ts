import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailIdOf, MAX_REPORT_BYTES, readReport, returnPath, startBounceListener, type BounceListener } from '../../server/notifications/bounces';
import { enqueueMail, failedMail } from '../../server/notifications/repository/mail';
import { describeEachEngine } from '../support/database';
import { makeUser } from '../support/factories';
import { startMailCatcher, type MailCatcher } from '../support/mail-catcher';
import { notifierFor, testClock } from '../support/notification-scene';

const BOUNCES = 'bounces@concord.example.go.th';

/** A delivery-status report as a receiving MTA writes it (RFC 3464), for the mail sent with `id`'s return path. */
function report(id: string, action = 'failed', status = '5.1.1'): string {
	return [
		'From: Mail Delivery System <MAILER-DAEMON@mx.example.org>',
		`To: ${returnPath(BOUNCES, id)}`,
		'Subject: Undelivered Mail Returned to Sender',
		'MIME-Version: 1.0',
		'Content-Type: multipart/report; report-type=delivery-status; boundary="REPORT"',
		'',
		'--REPORT',
		'Content-Type: text/plain; charset=utf-8',
		'',
		'This is the mail system at host mx.example.org.',
		'--REPORT',
		'Content-Type: message/delivery-status',
		'',
		'Reporting-MTA: dns; mx.example.org',
		'',
		'Final-Recipient: rfc822; somchai@example.org',
		`Action: ${action}`,
		`Status: ${status}`,
		'Diagnostic-Code: smtp; 550 5.1.1 <somchai@example.org>: Recipient address rejected: User unknown',
		'',
		'--REPORT',
		'Content-Type: text/rfc822-headers',
		'',
		'Subject: งานใหม่ถึงคุณ',
		'--REPORT--',
		''
	].join('\r\n');
}

describe('return paths', () => {
	const id = '0b7c7f4e-1111-4222-8333-944445555666';
	it('name one mail, and only under the configured address', () => {
		expect(returnPath(BOUNCES, id)).toBe(`bounces+${id}@concord.example.go.th`);
		expect(mailIdOf(BOUNCES, `bounces+${id}@concord.example.go.th`)).toBe(id);
		expect(mailIdOf(BOUNCES, `BOUNCES+${id.toUpperCase()}@Concord.Example.go.th`)).toBe(id);
		for (const other of [
			`bounces+${id}@elsewhere.example`,
			`someone+${id}@concord.example.go.th`,
			'bounces@concord.example.go.th',
			'bounces+not-an-id@concord.example.go.th',
			`bounces+${id}x@concord.example.go.th`,
			`bounces+${id}`,
			''
		]) {
			expect(mailIdOf(BOUNCES, other)).toBeNull();
		}
		expect(() => returnPath('not an address', id)).toThrow(/BOUNCE_ADDRESS/);
	});

	it('read a report’s verdict, and nothing from a mail that is not a report', async () => {
		expect(await readReport(report('0b7c7f4e-1111-4222-8333-944445555666'))).toEqual({
			action: 'failed',
			status: '5.1.1',
			diagnostic: 'smtp; 550 5.1.1 <somchai@example.org>: Recipient address rejected: User unknown'
		});
		expect((await readReport(report('0b7c7f4e-1111-4222-8333-944445555666', 'delayed', '4.4.7')))?.action).toBe('delayed');
		const autoReply = 'From: somchai@example.org\r\nSubject: Out of office\r\nContent-Type: text/plain\r\n\r\nAction: failed\r\nI am away.\r\n';
		expect(await readReport(autoReply)).toBeNull();
	});
});

describeEachEngine('bounces that come back later', (use) => {
	let listener: BounceListener;
	let catcher: MailCatcher;
	const clock = testClock();
	beforeAll(async () => {
		listener = await startBounceListener(use().db, { bounceAddress: BOUNCES, port: 0, host: '127.0.0.1' });
		catcher = await startMailCatcher();
	});
	afterAll(async () => {
		await listener.close();
		await catcher.close();
	});

	/** An MTA returning mail to Concord's listener. */
	const mta = () => nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
	const returnMail = (to: string, raw: string) => mta().sendMail({ envelope: { from: '', to }, raw });

	async function sentMail(db: ReturnType<typeof use>['db']) {
		const user = await makeUser(db);
		await enqueueMail(
			db,
			{
				dedupeKey: `bounce-test-${user.id}`,
				userId: user.id,
				to: 'somchai@example.org',
				subject: 'งานใหม่ถึงคุณ',
				text: 'ข้อความ',
				html: '<p>ข้อความ</p>',
				notBefore: clock.now()
			},
			clock.now()
		);
		const n = notifierFor(db, catcher, clock, false, BOUNCES);
		await n.tick();
		await n.stop();
		const row = await db.selectFrom('mail_outbox').select(['id', 'status']).where('user_id', '=', user.id).executeTakeFirstOrThrow();
		expect(row.status).toBe('sent');
		return row.id;
	}

	it('sends each mail with its own return path, and a later failure report marks that mail failed for the administrators', async () => {
		const db = use().db;
		const id = await sentMail(db);
		expect(catcher.returnPaths).toContain(returnPath(BOUNCES, id));

		await returnMail(returnPath(BOUNCES, id), report(id));
		const row = await db.selectFrom('mail_outbox').select(['status', 'last_error']).where('id', '=', id).executeTakeFirstOrThrow();
		expect(row.status).toBe('failed');
		expect(row.last_error).toBe('bounced 5.1.1: smtp; 550 5.1.1 <address>: Recipient address rejected: User unknown');
		expect((await failedMail(db)).map((f) => f.id)).toContain(id);
	});

	it('a delay report or an auto-reply to the return path is taken in and changes nothing', async () => {
		const db = use().db;
		const id = await sentMail(db);
		await returnMail(returnPath(BOUNCES, id), report(id, 'delayed', '4.4.7'));
		await returnMail(returnPath(BOUNCES, id), 'From: somchai@example.org\r\nSubject: Out of office\r\n\r\nAction: failed\r\n');
		expect((await db.selectFrom('mail_outbox').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('sent');
	});

	it('refuses mail for any other address, and a message larger than a report', async () => {
		const db = use().db;
		const id = await sentMail(db);
		await expect(returnMail('postmaster@concord.example.go.th', report(id))).rejects.toMatchObject({ responseCode: 550 });
		await expect(returnMail('bounces+guess@concord.example.go.th', report(id))).rejects.toMatchObject({ responseCode: 550 });
		await expect(returnMail(returnPath(BOUNCES, id), report(id) + 'x'.repeat(MAX_REPORT_BYTES))).rejects.toMatchObject({ responseCode: 552 });
		expect((await db.selectFrom('mail_outbox').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('sent');
	});

	it('a report for a mail that does not exist changes nothing', async () => {
		const db = use().db;
		const ghost = '00000000-0000-4000-8000-000000000000';
		await returnMail(returnPath(BOUNCES, ghost), report(ghost));
		expect(await db.selectFrom('mail_outbox').select('id').where('id', '=', ghost).execute()).toEqual([]);
	});
});

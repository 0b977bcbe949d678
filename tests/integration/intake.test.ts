import { expect, it } from 'vitest';
import { AccessDenied } from '../../server/access';
import { issueFormToken } from '../../server/intake/form-token';
import { PUBLIC_LIMIT, recordReport, submitPublicReport } from '../../server/intake/service';
import { dismissReport, putOnAgenda, reportsOnAgenda, triageQueue } from '../../server/intake/triage';
import { describeEachEngine } from '../support/database';
import { makeBody, makeUser } from '../support/factories';

const later = (ms: number) => new Date(Date.now() + ms);

describeEachEngine('intake of tips and requests for help', (use) => {
	async function receivingBody() {
		const { db } = use();
		const body = await makeBody(db, { roles: ['chair', 'secretary', 'member', 'observer'] });
		return body;
	}
	const report = (bodyId: string, extra: Record<string, unknown> = {}) => ({
		bodyId,
		kind: 'tip',
		message: 'มีเด็กหญิงอายุประมาณ 15 ปีทำงานในร้านคาราโอเกะหลังตลาด',
		location: 'ตำบลบ้านถ้ำ',
		contactName: '',
		contactPhone: '',
		contactEmail: '',
		formToken: issueFormToken(Date.now() - 10_000),
		website: '',
		...extra
	});

	it('takes an anonymous report from the public form and gives a reference', async () => {
		const { db } = use();
		const body = await receivingBody();
		const r = await submitPublicReport(db, report(body.id), '198.51.100.10');
		expect(r).toMatchObject({ ok: true });
		if (!r.ok) throw new Error('refused');
		expect(r.reference).toMatch(/^R\d{4}-[A-Z2-9]{6}$/);
		const row = await db.selectFrom('intake_report').selectAll().where('reference', '=', r.reference).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ channel: 'web', status: 'new', contact_name: null, body_id: body.id });
		// Nothing about the sender is kept beyond a keyed hash for throttling.
		const attempts = await db.selectFrom('intake_attempt').selectAll().execute();
		expect(JSON.stringify(attempts)).not.toContain('198.51.100.10');
	});

	it('refuses robots: a filled hidden field, a form sent too fast, a forged or stale token', async () => {
		const { db } = use();
		const body = await receivingBody();
		expect(await submitPublicReport(db, report(body.id, { website: 'http://spam.example' }), '198.51.100.11')).toEqual({
			ok: false,
			errors: { form: 'rejected' }
		});
		expect(await submitPublicReport(db, report(body.id, { formToken: issueFormToken() }), '198.51.100.11')).toEqual({
			ok: false,
			errors: { form: 'too_fast' }
		});
		expect(await submitPublicReport(db, report(body.id, { formToken: '1700000000000.forged' }), '198.51.100.11')).toEqual({
			ok: false,
			errors: { form: 'invalid' }
		});
		expect(await submitPublicReport(db, report(body.id, { formToken: issueFormToken(Date.now() - 3 * 3600_000) }), '198.51.100.11')).toEqual({
			ok: false,
			errors: { form: 'expired' }
		});
	});

	it('validates what a person typed and names each problem', async () => {
		const { db } = use();
		const body = await receivingBody();
		const r = await submitPublicReport(db, report(body.id, { message: 'สั้น', contactEmail: 'not-an-email', kind: 'gossip' }), '198.51.100.12');
		expect(r).toEqual({ ok: false, errors: { message: 'too_short', contactEmail: 'invalid', kind: 'invalid' } });
		const unknownBody = await submitPublicReport(db, report(crypto.randomUUID()), '198.51.100.12');
		expect(unknownBody).toEqual({ ok: false, errors: { bodyId: 'invalid' } });
	});

	it('refuses a report with no district chosen, naming the district, and counts no attempt', async () => {
		const { db } = use();
		await receivingBody();
		const count = async () => ({
			reports: (await db.selectFrom('intake_report').select('id').execute()).length,
			attempts: (await db.selectFrom('intake_attempt').select('at').execute()).length
		});
		const before = await count();
		for (const bodyId of [undefined, '', '   ']) {
			const r = await submitPublicReport(db, report(bodyId as unknown as string), '198.51.100.15');
			expect(r).toEqual({ ok: false, errors: { bodyId: 'required' } });
		}
		// Other problems are named alongside, so the sender fixes everything at once.
		const both = await submitPublicReport(db, report('', { message: 'สั้น' }), '198.51.100.15');
		expect(both).toEqual({ ok: false, errors: { bodyId: 'required', message: 'too_short' } });
		expect(await count()).toEqual(before);
	});

	it('allows five reports an hour from one address, then says when to try again', async () => {
		const { db } = use();
		const body = await receivingBody();
		for (let i = 0; i < PUBLIC_LIMIT; i++) expect((await submitPublicReport(db, report(body.id), '198.51.100.13')).ok).toBe(true);
		const refused = await submitPublicReport(db, report(body.id), '198.51.100.13');
		expect(refused).toMatchObject({ ok: false, errors: { form: 'throttled' } });
		if (refused.ok) throw new Error('expected a refusal');
		expect(refused.retryAfterMinutes).toBeGreaterThan(55);
		expect((await submitPublicReport(db, report(body.id), '198.51.100.14')).ok).toBe(true);
		expect((await submitPublicReport(db, report(body.id), '198.51.100.13', later(3600_000 + 60_000))).ok).toBe(true);
	});

	it('lets the secretary record postal-box and telephone reports, and nobody else', async () => {
		const { db } = use();
		const body = await receivingBody();
		const ok = await recordReport(db, body.seats.secretary!.actor, { ...report(body.id), channel: 'postal_box' }, null);
		expect(ok).toMatchObject({ ok: true });
		await expect(recordReport(db, body.seats.member!.actor, { ...report(body.id), channel: 'telephone' }, null)).rejects.toBeInstanceOf(AccessDenied);
		expect(await recordReport(db, body.seats.secretary!.actor, { ...report(body.id), channel: 'web' }, null)).toEqual({
			ok: false,
			errors: { channel: 'invalid' }
		});
	});

	it('keeps the queue inside the working group and triages each report once', async () => {
		const { db } = use();
		const body = await receivingBody();
		const outsider = await makeUser(db);
		const a = await submitPublicReport(db, report(body.id), '198.51.100.20');
		const b = await submitPublicReport(db, report(body.id), '198.51.100.21');
		if (!a.ok || !b.ok) throw new Error('refused');
		const queue = await triageQueue(db, body.seats.member!.actor, body.id);
		expect(queue.map((q) => q.reference).sort()).toEqual([a.reference, b.reference].sort());
		await expect(triageQueue(db, body.seats.observer!.actor, body.id)).rejects.toBeInstanceOf(AccessDenied);
		await expect(triageQueue(db, outsider.actor, body.id)).rejects.toBeInstanceOf(AccessDenied);

		const [first, second] = queue;
		expect(await dismissReport(db, body.seats.member!.actor, { id: first!.id, reason: ' ' }, null)).toEqual({ ok: false, errors: { reason: 'required' } });
		expect(await dismissReport(db, body.seats.member!.actor, { id: first!.id, reason: 'ข้อมูลซ้ำกับเรื่องเดิม' }, null)).toEqual({ ok: true });
		expect(await dismissReport(db, body.seats.member!.actor, { id: first!.id, reason: 'again' }, null)).toEqual({
			ok: false,
			errors: { id: 'already_dismissed' }
		});
		await expect(dismissReport(db, outsider.actor, { id: second!.id, reason: 'x' }, null)).rejects.toMatchObject({ status: 404 });
		// An unknown report answers exactly as one the actor may not see.
		await expect(dismissReport(db, body.seats.member!.actor, { id: crypto.randomUUID(), reason: 'x' }, null)).rejects.toMatchObject({ status: 404 });
		await expect(putOnAgenda(db, body.seats.member!.actor, { id: 'not-an-id' }, null)).rejects.toMatchObject({ status: 404 });

		// No meeting yet: it cannot go on an agenda.
		expect(await putOnAgenda(db, body.seats.secretary!.actor, { id: second!.id }, null)).toEqual({ ok: false, errors: { id: 'no_meeting' } });
		const meeting = await db
			.insertInto('meeting')
			.values({ body_id: body.id, title: 'ประชุมครั้งหน้า', starts_at: later(7 * 24 * 3600_000) })
			.returning('id')
			.executeTakeFirstOrThrow();
		expect(await putOnAgenda(db, body.seats.secretary!.actor, { id: second!.id }, null)).toEqual({ ok: true, meetingId: meeting.id });
		expect((await reportsOnAgenda(db, meeting.id)).map((r) => r.id)).toEqual([second!.id]);
		const views = await db
			.selectFrom('audit_event')
			.select('action')
			.where('actor_id', '=', body.seats.member!.id)
			.where('action', '=', 'intake.view_queue')
			.execute();
		expect(views).toHaveLength(1);
	});
});

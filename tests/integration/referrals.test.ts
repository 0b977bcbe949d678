import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { AccessDenied, type Actor } from '../../server/access';
import type { DB } from '../../server/db/schema';
import { events } from '../../server/events';
import { acceptReportBack } from '../../server/followup/lifecycle';
import { outstandingForBody } from '../../server/followup/outstanding';
import {
	acceptReferral,
	completeReferral,
	declineReferral,
	incomingReferrals,
	noteReferralProgress,
	outgoingReferrals,
	referralForm,
	referralsOfCase,
	referralView,
	sendReferral,
	startReferral,
	type SendInput
} from '../../server/referrals/service';
import { describeEachEngine } from '../support/database';
import { followupDecision, followupMeeting, makeBody, makeOrganisation, makeUser, seatOn } from '../support/factories';

/** The status an AccessDenied carries, or 'allowed'. */
async function refusal(p: Promise<unknown>): Promise<number | 'allowed'> {
	try {
		await p;
		return 'allowed';
	} catch (e) {
		if (e instanceof AccessDenied) return e.status;
		throw e;
	}
}

const SECRET_NAME = 'เด็กหญิงลับเฉพาะ นามสมมุติ';
let serial = 0;

async function makeCase(db: Kysely<DB>, bodyId: string, team: { userId: string; organisationId: string }[]) {
	const row = await db
		.insertInto('case_file')
		.values({
			code: `TST-2569-${String(++serial).padStart(3, '0')}-${Date.now().toString(36)}`,
			body_id: bodyId,
			category: 'labour_trafficking',
			sex: 'female',
			age_band: '15_17',
			opened_on: '2026-01-10'
		})
		.returning(['id', 'code'])
		.executeTakeFirstOrThrow();
	if (team.length)
		await db
			.insertInto('case_team')
			.values(team.map((t) => ({ case_id: row.id, user_id: t.userId, organisation_id: t.organisationId })))
			.execute();
	await db
		.insertInto('case_identity')
		.values({ case_id: row.id, full_name: SECRET_NAME, family: 'ครอบครัวลับ', address: 'บ้านเลขที่ลับ', contact: '0899999999' })
		.execute();
	return row;
}

describeEachEngine('referrals', (use) => {
	async function setting() {
		const { db } = use();
		const province = await makeBody(db, { roles: ['chair', 'secretary', 'member'] });
		await db.updateTable('body').set({ secretariat_organisation_id: province.seats.secretary!.organisationId }).where('id', '=', province.id).execute();
		const district = await makeBody(db, { parentId: province.id, roles: ['chair', 'secretary', 'member', 'volunteer', 'observer'] });
		const sibling = await makeBody(db, { parentId: province.id, roles: ['chair'] });
		// The receiving organisation speaks through a seat on a body of its own.
		const shelter = await makeOrganisation(db, 'บ้านพักเด็กทดสอบ');
		const shelterBody = await makeBody(db, { roles: ['chair'] });
		const rep = await makeUser(db);
		await seatOn(db, { bodyId: shelterBody.id, userId: rep.id, organisationId: shelter.id, role: 'member' });
		const shelterObserver = await makeUser(db);
		await seatOn(db, { bodyId: shelterBody.id, userId: shelterObserver.id, organisationId: shelter.id, role: 'observer' });
		const outsider = await makeUser(db);
		const admin = await makeUser(db, { admin: true });
		const s = district.seats;
		const sender = s.member!;
		const input = (o: Partial<SendInput> = {}): SendInput => ({
			bodyId: district.id,
			fromOrganisationId: sender.organisationId,
			toOrganisationId: shelter.id,
			reason: 'ต้องการที่พักปลอดภัยชั่วคราว',
			urgency: 'urgent',
			shared: 'สรุปสถานการณ์และความต้องการ',
			consent: 'given_by_guardian',
			consentNote: '',
			...o
		});
		const send = async (o: Partial<SendInput> = {}, actor: Actor = sender.actor) => {
			const r = await sendReferral(db, actor, input(o));
			if (!r.ok) throw new Error(`send failed: ${JSON.stringify(r.errors)}`);
			return r.id;
		};
		return { db, province, district, sibling, shelter, shelterBody, rep, shelterObserver, outsider, admin, s, sender, input, send };
	}

	it('sends a referral with its history and an audit row that holds no text', async () => {
		const { db, send, sender } = await setting();
		const id = await send();
		const row = await db.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ status: 'sent', urgency: 'urgent', consent: 'given_by_guardian', created_by: sender.id, action_item_id: null });
		const history = await db.selectFrom('referral_update').select(['kind', 'author_id']).where('referral_id', '=', id).execute();
		expect(history).toEqual([{ kind: 'sent', author_id: sender.id }]);
		const audit = await db.selectFrom('audit_event').select(['action', 'detail']).where('target_id', '=', id).execute();
		expect(audit.map((a) => a.action)).toEqual(['referral.send']);
		expect(JSON.stringify(audit)).not.toContain('ที่พัก');
	});

	it('lets the body’s working members send, and nobody else', async () => {
		const { db, input, s, outsider, admin, sender } = await setting();
		const volunteerInput = input();
		// The volunteer sends from the organisation of their own seat.
		const asVolunteer = await sendReferral(db, s.volunteer!.actor, { ...volunteerInput, fromOrganisationId: s.volunteer!.organisationId });
		expect(asVolunteer.ok).toBe(true);
		expect(await refusal(sendReferral(db, s.observer!.actor, { ...input(), fromOrganisationId: s.observer!.organisationId }))).toBe(403);
		expect(await refusal(sendReferral(db, outsider.actor, input()))).toBe(403);
		expect(await refusal(sendReferral(db, admin.actor, input()))).toBe(403);
		expect(await refusal(sendReferral(db, null, input()))).toBe(403);
		// Only from an organisation the sender sits for on that body.
		expect(await sendReferral(db, s.chair!.actor, input())).toEqual({ ok: false, errors: { fromOrganisationId: 'not_seated' } });
		expect((await sendReferral(db, sender.actor, input())).ok).toBe(true);
	});

	it('checks every field and says which one is wrong', async () => {
		const { db, sender, district, sibling, province, input, shelter } = await setting();
		const empty = await sendReferral(db, sender.actor, { bodyId: district.id, fromOrganisationId: '', reason: ' ', urgency: '', shared: '', consent: '' });
		expect(empty).toEqual({
			ok: false,
			errors: { fromOrganisationId: 'required', reason: 'required', shared: 'required', urgency: 'required', consent: 'required', target: 'required' }
		});
		expect(await sendReferral(db, sender.actor, { ...input(), bodyId: undefined })).toEqual({ ok: false, errors: { bodyId: 'required' } });
		expect(await sendReferral(db, sender.actor, input({ reason: 'ก'.repeat(2001), urgency: 'soon', consent: 'maybe' }))).toEqual({
			ok: false,
			errors: { reason: 'too_long', urgency: 'invalid', consent: 'invalid' }
		});
		expect(await sendReferral(db, sender.actor, input({ toBodyId: province.id }))).toEqual({ ok: false, errors: { target: 'invalid' } });
		expect(await sendReferral(db, sender.actor, input({ toOrganisationId: 'not-a-uuid' }))).toEqual({ ok: false, errors: { toOrganisationId: 'invalid' } });
		expect(await sendReferral(db, sender.actor, input({ toOrganisationId: sender.organisationId }))).toEqual({
			ok: false,
			errors: { toOrganisationId: 'same_organisation' }
		});
		await db.updateTable('organisation').set({ active: false }).where('id', '=', shelter.id).execute();
		expect(await sendReferral(db, sender.actor, input())).toEqual({ ok: false, errors: { toOrganisationId: 'invalid' } });
		// Escalation only goes up.
		for (const b of [sibling.id, district.id]) {
			expect(await sendReferral(db, sender.actor, input({ toOrganisationId: undefined, toBodyId: b }))).toEqual({
				ok: false,
				errors: { toBodyId: 'not_ancestor' }
			});
		}
		const elsewhere = await followupMeeting(db, { bodyId: sibling.id, startsAt: new Date() });
		const foreign = await followupDecision(db, { meetingId: elsewhere, text: 'มติของคณะอื่น', lead: sender.organisationId });
		expect(await sendReferral(db, sender.actor, input({ toOrganisationId: undefined, toBodyId: province.id, decisionId: foreign }))).toEqual({
			ok: false,
			errors: { decisionId: 'decision_not_on_body' }
		});
		expect(await sendReferral(db, sender.actor, input({ toOrganisationId: undefined, toBodyId: province.id, decisionId: crypto.randomUUID() }))).toEqual({
			ok: false,
			errors: { decisionId: 'invalid' }
		});
		expect(await db.selectFrom('referral').select('id').where('body_id', '=', district.id).execute()).toEqual([]);
	});

	it('refers without consent only in an emergency, with the legal ground written down', async () => {
		const { db, sender, input } = await setting();
		expect(await sendReferral(db, sender.actor, input({ consent: 'not_given', urgency: 'urgent', consentNote: 'พ.ร.บ.คุ้มครองเด็ก มาตรา 41' }))).toEqual({
			ok: false,
			errors: { consent: 'consent_required' }
		});
		expect(await sendReferral(db, sender.actor, input({ consent: 'not_given', urgency: 'emergency', consentNote: '' }))).toEqual({
			ok: false,
			errors: { consent: 'consent_required', consentNote: 'required' }
		});
		const ok = await sendReferral(db, sender.actor, input({ consent: 'not_given', urgency: 'emergency', consentNote: 'พ.ร.บ.คุ้มครองเด็ก มาตรา 41' }));
		expect(ok.ok).toBe(true);
	});

	it('lets only the receiving side answer; the sender, outsiders and administrators are refused', async () => {
		const { db, send, rep, sender, s, outsider, admin, shelterObserver } = await setting();
		const id = await send();
		const who: Record<string, Actor | null> = {
			sender: sender.actor,
			chair: s.chair!.actor,
			observer: shelterObserver.actor,
			outsider: outsider.actor,
			admin: admin.actor,
			anonymous: null
		};
		const outcome: Record<string, number | 'allowed'> = {};
		for (const [name, actor] of Object.entries(who)) outcome[name] = await refusal(acceptReferral(db, actor, { referralId: id }));
		expect(outcome).toEqual({ sender: 403, chair: 403, observer: 404, outsider: 404, admin: 404, anonymous: 404 });
		expect((await referralView(db, sender.actor, id)).allowed).toEqual([]);
		expect((await referralView(db, rep.actor, id)).allowed).toEqual(['accept', 'decline']);
		expect(await refusal(referralView(db, admin.actor, id))).toBe(404);
		expect(await refusal(acceptReferral(db, rep.actor, { referralId: 'nonsense' }))).toBe(404);
		expect((await db.selectFrom('referral').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('sent');
		expect(await acceptReferral(db, rep.actor, { referralId: id })).toMatchObject({ ok: true, status: 'accepted' });
	});

	it('moves through each state and refuses a change from the wrong state without writing anything', async () => {
		const { db, send, rep } = await setting();
		const id = await send();
		const answer = { referralId: id, text: 'บันทึก' };
		expect(await completeReferral(db, rep.actor, answer)).toEqual({ ok: false, errors: { referral: 'wrong_state' } });
		expect(await startReferral(db, rep.actor, answer)).toEqual({ ok: false, errors: { referral: 'wrong_state' } });
		expect(await noteReferralProgress(db, rep.actor, answer)).toEqual({ ok: false, errors: { referral: 'wrong_state' } });
		expect(await acceptReferral(db, rep.actor, { referralId: id, text: 'รับไว้ดูแล' })).toMatchObject({ ok: true, status: 'accepted' });
		expect(await declineReferral(db, rep.actor, { referralId: id, text: 'เต็ม' })).toEqual({ ok: false, errors: { referral: 'wrong_state' } });
		expect(await acceptReferral(db, rep.actor, { referralId: id })).toEqual({ ok: false, errors: { referral: 'wrong_state' } });
		expect(await noteReferralProgress(db, rep.actor, { referralId: id, text: '' })).toEqual({ ok: false, errors: { text: 'required' } });
		expect(await noteReferralProgress(db, rep.actor, { referralId: id, text: 'นัดประเมินแล้ว' })).toMatchObject({ ok: true, status: 'accepted' });
		expect(await startReferral(db, rep.actor, { referralId: id })).toMatchObject({ ok: true, status: 'in_progress' });
		expect(await startReferral(db, rep.actor, { referralId: id })).toEqual({ ok: false, errors: { referral: 'wrong_state' } });
		expect(await completeReferral(db, rep.actor, { referralId: id, text: '' })).toEqual({ ok: false, errors: { text: 'required' } });
		expect(await completeReferral(db, rep.actor, { referralId: id, text: 'ส่งกลับครอบครัวแล้ว' })).toMatchObject({ ok: true, status: 'completed' });
		expect(await noteReferralProgress(db, rep.actor, { referralId: id, text: 'หลังปิด' })).toEqual({ ok: false, errors: { referral: 'wrong_state' } });
		const row = await db.selectFrom('referral').select(['status', 'outcome']).where('id', '=', id).executeTakeFirstOrThrow();
		expect(row).toEqual({ status: 'completed', outcome: 'ส่งกลับครอบครัวแล้ว' });
		const history = await db.selectFrom('referral_update').select(['kind', 'text']).where('referral_id', '=', id).orderBy('id').execute();
		expect(history.map((h) => h.kind)).toEqual(['sent', 'accepted', 'progress', 'started', 'completed']);
		const audits = await db.selectFrom('audit_event').select('action').where('target_id', '=', id).orderBy('id').execute();
		expect(audits.map((a) => a.action)).toEqual(['referral.send', 'referral.accept', 'referral.progress', 'referral.start', 'referral.complete']);
	});

	it('declines with a reason, finally, and opens no action', async () => {
		const { db, send, rep } = await setting();
		const id = await send();
		expect(await declineReferral(db, rep.actor, { referralId: id, text: ' ' })).toEqual({ ok: false, errors: { text: 'required' } });
		expect(await declineReferral(db, rep.actor, { referralId: id, text: 'ไม่มีเตียงว่าง' })).toMatchObject({ ok: true, status: 'declined', actionItemId: null });
		expect(await acceptReferral(db, rep.actor, { referralId: id })).toEqual({ ok: false, errors: { referral: 'wrong_state' } });
		const row = await db.selectFrom('referral').select(['status', 'declined_reason', 'action_item_id']).where('id', '=', id).executeTakeFirstOrThrow();
		expect(row).toEqual({ status: 'declined', declined_reason: 'ไม่มีเตียงว่าง', action_item_id: null });
	});

	it('lets only one of two simultaneous answers win', async () => {
		const { db, send, rep } = await setting();
		const id = await send();
		const results = await Promise.all([acceptReferral(db, rep.actor, { referralId: id }), declineReferral(db, rep.actor, { referralId: id, text: 'เต็ม' })]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, errors: { referral: 'wrong_state' } }]);
		const updates = await db.selectFrom('referral_update').select('kind').where('referral_id', '=', id).where('kind', 'in', ['accepted', 'declined']).execute();
		expect(updates).toHaveLength(1);
		const row = await db.selectFrom('referral').select(['status', 'action_item_id']).where('id', '=', id).executeTakeFirstOrThrow();
		expect(row.status === 'accepted' ? row.action_item_id !== null : row.action_item_id === null).toBe(true);
	});

	it('is followed up by the sending body as an action led by the receiving organisation, closed when a meeting accepts the outcome', async () => {
		const { db, send, rep, district, shelter, s } = await setting();
		const held = await followupMeeting(db, { bodyId: district.id, startsAt: new Date(Date.now() - 3600_000), status: 'in_progress' });
		const decision = await followupDecision(db, { meetingId: held, text: 'ส่งต่อบ้านพักเด็ก', lead: s.member!.organisationId });
		const id = await send({ decisionId: decision });
		const changed: string[] = [];
		const off = events.on('action.changed', (e) => changed.push(e.actionItemId));
		try {
			const accepted = await acceptReferral(db, rep.actor, { referralId: id });
			if (!accepted.ok) throw new Error('not accepted');
			const actionId = accepted.actionItemId!;
			const action = await db.selectFrom('action_item').selectAll().where('id', '=', actionId).executeTakeFirstOrThrow();
			expect(action).toMatchObject({
				body_id: district.id,
				lead_organisation_id: shelter.id,
				decision_id: decision,
				meeting_id: held,
				status: 'open',
				case_id: null,
				assignee_id: null,
				title: 'รับเรื่องส่งต่อ: ต้องการที่พักปลอดภัยชั่วคราว'
			});
			expect((await db.selectFrom('referral').select('action_item_id').where('id', '=', id).executeTakeFirstOrThrow()).action_item_id).toBe(actionId);

			await startReferral(db, rep.actor, { referralId: id });
			expect((await db.selectFrom('action_item').select('status').where('id', '=', actionId).executeTakeFirstOrThrow()).status).toBe('in_progress');
			await noteReferralProgress(db, rep.actor, { referralId: id, text: 'ประเมินแล้ว' });
			await completeReferral(db, rep.actor, { referralId: id, text: 'เด็กได้รับการดูแลครบ' });
			expect((await db.selectFrom('action_item').select('status').where('id', '=', actionId).executeTakeFirstOrThrow()).status).toBe('awaiting_report');
			const history = await db.selectFrom('action_update').select(['kind', 'text', 'detail']).where('action_item_id', '=', actionId).orderBy('id').execute();
			expect(history.map((h) => [h.kind, h.text])).toEqual([
				['created', expect.stringContaining('รับเรื่องส่งต่อจาก')],
				['started', ''],
				['progress', 'ประเมินแล้ว'],
				['report_back', 'เด็กได้รับการดูแลครบ']
			]);
			expect(history.every((h) => (h.detail as { referral?: string }).referral === id)).toBe(true);
			expect(changed.filter((c) => c === actionId)).toHaveLength(4);

			// The sending body's follow-up lists it until its chair accepts the outcome at a meeting.
			const before = await outstandingForBody(db, district.id);
			expect(before.organisations.flatMap((o) => o.actions.map((a) => a.id))).toContain(actionId);
			expect(await acceptReportBack(db, s.chair!.actor, { actionItemId: actionId, meetingId: held })).toEqual({ ok: true, status: 'closed' });
			const after = await outstandingForBody(db, district.id);
			expect(after.organisations.flatMap((o) => o.actions.map((a) => a.id))).not.toContain(actionId);
		} finally {
			off();
		}
	});

	it('escalates to a body above, where it is referred to that body and shows in its follow-up', async () => {
		const { db, send, province, district, sender, outsider } = await setting();
		const id = await send({ toOrganisationId: undefined, toBodyId: province.id, urgency: 'emergency' });
		// Officers of the receiving body answer; a plain member of it does not.
		const provinceMember = province.seats.member!;
		expect(await refusal(acceptReferral(db, provinceMember.actor, { referralId: id }))).toBe(404);
		expect(await refusal(acceptReferral(db, outsider.actor, { referralId: id }))).toBe(404);
		const accepted = await acceptReferral(db, province.seats.secretary!.actor, { referralId: id });
		if (!accepted.ok) throw new Error('not accepted');
		const action = await db.selectFrom('action_item').selectAll().where('id', '=', accepted.actionItemId!).executeTakeFirstOrThrow();
		// Led by the provincial secretariat, and carried by the secretary who accepted it from that seat.
		expect(action).toMatchObject({
			body_id: province.id,
			lead_organisation_id: province.seats.secretary!.organisationId,
			assignee_id: province.seats.secretary!.id
		});
		const followup = await outstandingForBody(db, province.id);
		expect(followup.organisations.flatMap((o) => o.actions.map((a) => a.id))).toEqual([accepted.actionItemId]);
		expect((await outstandingForBody(db, district.id)).organisations).toEqual([]);
		// Incoming for the provincial officers, outgoing for the district.
		expect((await incomingReferrals(db, province.seats.chair!.actor)).map((r) => r.id)).toEqual([id]);
		expect((await incomingReferrals(db, provinceMember.actor)).map((r) => r.id)).toEqual([]);
		expect((await outgoingReferrals(db, sender.actor)).map((r) => r.id)).toEqual([id]);
	});

	it('leads an escalation by the sending organisation when the body above has no secretariat', async () => {
		const { db, send, province, sender } = await setting();
		await db.updateTable('body').set({ secretariat_organisation_id: null }).where('id', '=', province.id).execute();
		const id = await send({ toOrganisationId: undefined, toBodyId: province.id });
		const accepted = await acceptReferral(db, province.seats.chair!.actor, { referralId: id });
		if (!accepted.ok) throw new Error('not accepted');
		const action = await db
			.selectFrom('action_item')
			.select(['body_id', 'lead_organisation_id', 'assignee_id'])
			.where('id', '=', accepted.actionItemId!)
			.executeTakeFirstOrThrow();
		expect(action).toEqual({ body_id: province.id, lead_organisation_id: sender.organisationId, assignee_id: null });
	});

	it('refers an intake report, marking it referred, once, and only by its triage group', async () => {
		const { db, input, sender, district, sibling, s } = await setting();
		const report = async (bodyId: string) =>
			(
				await db
					.insertInto('intake_report')
					.values({
						reference: `T-${crypto.randomUUID().slice(0, 8)}`,
						body_id: bodyId,
						channel: 'telephone',
						kind: 'tip',
						message: 'มีเด็กทำงานในร้านคาราโอเกะ',
						contact_name: 'ผู้แจ้งลับ',
						contact_phone: '0811111111',
						contact_email: null,
						location: null,
						created_at: new Date()
					})
					.returning('id')
					.executeTakeFirstOrThrow()
			).id;
		const tip = await report(district.id);
		expect((await referralForm(db, sender.actor, { intakeReportId: tip })).intake).toMatchObject({ id: tip, referable: true });
		expect(await refusal(sendReferral(db, s.volunteer!.actor, { ...input(), fromOrganisationId: s.volunteer!.organisationId, intakeReportId: tip }))).toBe(403);
		const r = await sendReferral(db, sender.actor, input({ intakeReportId: tip }));
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		const after = await db.selectFrom('intake_report').select(['status', 'triaged_by']).where('id', '=', tip).executeTakeFirstOrThrow();
		expect(after).toEqual({ status: 'referred', triaged_by: sender.id });
		const referral = await db.selectFrom('referral').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
		expect(referral.intake_report_id).toBe(tip);
		// The reporter's contact details are not copied.
		expect(JSON.stringify(referral)).not.toContain('0811111111');
		expect(JSON.stringify(referral)).not.toContain('ผู้แจ้งลับ');
		expect(await sendReferral(db, sender.actor, input({ intakeReportId: tip }))).toEqual({ ok: false, errors: { intakeReportId: 'already_triaged' } });
		expect((await referralForm(db, sender.actor, { intakeReportId: tip })).intake).toMatchObject({ referable: false });
		expect(await sendReferral(db, sender.actor, input({ intakeReportId: await report(sibling.id) }))).toEqual({
			ok: false,
			errors: { intakeReportId: 'invalid' }
		});
	});

	it('lists incoming referrals for every organisation the user speaks for, with a state filter', async () => {
		const { db, send, rep, outsider, shelterObserver, sender } = await setting();
		const first = await send({ urgency: 'routine' });
		const second = await send({ urgency: 'emergency' });
		const declined = await send();
		await declineReferral(db, rep.actor, { referralId: declined, text: 'ไม่ใช่ภารกิจ' });
		// Waiting first, emergencies first among them.
		expect((await incomingReferrals(db, rep.actor)).map((r) => r.id)).toEqual([second, first, declined]);
		expect((await incomingReferrals(db, rep.actor, { state: 'open' })).map((r) => r.id)).toEqual([second, first]);
		expect((await incomingReferrals(db, rep.actor, { state: 'declined' })).map((r) => r.id)).toEqual([declined]);
		expect(await incomingReferrals(db, shelterObserver.actor)).toEqual([]);
		expect(await incomingReferrals(db, outsider.actor)).toEqual([]);
		expect((await outgoingReferrals(db, sender.actor, { state: 'open' })).map((r) => r.id).sort()).toEqual([first, second].sort());
		expect(await outgoingReferrals(db, rep.actor)).toEqual([]);
		await expect(incomingReferrals(db, null)).rejects.toBeInstanceOf(AccessDenied);
	});

	it('shows a receiver outside the case team the case as its code and never its identifying details', async () => {
		const { db, input, sender, rep, district } = await setting();
		const kase = await makeCase(db, district.id, [{ userId: sender.id, organisationId: sender.organisationId }]);
		const conference = await followupMeeting(db, { bodyId: district.id, startsAt: new Date(Date.now() - 3600_000) });
		await db.updateTable('meeting').set({ kind: 'case_conference', case_id: kase.id }).where('id', '=', conference).execute();
		const decision = await followupDecision(db, { meetingId: conference, text: 'ที่ประชุมกรณีให้ส่งต่อบ้านพัก', lead: sender.organisationId });
		const r = await sendReferral(db, sender.actor, { ...input(), bodyId: undefined, caseId: kase.id, decisionId: decision });
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		const accepted = await acceptReferral(db, rep.actor, { referralId: r.id });
		if (!accepted.ok) throw new Error('not accepted');

		const view = await referralView(db, rep.actor, r.id);
		const seen = JSON.stringify([view, await incomingReferrals(db, rep.actor)]);
		for (const secret of [SECRET_NAME, 'ครอบครัวลับ', 'บ้านเลขที่ลับ', '0899999999']) expect(seen).not.toContain(secret);
		expect(view.referral.case_code).toBe(kase.code);
		expect(view.canOpenCase).toBe(false);
		// The decision is the sending side's: the receiver learns there is one, not what it says.
		expect(view.referral.decision_text).toBeNull();
		expect(seen).not.toContain('ที่ประชุมกรณีให้ส่งต่อบ้านพัก');
		const mine = await referralView(db, sender.actor, r.id);
		expect(mine.referral.decision_text).toBe('ที่ประชุมกรณีให้ส่งต่อบ้านพัก');
		expect(mine.canOpenCase).toBe(true);
		expect(JSON.stringify(mine)).not.toContain(SECRET_NAME);

		// The follow-up action names the case by its code only.
		const action = await db.selectFrom('action_item').select(['title', 'case_id']).where('id', '=', accepted.actionItemId!).executeTakeFirstOrThrow();
		expect(action).toEqual({ title: `ส่งต่อกรณี ${kase.code}`, case_id: kase.id });
		const audit = await db.selectFrom('audit_event').select('detail').where('target_id', '=', r.id).execute();
		expect(JSON.stringify(audit)).not.toContain(SECRET_NAME);
	});

	it('is made for a case by its team only, from the case’s body, with that case’s conference decisions', async () => {
		const { db, input, sender, district, s, rep } = await setting();
		const kase = await makeCase(db, district.id, [{ userId: sender.id, organisationId: sender.organisationId }]);
		const other = await makeCase(db, district.id, [{ userId: sender.id, organisationId: sender.organisationId }]);
		const conference = await followupMeeting(db, { bodyId: district.id, startsAt: new Date() });
		await db.updateTable('meeting').set({ kind: 'case_conference', case_id: other.id }).where('id', '=', conference).execute();
		const otherDecision = await followupDecision(db, { meetingId: conference, text: 'มติของอีกกรณี', lead: sender.organisationId });
		const forCase = { ...input(), bodyId: undefined, caseId: kase.id };
		// The body's chair is not on the team: the case does not exist for them.
		expect(await refusal(sendReferral(db, s.chair!.actor, { ...forCase, fromOrganisationId: s.chair!.organisationId }))).toBe(404);
		expect(await refusal(sendReferral(db, sender.actor, { ...forCase, caseId: 'x' }))).toBe(404);
		expect(await sendReferral(db, sender.actor, { ...forCase, decisionId: otherDecision })).toEqual({
			ok: false,
			errors: { decisionId: 'decision_not_on_body' }
		});
		// A conference decision does not travel with a referral made without its case either.
		expect(await sendReferral(db, sender.actor, input({ decisionId: otherDecision }))).toEqual({ ok: false, errors: { decisionId: 'decision_not_on_body' } });
		const made = await sendReferral(db, sender.actor, forCase);
		if (!made.ok) throw new Error(JSON.stringify(made.errors));
		expect((await db.selectFrom('referral').select('body_id').where('id', '=', made.id).executeTakeFirstOrThrow()).body_id).toBe(district.id);
		expect((await referralsOfCase(db, sender.actor, kase.id)).map((r) => r.id)).toEqual([made.id]);
		expect(await refusal(referralsOfCase(db, rep.actor, kase.id))).toBe(404);
		expect(await refusal(referralsOfCase(db, s.chair!.actor, kase.id))).toBe(404);
		// Outgoing for the team; a colleague on the body who is not on the team does not see case referrals.
		expect((await outgoingReferrals(db, sender.actor)).map((r) => r.id)).toContain(made.id);
		expect((await outgoingReferrals(db, s.secretary!.actor)).map((r) => r.id)).not.toContain(made.id);
		await db.updateTable('case_file').set({ status: 'closed' }).where('id', '=', kase.id).execute();
		expect(await sendReferral(db, sender.actor, forCase)).toEqual({ ok: false, errors: { caseId: 'case_closed' } });
	});

	it('offers a form with the sender’s seats, organisations by sector, bodies above and the body’s decisions', async () => {
		const { db, sender, district, province, s, outsider } = await setting();
		const held = await followupMeeting(db, { bodyId: district.id, startsAt: new Date() });
		const decision = await followupDecision(db, { meetingId: held, text: 'ให้ส่งต่อ', lead: sender.organisationId });
		const form = await referralForm(db, sender.actor, { bodyId: district.id, decisionId: decision });
		expect(form.fromOrganisations.map((o) => o.id)).toEqual([sender.organisationId]);
		expect(form.ancestors.map((b) => b.id)).toEqual([province.id]);
		expect(form.decisions.map((d) => d.id)).toEqual([decision]);
		expect(form.decisionId).toBe(decision);
		expect(form.sectors.flatMap((x) => x.organisations).length).toBeGreaterThan(1);
		expect(await refusal(referralForm(db, s.observer!.actor, { bodyId: district.id }))).toBe(403);
		expect(await refusal(referralForm(db, outsider.actor, { caseId: crypto.randomUUID() }))).toBe(404);
		expect(await refusal(referralForm(db, outsider.actor, { intakeReportId: crypto.randomUUID() }))).toBe(404);
	});
});

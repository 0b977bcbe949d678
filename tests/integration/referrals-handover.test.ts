import { expect, it } from 'vitest';
import { handOver } from '../../server/handover/service';
import { acceptReferral, completeReferral, sendReferral, startReferral, type SendInput } from '../../server/referrals/service';
import { describeEachEngine } from '../support/database';
import { makeBody, makeOrganisation, makeUser, seatOn } from '../support/factories';
import { bangkokToday } from '../../src/lib/calendar';

describeEachEngine('hand-over of referrals', (use) => {
	async function setting() {
		const { db } = use();
		const body = await makeBody(db, { roles: ['chair', 'member'] });
		const other = await makeBody(db, { roles: ['chair'] });
		const leaving = body.seats.member!;
		const successor = await makeUser(db);
		const input = (o: Partial<SendInput>): SendInput => ({
			bodyId: body.id,
			fromOrganisationId: leaving.organisationId,
			reason: 'ขอรับบริการ',
			urgency: 'routine',
			shared: 'สรุปย่อ',
			consent: 'given',
			...o
		});
		return { db, body, other, leaving, successor, input };
	}

	it('leaves a trail on the pending referrals the predecessor sent or was handling, and none on finished ones', async () => {
		const { db, body, other, leaving, successor, input } = await setting();
		const receiver = await makeOrganisation(db);
		const receiverRep = await makeUser(db);
		await seatOn(db, { bodyId: other.id, userId: receiverRep.id, organisationId: receiver.id, role: 'member' });
		const send = async (actor = leaving.actor, o: Partial<SendInput> = {}) => {
			const r = await sendReferral(db, actor, input({ toOrganisationId: receiver.id, ...o }));
			if (!r.ok) throw new Error(JSON.stringify(r.errors));
			return r.id;
		};
		const sent = await send();
		const finished = await send();
		await acceptReferral(db, receiverRep.actor, { referralId: finished });
		await completeReferral(db, receiverRep.actor, { referralId: finished, text: 'เรียบร้อย' });
		// One the leaving member is handling for their organisation, sent from another body.
		const colleague = other.seats.chair!;
		const incoming = await sendReferral(db, colleague.actor, {
			...input({ toOrganisationId: leaving.organisationId }),
			bodyId: other.id,
			fromOrganisationId: colleague.organisationId
		});
		if (!incoming.ok) throw new Error(JSON.stringify(incoming.errors));
		await acceptReferral(db, leaving.actor, { referralId: incoming.id });
		// Someone else's referral from the same body is not touched.
		const chairs = await send(body.seats.chair!.actor, { fromOrganisationId: body.seats.chair!.organisationId });

		const r = await handOver(
			db,
			body.seats.chair!.actor,
			{ membershipId: leaving.membershipId, successorId: successor.id, note: 'ฝากติดตามต่อ', startsOn: bangkokToday() },
			null
		);
		expect(r).toMatchObject({ ok: true, referrals: 2 });
		const trail = await db
			.selectFrom('referral_update')
			.select(['referral_id', 'author_id', 'text'])
			.where('kind', '=', 'handed_over')
			.where('referral_id', 'in', [sent, finished, incoming.id, chairs])
			.execute();
		expect(trail.map((t) => t.referral_id).sort()).toEqual([sent, incoming.id].sort());
		expect(trail[0]).toMatchObject({ author_id: body.seats.chair!.id, text: `ผู้ใช้ ${leaving.username} → ผู้ใช้ ${successor.username}` });
		// The successor now answers for the organisation on the referral in hand; the predecessor no longer does.
		await expect(startReferral(db, leaving.actor, { referralId: incoming.id })).rejects.toMatchObject({ status: 404 });
		expect(await startReferral(db, successor.actor, { referralId: incoming.id })).toMatchObject({ ok: true, status: 'in_progress' });
	});
});

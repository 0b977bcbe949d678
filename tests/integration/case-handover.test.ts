import { expect, it } from 'vitest';
import { answerProposal, caseView, identityView } from '../../server/cases/service';
import { onCaseTeam } from '../../server/membership/case-team';
import { reassign } from '../../server/followup/lifecycle';
import { handOver } from '../../server/handover/service';
import { describeEachEngine } from '../support/database';
import { makeBody, makeUser, seatOn } from '../support/factories';
import { caseAction, caseScene, refusedWith, snapshot } from '../support/case-scene';
import { bangkokToday } from '../../src/lib/calendar';

describeEachEngine('hand-over and case teams', (use) => {
	const today = () => bangkokToday();
	const proposals = (caseId: string) =>
		use()
			.db.selectFrom('case_team_proposal')
			.select(['id', 'user_id', 'predecessor_id', 'status', 'waiting', 'decided_by'])
			.where('case_id', '=', caseId)
			.orderBy('proposed_at')
			.execute();
	const assignee = async (id: string) =>
		(await use().db.selectFrom('action_item').select('assignee_id').where('id', '=', id).executeTakeFirstOrThrow()).assignee_id;

	it('never puts the successor on a case team: the seat is vacated, the successor proposed, and the case’s open items wait with the team', async () => {
		const { db } = use();
		const s = await caseScene(db);
		const successor = await makeUser(db);
		const casework = await caseAction(db, { bodyId: s.body.id, caseId: s.caseId, organisationId: s.hospital.organisationId, assigneeId: s.hospital.id });
		const ordinary = await caseAction(db, { bodyId: s.body.id, caseId: s.caseId, organisationId: s.hospital.organisationId, assigneeId: s.hospital.id });
		await db.updateTable('action_item').set({ case_id: null }).where('id', '=', ordinary).execute();

		// The chair manages the body but is not on the case team.
		const r = await handOver(
			db,
			s.chair.actor,
			{ bodyId: s.body.id, membershipId: s.hospital.membershipId, successorId: successor.id, note: 'แฟ้มอยู่ที่ห้องจิตเวช', startsOn: today() },
			'198.51.100.4'
		);
		expect(r).toMatchObject({ ok: true, movedActions: 1, proposedCaseSeats: 1, waitingActions: 1 });

		expect(await onCaseTeam(db, successor.id, s.caseId)).toBe(false);
		expect(await onCaseTeam(db, s.hospital.id, s.caseId)).toBe(false);
		await expect(caseView(db, successor.actor, s.caseId, null)).rejects.toEqual(refusedWith(404));
		await expect(identityView(db, successor.actor, s.caseId, null)).rejects.toEqual(refusedWith(404));
		expect(await assignee(ordinary)).toBe(successor.id);
		expect(await assignee(casework)).toBeNull();
		const [p] = await proposals(s.caseId);
		expect(p).toMatchObject({ user_id: successor.id, predecessor_id: s.hospital.id, status: 'pending', waiting: [casework] });
		const entry = await db
			.selectFrom('action_update')
			.select(['kind', 'author_id', 'detail'])
			.where('action_item_id', '=', casework)
			.where('kind', '=', 'handed_over')
			.executeTakeFirstOrThrow();
		expect(entry).toMatchObject({ author_id: s.chair.id, detail: { from: s.hospital.id, to: null, proposal: p!.id } });

		// The team sees the vacancy; the lead answers it.
		const page = await caseView(db, s.secretary.actor, s.caseId, null);
		expect(page.proposals).toEqual([expect.objectContaining({ id: p!.id, user_id: successor.id, waiting: 1 })]);
		expect(page.team.map((t) => t.user_id)).toEqual([s.secretary.id]);
		expect(await answerProposal(db, s.secretary.actor, s.caseId, { proposalId: p!.id, answer: 'accept' }, null)).toEqual({ ok: true, moved: 1 });
		expect(await onCaseTeam(db, successor.id, s.caseId)).toBe(true);
		expect(await assignee(casework)).toBe(successor.id);
		expect((await caseView(db, successor.actor, s.caseId, null)).case.code).toBe(s.code);
		expect((await proposals(s.caseId))[0]).toMatchObject({ status: 'accepted', decided_by: s.secretary.id });

		const audited = await db
			.selectFrom('audit_event')
			.select(['action', 'actor_id', 'detail'])
			.where('target_id', '=', s.caseId)
			.where('action', 'like', 'case.team_%')
			.execute();
		expect(audited.map((a) => [a.action, a.actor_id])).toEqual(
			expect.arrayContaining([
				['case.team_propose', s.chair.id],
				['case.team_accept', s.secretary.id]
			])
		);
	});

	it('takes the team’s answer only from its lead and the body’s officers on it, and a refusal changes nothing', async () => {
		const { db } = use();
		const s = await caseScene(db);
		const successor = await makeUser(db);
		await handOver(
			db,
			s.chair.actor,
			{ bodyId: s.body.id, membershipId: s.hospital.membershipId, successorId: successor.id, note: 'ส่งต่อ', startsOn: today() },
			null
		);
		const [p] = await proposals(s.caseId);
		// A volunteer on the team: sees the case, does not change its team.
		const volunteer = await db
			.insertInto('case_team')
			.values({ case_id: s.caseId, user_id: s.volunteer.id, organisation_id: s.volunteer.organisationId })
			.returning('id')
			.executeTakeFirstOrThrow();
		expect(volunteer.id).toBeTruthy();

		const before = await snapshot(db);
		for (const [actor, status] of [
			[s.volunteer.actor, 403],
			[s.chair.actor, 404],
			[s.police.actor, 404],
			[s.admin.actor, 404],
			[successor.actor, 404]
		] as const) {
			await expect(answerProposal(db, actor, s.caseId, { proposalId: p!.id, answer: 'accept' }, null)).rejects.toEqual(refusedWith(status));
		}
		expect(await snapshot(db)).toEqual(before);

		// The chair joins the team: an officer on it answers too.
		await db.insertInto('case_team').values({ case_id: s.caseId, user_id: s.chair.id, organisation_id: s.chair.organisationId }).execute();
		expect(await answerProposal(db, s.chair.actor, s.caseId, { proposalId: p!.id, answer: 'maybe' }, null)).toEqual({
			ok: false,
			errors: { answer: 'invalid' }
		});
		expect(await answerProposal(db, s.chair.actor, s.caseId, { proposalId: crypto.randomUUID(), answer: 'accept' }, null)).toEqual({
			ok: false,
			errors: { proposal: 'not_found' }
		});
		expect(await answerProposal(db, s.chair.actor, s.caseId, { proposalId: p!.id, answer: 'decline' }, null)).toEqual({ ok: true, moved: 0 });
		expect(await answerProposal(db, s.chair.actor, s.caseId, { proposalId: p!.id, answer: 'accept' }, null)).toEqual({
			ok: false,
			errors: { proposal: 'not_found' }
		});
		expect(await onCaseTeam(db, successor.id, s.caseId)).toBe(false);
	});

	it('leaves the items with the team when it declines, to be reassigned only within the team', async () => {
		const { db } = use();
		const s = await caseScene(db);
		const successor = await makeUser(db);
		const item = await caseAction(db, { bodyId: s.body.id, caseId: s.caseId, organisationId: s.hospital.organisationId, assigneeId: s.hospital.id });
		await handOver(
			db,
			s.chair.actor,
			{ bodyId: s.body.id, membershipId: s.hospital.membershipId, successorId: successor.id, note: 'ส่งต่อ', startsOn: today() },
			null
		);
		const [p] = await proposals(s.caseId);
		expect(await answerProposal(db, s.secretary.actor, s.caseId, { proposalId: p!.id, answer: 'decline' }, null)).toEqual({ ok: true, moved: 0 });
		expect(await assignee(item)).toBeNull();
		// The successor now sits for the hospital on the body but is off the team: the case's action is not theirs.
		expect(await reassign(db, s.secretary.actor, { actionItemId: item, assigneeId: successor.id, reason: 'ผู้แทนใหม่' }, null)).toEqual({
			ok: false,
			errors: { assigneeId: 'not_on_case_team' }
		});
		expect(await assignee(item)).toBeNull();
		expect(
			await reassign(
				db,
				s.secretary.actor,
				{ actionItemId: item, organisationId: s.secretary.organisationId, assigneeId: s.secretary.id, reason: 'ทีมรับไว้เอง' },
				null
			)
		).toMatchObject({ ok: true });
		expect(await assignee(item)).toBe(s.secretary.id);
	});

	it('lets nobody hand a seat to themselves, the administrator included, and puts no administrator on a team', async () => {
		const { db } = use();
		const s = await caseScene(db);
		const before = await snapshot(db);
		expect(
			await handOver(
				db,
				s.admin.actor,
				{ bodyId: s.body.id, membershipId: s.hospital.membershipId, successorId: s.admin.id, note: 'ขอรับแทน', startsOn: today() },
				null
			)
		).toEqual({ ok: false, errors: { successorId: 'self' } });
		expect(
			await handOver(
				db,
				s.chair.actor,
				{ bodyId: s.body.id, membershipId: s.secretary.membershipId, successorId: s.chair.id, note: 'รับแทน', startsOn: today() },
				null
			)
		).toEqual({ ok: false, errors: { successorId: 'self' } });
		expect(await snapshot(db)).toEqual(before);
		await expect(identityView(db, s.admin.actor, s.caseId, null)).rejects.toEqual(refusedWith(404));

		// Handed by the administrator to someone else, the seat still waits for the team.
		const successor = await makeUser(db);
		expect(
			await handOver(
				db,
				s.admin.actor,
				{ bodyId: s.body.id, membershipId: s.hospital.membershipId, successorId: successor.id, note: 'ส่งต่อ', startsOn: today() },
				null
			)
		).toMatchObject({ ok: true, proposedCaseSeats: 1 });
		expect(await onCaseTeam(db, s.admin.id, s.caseId)).toBe(false);
		expect(await onCaseTeam(db, successor.id, s.caseId)).toBe(false);
	});

	it('gives an outsider the chair hands a team seat to no way into the case until the team accepts', async () => {
		const { db } = use();
		const s = await caseScene(db);
		// A district-committee member outside the working group.
		const district = await makeBody(db, { roles: ['member'] });
		const outsider = district.seats.member!;
		expect(
			await handOver(
				db,
				s.chair.actor,
				{ bodyId: s.body.id, membershipId: s.secretary.membershipId, successorId: outsider.id, note: 'ส่งต่อ', startsOn: today() },
				null
			)
		).toMatchObject({ ok: true, proposedCaseSeats: 1 });
		await expect(identityView(db, outsider.actor, s.caseId, null)).rejects.toEqual(refusedWith(404));
		// The hospital's representative, the lead now, answers; the outsider cannot answer for themselves.
		const [p] = await proposals(s.caseId);
		await expect(answerProposal(db, outsider.actor, s.caseId, { proposalId: p!.id, answer: 'accept' }, null)).rejects.toEqual(refusedWith(404));
		expect((await caseView(db, s.hospital.actor, s.caseId, null)).team).toEqual([expect.objectContaining({ user_id: s.hospital.id, lead: true })]);
		expect(await answerProposal(db, s.hospital.actor, s.caseId, { proposalId: p!.id, answer: 'accept' }, null)).toMatchObject({ ok: true });
		expect(await identityView(db, outsider.actor, s.caseId, null)).toMatchObject({ documents: [] });
	});

	it('passes a proposal still waiting on to the next successor, with the items that wait for it', async () => {
		const { db } = use();
		const s = await caseScene(db);
		const first = await makeUser(db);
		const second = await makeUser(db);
		const item = await caseAction(db, { bodyId: s.body.id, caseId: s.caseId, organisationId: s.hospital.organisationId, assigneeId: s.hospital.id });
		const r1 = await handOver(
			db,
			s.chair.actor,
			{ bodyId: s.body.id, membershipId: s.hospital.membershipId, successorId: first.id, note: 'ส่งต่อ', startsOn: today() },
			null
		);
		if (!r1.ok) throw new Error(JSON.stringify(r1.errors));
		const r2 = await handOver(
			db,
			s.chair.actor,
			{ bodyId: s.body.id, membershipId: r1.membershipId, successorId: second.id, note: 'ส่งต่ออีกครั้ง', startsOn: today() },
			null
		);
		expect(r2).toMatchObject({ ok: true, proposedCaseSeats: 1, waitingActions: 0 });
		const [a, b] = await proposals(s.caseId);
		expect(a).toMatchObject({ user_id: first.id, status: 'superseded' });
		expect(b).toMatchObject({ user_id: second.id, status: 'pending', waiting: [item], predecessor_id: first.id });
		expect(await answerProposal(db, s.secretary.actor, s.caseId, { proposalId: b!.id, answer: 'accept' }, null)).toEqual({ ok: true, moved: 1 });
		expect(await assignee(item)).toBe(second.id);
		expect(await onCaseTeam(db, first.id, s.caseId)).toBe(false);
	});

	it('accepts no successor whose new seat has already ended', async () => {
		const { db } = use();
		const s = await caseScene(db);
		const successor = await makeUser(db);
		const r = await handOver(
			db,
			s.chair.actor,
			{ bodyId: s.body.id, membershipId: s.hospital.membershipId, successorId: successor.id, note: 'ส่งต่อ', startsOn: today() },
			null
		);
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		await db.updateTable('membership').set({ starts_on: '2020-06-01', ends_on: '2021-01-01' }).where('id', '=', r.membershipId).execute();
		const [p] = await proposals(s.caseId);
		expect(await answerProposal(db, s.secretary.actor, s.caseId, { proposalId: p!.id, answer: 'accept' }, null)).toEqual({
			ok: false,
			errors: { proposal: 'seat_ended' }
		});
		expect(await onCaseTeam(db, successor.id, s.caseId)).toBe(false);
		// A seat on another body of the same person is no way around it.
		const other = await makeBody(db);
		await seatOn(db, { bodyId: other.id, userId: successor.id, organisationId: s.hospital.organisationId, role: 'member' });
		expect(await onCaseTeam(db, successor.id, s.caseId)).toBe(false);
	});
});

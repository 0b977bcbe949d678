import { expect, it } from 'vitest';
import { AccessDenied, can } from '../../server/access';
import { createBody, createOrganisation, setOrganisationActive } from '../../server/network/admin';
import { handOver } from '../../server/handover/service';
import { seatsDuring } from '../../server/network/repository/seats';
import { bodyPage, endMembership, myBodies, networkTree, publicDirectory } from '../../server/network/service';
import { describeEachEngine } from '../support/database';
import { makeAction, makeBody, makeUser } from '../support/factories';

describeEachEngine('who may see and manage a body', (use) => {
	it('lets members read, chair and secretary manage, observers only read, and outsiders nothing', async () => {
		const { db } = use();
		const body = await makeBody(db, { roles: ['chair', 'secretary', 'member', 'observer'] });
		const outsider = await makeUser(db);
		const admin = await makeUser(db, { admin: true });
		const r = { kind: 'body' as const, id: body.id };
		const s = body.seats;
		expect(await can(db, s.member!.actor, 'body.read', r)).toBe(true);
		expect(await can(db, s.member!.actor, 'body.manage', r)).toBe(false);
		expect(await can(db, s.observer!.actor, 'body.read', r)).toBe(true);
		expect(await can(db, s.observer!.actor, 'body.manage', r)).toBe(false);
		expect(await can(db, s.chair!.actor, 'body.manage', r)).toBe(true);
		expect(await can(db, s.secretary!.actor, 'body.manage', r)).toBe(true);
		expect(await can(db, outsider.actor, 'body.read', r)).toBe(false);
		expect(await can(db, null, 'body.read', r)).toBe(false);
		expect(await can(db, admin.actor, 'body.manage', r)).toBe(true);
		await expect(bodyPage(db, outsider.actor, body.id)).rejects.toBeInstanceOf(AccessDenied);
	});

	it('lets a parent body’s chair and secretary read, not manage, the bodies below', async () => {
		const { db } = use();
		const province = await makeBody(db, { roles: ['chair', 'secretary', 'member'] });
		const district = await makeBody(db, { parentId: province.id, roles: ['chair'] });
		const village = await makeBody(db, { parentId: district.id });
		const sibling = await makeBody(db);
		for (const seat of [province.seats.chair!, province.seats.secretary!]) {
			expect(await can(db, seat.actor, 'body.read', { kind: 'body', id: district.id })).toBe(true);
			expect(await can(db, seat.actor, 'body.read', { kind: 'body', id: village.id })).toBe(true);
			expect(await can(db, seat.actor, 'body.manage', { kind: 'body', id: district.id })).toBe(false);
			expect(await can(db, seat.actor, 'body.read', { kind: 'body', id: sibling.id })).toBe(false);
		}
		// A plain member of the parent does not see below.
		expect(await can(db, province.seats.member!.actor, 'body.read', { kind: 'body', id: district.id })).toBe(false);
		// The district chair does not see up.
		expect(await can(db, district.seats.chair!.actor, 'body.read', { kind: 'body', id: province.id })).toBe(false);
		const tree = await networkTree(db, district.seats.chair!.actor);
		const ids = tree.map((b) => b.id);
		expect(ids).toContain(district.id);
		expect(ids).toContain(province.id); // shown for context …
		expect(tree.find((b) => b.id === province.id)!.readable).toBe(false); // … but not readable
		expect(ids).not.toContain(sibling.id);
	});

	it('ends access when a seat ends, and lets an alternate read the body', async () => {
		const { db } = use();
		const body = await makeBody(db, { roles: ['chair', 'member'] });
		const alternate = await makeUser(db);
		await db.updateTable('membership').set({ alternate_user_id: alternate.id }).where('id', '=', body.seats.member!.membershipId).execute();
		expect(await can(db, alternate.actor, 'body.read', { kind: 'body', id: body.id })).toBe(true);
		expect(await endMembership(db, body.seats.chair!.actor, body.seats.member!.membershipId, { endsOn: '2020-06-30' }, null)).toEqual({ ok: true });
		expect(await can(db, body.seats.member!.actor, 'body.read', { kind: 'body', id: body.id })).toBe(false);
		expect(await can(db, alternate.actor, 'body.read', { kind: 'body', id: body.id })).toBe(false);
	});
});

describeEachEngine('hand-over on turnover', (use) => {
	it('moves exactly the predecessor’s open items on this body to the successor, with history', async () => {
		const { db } = use();
		const body = await makeBody(db, { roles: ['secretary', 'member'] });
		const other = await makeBody(db, { roles: ['member'] });
		const leaving = body.seats.member!;
		const org = leaving.organisationId;
		const open = await makeAction(db, { bodyId: body.id, organisationId: org, assigneeId: leaving.id });
		const inProgress = await makeAction(db, { bodyId: body.id, organisationId: org, assigneeId: leaving.id, status: 'in_progress' });
		const closed = await makeAction(db, { bodyId: body.id, organisationId: org, assigneeId: leaving.id, status: 'closed' });
		const elsewhere = await makeAction(db, { bodyId: other.id, organisationId: org, assigneeId: leaving.id });
		const someoneElse = await makeAction(db, { bodyId: body.id, organisationId: org, assigneeId: body.seats.secretary!.id });
		const successor = await makeUser(db);

		const r = await handOver(
			db,
			body.seats.secretary!.actor,
			{ membershipId: leaving.membershipId, successorId: successor.id, note: 'แฟ้มอยู่ที่ห้องธุรการ', startsOn: '2026-06-01' },
			null
		);
		expect(r).toMatchObject({ ok: true, movedActions: 2 });

		const assignees = Object.fromEntries(
			(await db.selectFrom('action_item').select(['id', 'assignee_id']).where('id', 'in', [open, inProgress, closed, elsewhere, someoneElse]).execute()).map(
				(a) => [a.id, a.assignee_id]
			)
		);
		expect(assignees[open]).toBe(successor.id);
		expect(assignees[inProgress]).toBe(successor.id);
		expect(assignees[closed]).toBe(leaving.id);
		expect(assignees[elsewhere]).toBe(leaving.id);
		expect(assignees[someoneElse]).toBe(body.seats.secretary!.id);

		const history = await db.selectFrom('action_update').selectAll().where('action_item_id', '=', open).execute();
		expect(history).toHaveLength(1);
		expect(history[0]).toMatchObject({ kind: 'handed_over', text: 'แฟ้มอยู่ที่ห้องธุรการ' });

		const seats = await db
			.selectFrom('membership')
			.selectAll()
			.where('body_id', '=', body.id)
			.where('organisation_id', '=', org)
			.orderBy('starts_on')
			.execute();
		expect(seats.map((s) => [s.user_id, s.starts_on, s.ends_on])).toEqual([
			[leaving.id, '2020-01-01', '2026-05-31'],
			[successor.id, '2026-06-01', null]
		]);
		expect(seats[1]).toMatchObject({ role: 'member', predecessor_id: leaving.membershipId, handover_note: 'แฟ้มอยู่ที่ห้องธุรการ' });

		const mine = await myBodies(db, successor.actor);
		expect(mine.find((m) => m.body_id === body.id)).toMatchObject({ handover_note: 'แฟ้มอยู่ที่ห้องธุรการ', handover_seen_at: null });
	});

	it('changes nothing when the hand-over is refused', async () => {
		const { db } = use();
		const body = await makeBody(db, { roles: ['chair', 'member', 'observer'] });
		const action = await makeAction(db, { bodyId: body.id, organisationId: body.seats.member!.organisationId, assigneeId: body.seats.member!.id });
		// The observer is already seated on the body.
		const r = await handOver(
			db,
			body.seats.chair!.actor,
			{ membershipId: body.seats.member!.membershipId, successorId: body.seats.observer!.id, note: 'x', startsOn: '2026-06-01' },
			null
		);
		expect(r).toEqual({ ok: false, errors: { successorId: 'already_seated' } });
		expect(
			(await db.selectFrom('membership').select('ends_on').where('id', '=', body.seats.member!.membershipId).executeTakeFirstOrThrow()).ends_on
		).toBeNull();
		expect((await db.selectFrom('action_item').select('assignee_id').where('id', '=', action).executeTakeFirstOrThrow()).assignee_id).toBe(
			body.seats.member!.id
		);
		// Missing note, same person, a plain member: each refused.
		const successor = await makeUser(db);
		expect(
			await handOver(
				db,
				body.seats.chair!.actor,
				{ membershipId: body.seats.member!.membershipId, successorId: successor.id, note: '  ', startsOn: '2026-06-01' },
				null
			)
		).toEqual({ ok: false, errors: { note: 'required' } });
		expect(
			await handOver(
				db,
				body.seats.chair!.actor,
				{ membershipId: body.seats.member!.membershipId, successorId: body.seats.member!.id, note: 'n', startsOn: '2026-06-01' },
				null
			)
		).toEqual({ ok: false, errors: { successorId: 'same_person' } });
		await expect(
			handOver(
				db,
				body.seats.observer!.actor,
				{ membershipId: body.seats.member!.membershipId, successorId: successor.id, note: 'n', startsOn: '2026-06-01' },
				null
			)
		).rejects.toBeInstanceOf(AccessDenied);
	});

	it('answers who represented an organisation on a body in a given year', async () => {
		const { db } = use();
		const body = await makeBody(db, { roles: ['chair', 'member'] });
		const first = body.seats.member!;
		const second = await makeUser(db);
		await handOver(db, body.seats.chair!.actor, { membershipId: first.membershipId, successorId: second.id, note: 'ส่งต่อ', startsOn: '2025-10-01' }, null);
		// Buddhist year 2568 = 2025.
		const in2568 = await seatsDuring(db, body.id, '2025-01-01', '2025-12-31');
		const names = in2568.filter((s) => s.organisation_id === first.organisationId).map((s) => s.display_name);
		expect(names).toEqual([`ผู้ใช้ ${first.username}`, `ผู้ใช้ ${second.username}`]);
		const in2569 = await seatsDuring(db, body.id, '2026-01-01', '2026-12-31');
		expect(in2569.filter((s) => s.organisation_id === first.organisationId).map((s) => s.display_name)).toEqual([`ผู้ใช้ ${second.username}`]);
	});
});

describeEachEngine('public directory', (use) => {
	it('lists bodies and organisations with contact points but people only when they opted in', async () => {
		const { db } = use();
		const body = await makeBody(db, { roles: ['chair', 'member'] });
		await db.updateTable('app_user').set({ directory_opt_in: true, phone: '081 234 5678' }).where('id', '=', body.seats.chair!.id).execute();
		await db.updateTable('app_user').set({ phone: '089 999 9999' }).where('id', '=', body.seats.member!.id).execute();
		const dir = await publicDirectory(db);
		const entry = dir.find((b) => b.id === body.id)!;
		expect(entry.organisations).toHaveLength(2);
		const text = JSON.stringify(entry);
		expect(text).toContain('081 234 5678');
		expect(text).not.toContain('089 999 9999');
		expect(text).not.toContain(body.seats.member!.username);
	});
});

describeEachEngine('administering the network', (use) => {
	it('lets an administrator add organisations and bodies, with each bad input named', async () => {
		const { db } = use();
		const admin = await makeUser(db, { admin: true });
		const member = await makeBody(db, { roles: ['chair'] });
		const area = await db.selectFrom('area').select('id').where('id', '=', member.areaId).executeTakeFirstOrThrow();
		const org = await createOrganisation(
			db,
			admin.actor,
			{
				nameTh: 'มูลนิธิทดสอบ',
				nameEn: 'Test Foundation',
				shortName: 'มทส.',
				sector: 'ngo',
				level: 'district',
				areaId: area.id,
				phone: '054 000 000',
				email: '',
				address: ''
			},
			null
		);
		expect(org).toMatchObject({ ok: true });
		const bad = await createOrganisation(
			db,
			admin.actor,
			{ nameTh: '', nameEn: 'x', shortName: 'x', sector: 'pirates', level: 'galaxy', areaId: 'nope', phone: 'call me', email: 'x@', address: '' },
			null
		);
		expect(bad).toEqual({
			ok: false,
			errors: { nameTh: 'required', sector: 'invalid', level: 'invalid', phone: 'invalid', email: 'invalid', areaId: 'invalid' }
		});
		if (!org.ok) throw new Error('refused');
		const body = await createBody(
			db,
			admin.actor,
			{
				nameTh: 'คณะทำงานตำบล',
				nameEn: 'Subdistrict group',
				kind: 'working_group',
				areaId: area.id,
				parentId: member.id,
				secretariatId: org.id,
				cadence: 'monthly',
				quorum: 'half'
			},
			null
		);
		expect(body).toMatchObject({ ok: true });
		// The chair of the parent body now oversees the new one.
		if (!body.ok) throw new Error('refused');
		expect(await can(db, member.seats.chair!.actor, 'body.read', { kind: 'body', id: body.id })).toBe(true);
		expect(await setOrganisationActive(db, admin.actor, org.id, false, null)).toBe(true);
		await expect(
			createBody(
				db,
				member.seats.chair!.actor,
				{ nameTh: 'x', nameEn: 'x', kind: 'committee', areaId: area.id, parentId: '', secretariatId: '', cadence: 'monthly', quorum: 'half' },
				null
			)
		).rejects.toBeInstanceOf(AccessDenied);
	});
});

import { expect, it } from 'vitest';
import { AccessDenied } from '../../server/access';
import { inviteUser, updatePerson, updateProfile } from '../../server/users/service';
import { describeEachEngine } from '../support/database';
import { makeUser } from '../support/factories';

describeEachEngine('a person’s title and official position', (use) => {
	const row = (id: string) => use().db.selectFrom('app_user').select(['display_name', 'name_title', 'position']).where('id', '=', id).executeTakeFirstOrThrow();

	it('are given at invitation and kept as typed, trimmed', async () => {
		const { db } = use();
		const admin = await makeUser(db, { admin: true });
		const r = await inviteUser(
			db,
			admin.actor,
			{
				username: `titled_${crypto.randomUUID().slice(0, 8)}`,
				displayName: 'วิชัย ศรีสุข',
				nameTitle: ' นาย ',
				position: 'ปลัดอำเภอ',
				email: null,
				phone: null,
				locale: 'th',
				isAdmin: false
			},
			null
		);
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		expect(await row(r.userId)).toEqual({ display_name: 'วิชัย ศรีสุข', name_title: 'นาย', position: 'ปลัดอำเภอ' });
	});

	it('are set by the person on their own profile', async () => {
		const { db } = use();
		const me = await makeUser(db);
		const r = await updateProfile(db, me.actor, { displayName: 'สมชาย บุญมา', nameTitle: 'ร.ต.อ.', position: 'รองสารวัตรสืบสวน', phone: '', locale: 'th' }, null);
		expect(r.ok).toBe(true);
		expect(await row(me.id)).toEqual({ display_name: 'สมชาย บุญมา', name_title: 'ร.ต.อ.', position: 'รองสารวัตรสืบสวน' });
	});

	it('are corrected by an administrator, audited; anyone else is refused, and an overlong value is refused by field', async () => {
		const { db } = use();
		const admin = await makeUser(db, { admin: true });
		const person = await makeUser(db);
		const other = await makeUser(db);
		expect(await updatePerson(db, admin.actor, person.id, { displayName: 'นันทนา ใจดี', nameTitle: 'นาง', position: 'พัฒนาการอำเภอ' }, null)).toEqual({
			ok: true
		});
		expect(await row(person.id)).toEqual({ display_name: 'นันทนา ใจดี', name_title: 'นาง', position: 'พัฒนาการอำเภอ' });
		const audits = await db
			.selectFrom('audit_event')
			.select(['actor_id', 'action'])
			.where('target_id', '=', person.id)
			.where('action', '=', 'user.update')
			.execute();
		expect(audits).toEqual([{ actor_id: admin.id, action: 'user.update' }]);

		await expect(updatePerson(db, other.actor, person.id, { displayName: 'x', nameTitle: '', position: '' }, null)).rejects.toBeInstanceOf(AccessDenied);
		expect(await updatePerson(db, admin.actor, person.id, { displayName: 'นันทนา ใจดี', nameTitle: 'ก'.repeat(41), position: 'ข'.repeat(161) }, null)).toEqual({
			ok: false,
			errors: { nameTitle: 'too_long', position: 'too_long' }
		});
		expect(await updatePerson(db, admin.actor, crypto.randomUUID(), { displayName: 'ใคร', nameTitle: '', position: '' }, null)).toMatchObject({ ok: false });
		expect((await row(person.id)).name_title).toBe('นาง');
	});
});

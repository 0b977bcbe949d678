import { expect, it } from 'vitest';
import { seedDemo } from '../../server/demo/seed';
import { verifyPassword } from '../../server/auth/password';
import { describeEachEngine } from '../support/database';

describeEachEngine('demo network', (use) => {
	it('seeds the Phayao network with the Dok Khamtai committee and working group', async () => {
		const { db } = use();
		const result = await seedDemo(db, new Date('2026-11-28T00:00:00Z'));
		expect(result.inserted).toBeGreaterThan(100);

		const districts = await db.selectFrom('area').select('name_en').where('level', '=', 'district').execute();
		expect(districts).toHaveLength(9);

		const committee = await db
			.selectFrom('body')
			.innerJoin('organisation', 'organisation.id', 'body.secretariat_organisation_id')
			.select(['body.id', 'organisation.short_name as secretariat'])
			.where('body.name_en', '=', 'Dok Khamtai District Committee against Human Trafficking')
			.executeTakeFirstOrThrow();
		expect(committee.secretariat).toBe('YMCA พะเยา');
		const seats = await db.selectFrom('membership').select('organisation_id').where('body_id', '=', committee.id).execute();
		expect(seats.length).toBeGreaterThanOrEqual(19);
		expect(new Set(seats.map((s) => s.organisation_id)).size).toBe(seats.length);

		const wgChair = await db
			.selectFrom('membership')
			.innerJoin('body', 'body.id', 'membership.body_id')
			.innerJoin('organisation', 'organisation.id', 'membership.organisation_id')
			.select(['organisation.sector'])
			.where('body.kind', '=', 'working_group')
			.where('membership.role', '=', 'chair')
			.executeTakeFirstOrThrow();
		expect(wgChair.sector).toBe('district_office');

		const admin = await db.selectFrom('app_user').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
		expect(admin.is_admin).toBe(true);
		expect(await verifyPassword(admin.password_hash!, result.password)).toBe(true);

		const meetings = await db.selectFrom('meeting').select(['status', 'starts_at']).execute();
		expect(meetings.some((m) => m.status === 'ended')).toBe(true);
		expect(meetings.some((m) => m.status === 'planned')).toBe(true);
	});

	it('changes nothing when run a second time', async () => {
		const { db } = use();
		const before = await db.selectFrom('membership').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		const again = await seedDemo(db, new Date('2026-12-15T00:00:00Z'));
		expect(again.inserted).toBe(0);
		const after = await db.selectFrom('membership').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		expect(after.n).toBe(before.n);
	});
});

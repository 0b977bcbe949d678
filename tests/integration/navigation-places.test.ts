import { expect, it } from 'vitest';
import { navigationPlaces } from '../../server/navigation/places';
import { describeEachEngine } from '../support/database';
import { makeBody, makeUser } from '../support/factories';

const ids = (places: { bodyId: string }[]) => places.map((p) => p.bodyId);

describeEachEngine('where the navigation sends each person', (use) => {
	it('gives the chair the outstanding view, the intake queue and the outcome report of the body they chair', async () => {
		const { db } = use();
		const body = await makeBody(db, { roles: ['chair', 'secretary', 'vice_chair', 'member', 'observer'] });
		const s = body.seats;
		expect(await navigationPlaces(db, s.chair!.actor)).toEqual({
			followup: [expect.objectContaining({ bodyId: body.id })],
			intake: [expect.objectContaining({ bodyId: body.id })],
			reports: [expect.objectContaining({ bodyId: body.id })]
		});
		// The vice-chair follows up and triages, but outcome reports are prepared by the chair and the secretary.
		const vice = await navigationPlaces(db, s.vice_chair!.actor);
		expect([ids(vice.followup), ids(vice.intake), ids(vice.reports)]).toEqual([[body.id], [body.id], []]);
		// A member triages tips; the outstanding view and reports are for officers.
		expect(await navigationPlaces(db, s.member!.actor)).toMatchObject({ followup: [], intake: [{ bodyId: body.id }], reports: [] });
		expect(await navigationPlaces(db, s.observer!.actor)).toEqual({ followup: [], intake: [], reports: [] });
	});

	it('offers no intake queue for a body that receives no tips, and nothing to someone without a seat, administrators included', async () => {
		const { db } = use();
		const district = await makeBody(db, { roles: ['chair'] });
		// Tips go to district bodies only: a working group one level down has no intake queue.
		const below = await makeBody(db, { parentId: district.id, roles: ['chair'] });
		await db.updateTable('body').set({ level: 'subdistrict' }).where('id', '=', below.id).execute();
		const chair = await navigationPlaces(db, below.seats.chair!.actor);
		expect([ids(chair.followup), ids(chair.intake), ids(chair.reports)]).toEqual([[below.id], [], [below.id]]);
		// The district chair oversees the body below but is offered only the bodies of their own seats.
		expect(ids((await navigationPlaces(db, district.seats.chair!.actor)).followup)).toEqual([district.id]);
		const admin = await makeUser(db, { admin: true });
		expect(await navigationPlaces(db, admin.actor)).toEqual({ followup: [], intake: [], reports: [] });
		expect(await navigationPlaces(db, (await makeUser(db)).actor)).toEqual({ followup: [], intake: [], reports: [] });
	});
});

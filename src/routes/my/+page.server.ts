import { fail } from '@sveltejs/kit';
import { db, formFields, requireActor } from '$lib/server/http';
import { mine } from '$server/home/mine';
import { acknowledgeHandover, myBodies } from '$server/network/service';
import { roleWording } from '$server/network/terms';
import * as field from '$server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const [bodies, { meetings, actions, actionCount }] = await Promise.all([myBodies(db(), actor), mine(db(), actor)]);
	const wording = await roleWording(
		db(),
		bodies.map((b) => b.body_id)
	);
	return { bodies, meetings, actions, actionCount, me: actor.userId, roles: Object.fromEntries(wording) };
};

export const actions: Actions = {
	acknowledge: async (event) => {
		const actor = requireActor(event);
		const id = field.check(field.uuid, (await formFields(event.request)).membership);
		if (!id.ok) return fail(400, { message: 'invalid' });
		await acknowledgeHandover(db(), actor, id.value);
		return { saved: true };
	}
};

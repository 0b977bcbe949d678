import { call, db, formFields, requireActor } from '$lib/server/http';
import { listNotifications, markRead } from '$server/notifications/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return { notifications: await call(listNotifications(db(), actor, event.locals.locale)), isAdmin: actor.isAdmin };
};

export const actions: Actions = {
	read: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		await call(markRead(db(), actor, [f.id]));
		return { read: true };
	},
	readAll: async (event) => {
		await call(markRead(db(), requireActor(event), 'all'));
		return { read: true };
	}
};

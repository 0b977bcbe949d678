import { call, db, formFields, requireActor } from '$lib/server/http';
import { failedMail, retryMail } from '$server/notifications/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => call(failedMail(db(), requireActor(event)));

export const actions: Actions = {
	retry: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		return { retried: await call(retryMail(db(), actor, f.id, event.locals.clientAddress)) };
	}
};

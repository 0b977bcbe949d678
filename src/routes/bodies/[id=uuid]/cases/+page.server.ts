import { fail, redirect } from '@sveltejs/kit';
import { call, db, formFields, requireActor } from '$lib/server/http';
import { listCases, openCase } from '$server/cases/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return call(listCases(db(), actor, event.params.id));
};

export const actions: Actions = {
	open: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(
			openCase(db(), actor, { bodyId: event.params.id, category: f.category, sex: f.sex, ageBand: f.ageBand, openedOn: f.openedOn }, event.locals.clientAddress)
		);
		if (!r.ok) return fail(400, { errors: r.errors, values: f });
		redirect(303, `/cases/${r.id}`);
	}
};

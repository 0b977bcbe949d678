import { fail } from '@sveltejs/kit';
import { call, db, requireActor } from '$lib/server/http';
import { refreshReport, reportView, submitReport } from '$server/outcomes/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return { report: await call(reportView(db(), actor, event.params.id, event.locals.clientAddress)) };
};

export const actions: Actions = {
	submit: async (event) => {
		const actor = requireActor(event);
		const r = await call(submitReport(db(), actor, event.params.id, event.locals.clientAddress));
		if (!r.ok) return fail(400, { errors: r.errors });
		return { done: 'submitted' as const };
	},
	refresh: async (event) => {
		const actor = requireActor(event);
		const r = await call(refreshReport(db(), actor, event.params.id, event.locals.clientAddress));
		if (!r.ok) return fail(400, { errors: r.errors });
		return { done: 'refreshed' as const };
	}
};

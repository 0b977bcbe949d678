import { fail, redirect } from '@sveltejs/kit';
import { call, db, formFields, requireActor } from '$lib/server/http';
import { bodyReports } from '$server/outcomes/overview';
import { prepareReport } from '$server/outcomes/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return call(bodyReports(db(), actor, event.params.id, event.url.searchParams.get('quarter'), event.locals.clientAddress));
};

export const actions: Actions = {
	prepare: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const period = f.mode === 'custom' ? { periodStart: f.periodStart, periodEnd: f.periodEnd } : { quarter: f.quarter };
		const r = await call(prepareReport(db(), actor, event.params.id, period, event.locals.clientAddress));
		if (!r.ok) return fail(400, { errors: r.errors, values: f });
		redirect(303, `/reports/${r.id}`);
	}
};

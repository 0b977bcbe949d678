import { error, fail, redirect } from '@sveltejs/kit';
import { call, db, formFields, requireActor, notFound } from '$lib/server/http';
import { intakeForCase, openCase } from '$server/cases/service';
import type { Actions, PageServerLoad } from './$types';

/** Opens a case from an intake report: `/bodies/<id>/cases/new?intake=<report id>`. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const bodyId = event.params.id;
	const reportId = event.url.searchParams.get('intake');
	if (!reportId) redirect(303, `/bodies/${bodyId}/cases`);
	const found = await call(intakeForCase(db(), actor, bodyId, reportId, event.locals.clientAddress));
	if (!found) error(404, notFound());
	return found;
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(
			openCase(
				db(),
				actor,
				{ bodyId: event.params.id, category: f.category, sex: f.sex, ageBand: f.ageBand, openedOn: f.openedOn, intakeReportId: f.intakeReportId },
				event.locals.clientAddress
			)
		);
		if (!r.ok) return fail(400, { errors: r.errors, values: f });
		redirect(303, `/cases/${r.id}`);
	}
};

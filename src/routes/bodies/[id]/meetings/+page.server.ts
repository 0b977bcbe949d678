import { error, fail } from '@sveltejs/kit';
import { call, db, formFields, requireActor, uuidParam } from '$lib/server/http';
import { bodyPage } from '$server/network/service';
import { listForBody, schedule } from '$server/meetings/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = uuidParam(event.params.id);
	const page = await call(bodyPage(db(), actor, id));
	if (!page) error(404, 'Not found');
	return { body: page.body, ...(await call(listForBody(db(), actor, id))) };
};

export const actions: Actions = {
	schedule: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(schedule(db(), actor, uuidParam(event.params.id), { title: f.title, kind: f.kind, date: f.date, time: f.time, place: f.place, onlineUrl: f.onlineUrl, repeat: f.repeat, count: f.count }, event.locals.clientAddress));
		if (!r.ok) return fail(400, { errors: r.errors, values: f });
		return { scheduled: r.ids.length };
	}
};

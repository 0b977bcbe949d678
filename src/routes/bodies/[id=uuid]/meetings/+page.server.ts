import { error, fail } from '@sveltejs/kit';
import { call, db, formFields, requireActor, notFound } from '$lib/server/http';
import { bodyPage } from '$server/network/service';
import { bodyTemplate, listForBody, schedule, updateTemplate } from '$server/meetings/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = event.params.id;
	const page = await call(bodyPage(db(), actor, id));
	if (!page) error(404, notFound());
	const list = await call(listForBody(db(), actor, id));
	return { body: page.body, ...list, template: list.canSchedule ? await call(bodyTemplate(db(), actor, id)) : [] };
};

export const actions: Actions = {
	template: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const col = (k: string) => form.getAll(k).map((x) => (typeof x === 'string' ? x : ''));
		const th = col('titleTh'),
			en = col('titleEn'),
			minutes = col('minutes'),
			standing = col('standing');
		const rows = th.map((t, i) => ({ titleTh: t, titleEn: en[i], minutes: minutes[i], standing: standing[i] }));
		const r = await call(updateTemplate(db(), actor, event.params.id, rows, event.locals.clientAddress));
		if (!r.ok) return fail(400, { form: 'template' as const, templateErrors: r.errors });
		return { form: 'template' as const, templateSaved: true };
	},
	schedule: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(
			schedule(
				db(),
				actor,
				event.params.id,
				{ title: f.title, kind: f.kind, date: f.date, time: f.time, place: f.place, onlineUrl: f.onlineUrl, repeat: f.repeat, count: f.count },
				event.locals.clientAddress
			)
		);
		if (!r.ok) return fail(400, { errors: r.errors, values: f });
		return { scheduled: r.ids.length };
	}
};

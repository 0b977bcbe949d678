import { fail } from '@sveltejs/kit';
import { call, db, formFields, requireActor } from '$lib/server/http';
import { identityView, saveIdentity, uploadDocument } from '$server/cases/service';
import type { Actions, PageServerLoad } from './$types';

/** The restricted record: never cached, every view audited by the service. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	event.setHeaders({ 'cache-control': 'no-store' });
	return call(identityView(db(), actor, event.params.id, event.locals.clientAddress));
};

export const actions: Actions = {
	save: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(
			saveIdentity(
				db(),
				actor,
				event.params.id,
				{ fullName: f.fullName, family: f.family, address: f.address, dateOfBirth: f.dateOfBirth, contact: f.contact, notes: f.notes },
				event.locals.clientAddress
			)
		);
		if (!r.ok) return fail(400, { form: 'save' as const, errors: r.errors, values: f });
		return { form: 'save' as const, saved: true };
	},
	upload: async (event) => {
		const actor = requireActor(event);
		const caseId = event.params.id;
		const data = await event.request.formData();
		const file = data.get('file');
		const content = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
		const r = await call(uploadDocument(db(), actor, caseId, { filename: file instanceof File ? file.name : '', content }, event.locals.clientAddress));
		if (!r.ok) return fail(400, { form: 'upload' as const, errors: r.errors });
		return { form: 'upload' as const, saved: true };
	}
};

import { fail } from '@sveltejs/kit';
import { call, db, formFields, requireActor } from '$lib/server/http';
import { createBody, createOrganisation, networkAdmin, setOrganisationActive } from '$server/network/admin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => call(networkAdmin(db(), requireActor(event)));

export const actions: Actions = {
	organisation: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(
			createOrganisation(
				db(),
				actor,
				{
					nameTh: f.nameTh,
					nameEn: f.nameEn,
					shortName: f.shortName,
					sector: f.sector,
					level: f.level,
					areaId: f.areaId,
					phone: f.phone,
					email: f.email,
					address: f.address
				},
				event.locals.clientAddress
			)
		);
		if (!r.ok) return fail(400, { form: 'organisation' as const, errors: r.errors, values: f });
		return { form: 'organisation' as const, created: r.id };
	},
	body: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(
			createBody(
				db(),
				actor,
				{
					nameTh: f.nameTh,
					nameEn: f.nameEn,
					kind: f.kind,
					areaId: f.areaId,
					parentId: f.parentId,
					secretariatId: f.secretariatId,
					cadence: f.cadence,
					quorum: f.quorum
				},
				event.locals.clientAddress
			)
		);
		if (!r.ok) return fail(400, { form: 'body' as const, errors: r.errors, values: f });
		return { form: 'body' as const, created: r.id };
	},
	toggle: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		await call(setOrganisationActive(db(), actor, f.id, f.active === 'true', event.locals.clientAddress));
		return { form: 'toggle' as const };
	}
};

import { fail } from '@sveltejs/kit';
import { call, db, formFields, requireActor } from '$lib/server/http';
import { can } from '$server/access';
import { recordReport } from '$server/intake/service';
import { dismissReport, putOnAgenda, triageQueue } from '$server/intake/triage';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = event.params.id;
	const reports = await call(triageQueue(db(), actor, id, event.locals.clientAddress));
	const body = await db().selectFrom('body').select(['id', 'name_th', 'name_en']).where('id', '=', id).executeTakeFirstOrThrow();
	return { body, reports, canRecord: await can(db(), actor, 'intake.record', { kind: 'body', id }) };
};

export const actions: Actions = {
	record: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(
			recordReport(
				db(),
				actor,
				{
					bodyId: event.params.id,
					channel: f.channel,
					kind: f.kind,
					message: f.message,
					location: f.location,
					contactName: f.contactName,
					contactPhone: f.contactPhone,
					contactEmail: f.contactEmail
				},
				event.locals.clientAddress
			)
		);
		if (!r.ok) return fail(400, { form: 'record' as const, errors: r.errors, values: f });
		return { form: 'record' as const, reference: r.reference };
	},
	dismiss: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(dismissReport(db(), actor, { id: f.id, reason: f.reason }, event.locals.clientAddress));
		if (!r.ok) return fail(400, { form: 'row' as const, id: f.id, errors: r.errors });
		return { form: 'row' as const };
	},
	agenda: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(putOnAgenda(db(), actor, { id: f.id }, event.locals.clientAddress));
		if (!r.ok) return fail(400, { form: 'row' as const, id: f.id, errors: r.errors });
		return { form: 'row' as const };
	}
};

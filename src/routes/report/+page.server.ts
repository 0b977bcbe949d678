import { fail } from '@sveltejs/kit';
import { db, formFields } from '$lib/server/http';
import { issueFormToken } from '$server/intake/form-token';
import { receivingBodies, submitPublicReport } from '$server/intake/service';
import type { Actions, PageServerLoad } from './$types';

/** Public: no sign-in. */
export const load: PageServerLoad = async () => ({ districts: await receivingBodies(db()), formToken: issueFormToken() });

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const f = await formFields(request);
		const r = await submitPublicReport(
			db(),
			{
				bodyId: f.bodyId,
				kind: f.kind,
				message: f.message,
				location: f.location,
				contactName: f.contactName,
				contactPhone: f.contactPhone,
				contactEmail: f.contactEmail,
				formToken: f.formToken,
				website: f.website
			},
			locals.clientAddress
		);
		if (!r.ok) {
			const { formToken: _t, website: _w, ...values } = f;
			return fail(r.errors.form === 'throttled' ? 429 : 400, {
				errors: r.errors,
				retryAfterMinutes: r.retryAfterMinutes ?? null,
				values,
				formToken: issueFormToken()
			});
		}
		return { reference: r.reference };
	}
};

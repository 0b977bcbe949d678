import { fail, redirect } from '@sveltejs/kit';
import { db, formFields } from '$lib/server/http';
import { inspectLink } from '$server/auth/links';
import { completeLink } from '$server/users/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const link = await inspectLink(db(), params.token);
	return link.status === 'valid'
		? { status: link.status, purpose: link.purpose, displayName: link.displayName, username: link.username }
		: { status: link.status };
};

export const actions: Actions = {
	default: async ({ params, request, locals }) => {
		const f = await formFields(request);
		const result = await completeLink(db(), params.token, { password: f.password, confirm: f.confirm }, locals.clientAddress);
		if (!result.ok) return fail(400, { errors: result.errors });
		redirect(303, '/signin?welcome=1');
	}
};

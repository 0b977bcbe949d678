import { fail } from '@sveltejs/kit';
import { db, formFields } from '$lib/server/http';
import { parseUnsubscribe } from '$server/notifications/unsubscribe';
import { unsubscribe } from '$server/notifications/service';
import type { Actions, PageServerLoad } from './$types';

// Opening the link only asks: mail scanners follow links, and must not unsubscribe anyone.
export const load: PageServerLoad = ({ url }) => {
	const token = url.searchParams.get('token') ?? '';
	const parsed = parseUnsubscribe(token);
	return { token, scope: parsed?.scope ?? null };
};

export const actions: Actions = {
	default: async (event) => {
		const f = await formFields(event.request);
		const r = await unsubscribe(db(), f.token, event.locals.clientAddress);
		if (!r.ok) return fail(400, { invalid: true });
		return { done: true, scope: r.scope };
	}
};

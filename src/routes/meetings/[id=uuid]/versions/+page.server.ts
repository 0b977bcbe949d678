import { fail } from '@sveltejs/kit';
import { call, db, formFields, requireActor } from '$lib/server/http';
import { restoreFromVersion, versionsPage } from '$server/meetings/versions';
import { runtime } from '$server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return call(versionsPage(db(), runtime().collab, actor, event.params.id, event.url.searchParams.get('v'), event.locals.clientAddress));
};

export const actions: Actions = {
	restore: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(
			restoreFromVersion(db(), runtime().collab, actor, event.params.id, { version: f.version, kind: f.kind, id: f.id }, event.locals.clientAddress)
		);
		if (!r.ok) return fail(400, { id: f.id ?? '', error: Object.values(r.errors)[0] ?? 'invalid' });
		return { id: f.id ?? '', restored: true };
	}
};

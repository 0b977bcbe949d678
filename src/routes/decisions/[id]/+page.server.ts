import { error } from '@sveltejs/kit';
import { call, db, requireActor } from '$lib/server/http';
import { decisionPage } from '$server/followup/decisions';
import * as v from '$server/validate';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = v.uuid(event.params.id);
	if (!id.ok) error(404, 'Not found');
	const page = await call(decisionPage(db(), actor, id.value));
	if (!page) error(404, 'Not found');
	return page;
};

import { error } from '@sveltejs/kit';
import { db, requireActor, notFound } from '$lib/server/http';
import { organisationPage } from '$server/network/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = event.params.id;
	const page = await organisationPage(db(), actor, id);
	if (!page) error(404, notFound());
	return page;
};

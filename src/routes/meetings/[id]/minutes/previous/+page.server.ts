import { error } from '@sveltejs/kit';
import { requireActor } from '$lib/server/http';
import * as v from '$server/validate';
import type { PageServerLoad } from './$types';

/** The approval item on a page of its own; the component loads its data from ./data. */
export const load: PageServerLoad = async (event) => {
	requireActor(event);
	const id = v.uuid(event.params.id);
	if (!id.ok) error(404, 'Not found');
	return { meetingId: id.value };
};

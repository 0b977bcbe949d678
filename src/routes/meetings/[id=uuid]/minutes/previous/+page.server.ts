import { call, db, requireActor } from '$lib/server/http';
import { openMinutesPage } from '$server/cases/conference';
import type { PageServerLoad } from './$types';

/** The approval item on a page of its own; the component loads its data from ./data. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = event.params.id;
	await call(openMinutesPage(db(), actor, id, 'minutes_previous', event.locals.clientAddress));
	return { meetingId: id };
};

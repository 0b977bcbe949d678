import { call, db, requireActor } from '$lib/server/http';
import { searchDecisions } from '$server/followup/decisions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const p = event.url.searchParams;
	return call(
		searchDecisions(db(), actor, {
			q: p.get('q'),
			organisationId: p.get('organisation'),
			bodyId: p.get('body'),
			from: p.get('from'),
			to: p.get('to'),
			page: p.get('page')
		})
	);
};

import { call, db, requireActor } from '$lib/server/http';
import { myCases } from '$server/cases/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return { cases: await call(myCases(db(), actor)) };
};

import { error } from '@sveltejs/kit';
import { call, db, requireActor } from '$lib/server/http';
import { bangkokToday } from '$server/network/repository';
import { followupOverview } from '$server/followup/overview';
import * as v from '$server/validate';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = v.uuid(event.params.id);
	if (!id.ok) error(404, 'Not found');
	// The completion period defaults to the last twelve months.
	const from = v.date(event.url.searchParams.get('from'));
	const to = v.date(event.url.searchParams.get('to'));
	const period = { from: from.ok ? from.value : bangkokToday(new Date(Date.now() - 365 * 24 * 3600_000)), to: to.ok ? to.value : bangkokToday() };
	const page = await call(followupOverview(db(), actor, id.value, period));
	if (!page) error(404, 'Not found');
	return page;
};

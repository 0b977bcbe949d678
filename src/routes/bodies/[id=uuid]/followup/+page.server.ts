import { error } from '@sveltejs/kit';
import { call, db, requireActor, notFound } from '$lib/server/http';
import { pageSize } from '$server/followup/board-pages';
import { decodeOutstandingCursor, isOutstandingList, outstandingPage } from '$server/followup/outstanding-pages';
import * as field from '$server/validate';
import type { PageServerLoad } from './$types';
import { bangkokToday } from '$lib/calendar';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = event.params.id;
	// The completion period defaults to the last twelve months.
	const from = field.check(field.date, event.url.searchParams.get('from'));
	const to = field.check(field.date, event.url.searchParams.get('to'));
	const period = { from: from.ok ? from.value : bangkokToday(new Date(Date.now() - 365 * 24 * 3600_000)), to: to.ok ? to.value : bangkokToday() };
	// The list read further and where it resumes live in the URL, so a view can be shared and reloaded.
	const list = event.url.searchParams.get('list');
	const limit = pageSize(event.url.searchParams.get('size'));
	const more = isOutstandingList(list) ? { list, after: decodeOutstandingCursor(event.url.searchParams.get('after')), limit } : { limit };
	const page = await call(outstandingPage(db(), actor, id, period, more));
	if (!page) error(404, notFound());
	return page;
};

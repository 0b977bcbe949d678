import { error, json } from '@sveltejs/kit';
import { call, db, requireActor, notFound } from '$lib/server/http';
import { pageSize } from '$server/followup/board-pages';
import { decodeOutstandingCursor, isOutstandingList, outstandingMore } from '$server/followup/outstanding-pages';
import type { RequestHandler } from './$types';

/** The next page of one list of the outstanding view, for "show more" without reloading the page. */
export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const id = event.params.id;
	const list = event.url.searchParams.get('list');
	if (!isOutstandingList(list)) error(400, 'Unknown list');
	const page = await call(
		outstandingMore(db(), actor, id, {
			list,
			after: decodeOutstandingCursor(event.url.searchParams.get('after')),
			limit: pageSize(event.url.searchParams.get('size'))
		})
	);
	if (!page) error(404, notFound());
	return json(page, { headers: { 'cache-control': 'private, no-store' } });
};

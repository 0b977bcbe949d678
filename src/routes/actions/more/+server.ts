import { error, json } from '@sveltejs/kit';
import { call, db, requireActor } from '$lib/server/http';
import { boardMore, decodeCursor, isBoardStatus, pageSize } from '$server/followup/board-pages';
import * as field from '$server/validate';
import type { RequestHandler } from './$types';

/** The next page of one board group, for "show more" without reloading the page. */
export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const q = event.url.searchParams;
	const group = q.get('group');
	if (!isBoardStatus(group)) error(400, 'Unknown group');
	const body = field.check(field.uuid, q.get('body'));
	const page = await call(
		boardMore(db(), actor, { group, bodyId: body.ok ? body.value : undefined, after: decodeCursor(q.get('after')), limit: pageSize(q.get('size')) })
	);
	return json(page, { headers: { 'cache-control': 'private, no-store' } });
};

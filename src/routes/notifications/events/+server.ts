import { error } from '@sveltejs/kit';
import { db } from '$lib/server/http';
import { bellStream } from '$server/notifications/live';
import type { RequestHandler } from './$types';

/** Server-Sent Events: the signed-in person's unread count, now and whenever it changes. */
export const GET: RequestHandler = async (event) => {
	const actor = event.locals.actor;
	if (!actor) error(401, 'Sign in first');
	return new Response(bellStream(db(), actor, event.locals.sessionId, event.request.signal), {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-cache, no-transform',
			'x-accel-buffering': 'no'
		}
	});
};

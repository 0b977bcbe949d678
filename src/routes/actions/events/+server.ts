import { error } from '@sveltejs/kit';
import { db } from '$lib/server/http';
import { actionStream } from '$server/followup/live';
import type { RequestHandler } from './$types';

/** Server-Sent Events: ids of actions that changed on bodies the user may read, so open boards reload. */
export const GET: RequestHandler = async (event) => {
	const actor = event.locals.actor;
	if (!actor) error(401, 'Sign in first');
	return new Response(actionStream(db(), actor, event.locals.sessionId, event.request.signal), {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-cache, no-transform',
			'x-accel-buffering': 'no'
		}
	});
};

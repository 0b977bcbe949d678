import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { AccessDenied, type Actor } from '$server/access';
import { runtime } from '$server/runtime';
import * as v from '$server/validate';

/** The database handle of this process. */
export const db = () => runtime().database.db;

/** Runs a service call, turning a refusal from the access module into a 403 or 404 page. */
export async function call<T>(promise: Promise<T>): Promise<T> {
	try {
		return await promise;
	} catch (e) {
		if (e instanceof AccessDenied) error(e.status, e.status === 404 ? 'Not found' : 'Forbidden');
		throw e;
	}
}

/** The signed-in actor, or a redirect to sign in and come back. */
export function requireActor(event: Pick<RequestEvent, 'locals' | 'url'>): Actor {
	if (!event.locals.actor) {
		redirect(303, `/signin?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	}
	return event.locals.actor;
}

/** Form values as strings; files and repeated keys are not expected here. */
export async function formFields(request: Request): Promise<Record<string, string>> {
	const form = await request.formData();
	const out: Record<string, string> = {};
	for (const [k, v] of form) if (typeof v === 'string' && !(k in out)) out[k] = v;
	return out;
}

/** A route's UUID parameter; anything else is a page that does not exist. */
export function uuidParam(raw: string): string {
	const id = v.uuid(raw);
	if (!id.ok) error(404, 'Not found');
	return id.value;
}

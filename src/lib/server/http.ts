import { error, redirect, type Handle, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { AccessDenied, type Actor } from '$server/access';
import { runtime } from '$server/runtime';

/** The database handle of this process. */
export const db = () => runtime().database.db;

/** The message of a 404: the same for what is not there and what the person may not see. */
export const notFound = () => m.error_not_found();

/**
 * Runs a service call, turning a refusal from the access module into a 403 or 404, said in the person's
 * language: a page shows its own error page; a download or an export opened in the browser shows the
 * message on `src/error.html`.
 */
export async function call<T>(promise: Promise<T>): Promise<T> {
	try {
		return await promise;
	} catch (e) {
		if (e instanceof AccessDenied) error(e.status, e.status === 404 ? notFound() : m.error_forbidden());
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

/**
 * Hands routes their `[…=uuid]` parameters in lower case, as ids are stored and
 * named (a document's `meeting:<id>`). The matcher (src/params/uuid.ts) takes
 * either case, so a path with capitals opens the same record as before.
 */
export const lowerCaseIds: Handle = ({ event, resolve }) => {
	const params: Partial<Record<string, string>> = event.params;
	for (const [, name = ''] of event.route.id?.matchAll(/\[(\w+)=uuid\]/g) ?? []) {
		const value = params[name];
		if (value) params[name] = value.toLowerCase();
	}
	return resolve(event);
};

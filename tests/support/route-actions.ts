import { isActionFailure, isHttpError, isRedirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from '../../server/access';
import type { SessionUser } from '../../server/auth/session';
import { lowerCaseIds } from '../../src/lib/server/http';
import { match as uuid } from '../../src/params/uuid';
import { pageServerModules } from './route-modules';

/** What a form posts: strings, repeated strings, files. */
export type FormValues = Record<string, string | string[] | File>;

/** The person behind a request, as the session hook would have set them. */
export interface Caller {
	user: SessionUser | null;
	sessionId: string | null;
}

/** A form action's answer, reduced to what the browser sees of it. */
export type Answer = { status: number; body: unknown } | { status: number; location: string } | { status: 500; thrown: string };

export const CLIENT_ADDRESS = '203.0.113.25';

type Action = (event: RequestEvent) => unknown;
const loaded = new Map<string, Promise<Record<string, Action>>>();

function actionsOf(route: string): Promise<Record<string, Action>> {
	let p = loaded.get(route);
	if (!p) {
		const m = pageServerModules().find((x) => x.route === route);
		if (!m) throw new Error(`no +page.server.ts for ${route}`);
		p = m.load();
		loaded.set(route, p);
	}
	return p;
}

/** The path of a route with its parameters filled in. */
export function pathOf(route: string, params: Record<string, string>): string {
	return route.replace(/\[(\w+)(?:=\w+)?\]/g, (_, k: string) => encodeURIComponent(params[k] ?? ''));
}

/** The app's parameter matchers (src/params), by name. */
const matchers: Record<string, (param: string) => boolean> = { uuid };

/** Whether a route's `[name=matcher]` parameters take these values; a path none takes reaches no route, and SvelteKit answers 404. */
export function paramsMatch(route: string, params: Record<string, string>): boolean {
	for (const [, name = '', matcher = ''] of route.matchAll(/\[(\w+)=(\w+)\]/g)) {
		const test = matchers[matcher];
		if (!test) throw new Error(`no matcher ${matcher} in src/params`);
		if (!test(params[name] ?? '')) return false;
	}
	return true;
}

/**
 * Calls a route's form action as SvelteKit would after the session hook:
 * a POST with the form, the route's params (404 when its matchers refuse
 * them; in lower case as the hook hands them on), the caller in `locals`. Cookies
 * are kept in a plain map; nothing else of the request is read by the actions.
 */
export async function invoke(route: string, action: string, o: { params?: Record<string, string>; form?: FormValues; caller: Caller }): Promise<Answer> {
	const params = { ...o.params };
	const url = new URL(`http://localhost${pathOf(route, params)}?/${action}`);
	const body = new FormData();
	for (const [k, v] of Object.entries(o.form ?? {})) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
	const request = new Request(url, { method: 'POST', body, headers: { origin: url.origin } });
	const event = requestEvent({ route, url, params, request, caller: o.caller });
	const fn = (await actionsOf(route))[action];
	if (!fn) throw new Error(`${route} has no action ${action}`);
	if (!paramsMatch(route, params)) return { status: 404, body: { message: 'Not Found' } };
	try {
		let result: unknown;
		await lowerCaseIds({ event, resolve: async (e) => ((result = await fn(e)), new Response()) });
		if (isActionFailure(result)) return { status: result.status, body: result.data };
		return { status: 200, body: result ?? null };
	} catch (e) {
		if (isRedirect(e)) return { status: e.status, location: e.location };
		if (isHttpError(e)) return { status: e.status, body: e.body };
		return { status: 500, thrown: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
	}
}

/**
 * A request event as SvelteKit hands it on after the session hook: the
 * caller in `locals`, cookies in a plain map, no fetch; `more` adds what a
 * load has besides (parent, depends).
 */
export function requestEvent(
	o: { route: string; url: URL; params: Record<string, string>; request: Request; caller: Caller },
	more: Record<string, unknown> = {}
): RequestEvent {
	const actor: Actor | null = o.caller.user ? { userId: o.caller.user.id, isAdmin: o.caller.user.is_admin } : null;
	return {
		request: o.request,
		url: o.url,
		params: o.params,
		route: { id: o.route },
		locals: { actor, user: o.caller.user, sessionId: o.caller.sessionId, clientAddress: CLIENT_ADDRESS, locale: 'th' },
		cookies: memoryCookies(),
		getClientAddress: () => CLIENT_ADDRESS,
		setHeaders: () => {},
		isDataRequest: false,
		isSubRequest: false,
		platform: undefined,
		fetch: () => Promise.reject(new Error('fetch is not expected here')),
		...more
	} as unknown as RequestEvent;
}

function memoryCookies(): Cookies {
	const jar = new Map<string, string>();
	return {
		get: (name: string) => jar.get(name),
		getAll: () => [...jar].map(([name, value]) => ({ name, value })),
		set: (name: string, value: string) => void jar.set(name, value),
		delete: (name: string) => void jar.delete(name),
		serialize: (name: string, value: string) => `${name}=${value}`
	} as unknown as Cookies;
}

/** The same answer with the given ids replaced by a placeholder, to compare a refusal with the answer for an unknown id. */
export function withoutIds(answer: Answer, ids: string[]): unknown {
	let s = JSON.stringify(answer);
	for (const id of ids) s = s.split(id).join('<id>');
	return JSON.parse(s);
}

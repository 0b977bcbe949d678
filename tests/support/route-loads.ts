import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isHttpError, isRedirect, type RequestEvent } from '@sveltejs/kit';
import { lowerCaseIds } from '../../src/lib/server/http';
import { paramsMatch, pathOf, requestEvent, type Caller } from './route-actions';

/**
 * What a person reads of the app: every `load` of a `+page.server.ts` or
 * `+layout.server.ts` and every `GET` of a `+server.ts`, found by walking
 * src/routes as SvelteKit does and called as SvelteKit would after the session
 * hook. A sweep over these reaches pages added later without being told of them.
 */

const ROUTES = join(process.cwd(), 'src', 'routes');

export type ReadKind = 'page' | 'layout' | 'endpoint';

export interface ReadRoute {
	/** The route id as SvelteKit names it, e.g. `/meetings/[id=uuid]`. */
	route: string;
	kind: ReadKind;
	file: string;
}

const FILES: Record<string, ReadKind> = {
	'+page.server.ts': 'page',
	'+page.server.js': 'page',
	'+layout.server.ts': 'layout',
	'+layout.server.js': 'layout',
	'+server.ts': 'endpoint',
	'+server.js': 'endpoint'
};

/** Every server file of src/routes that answers a GET: pages' and layouts' loads, endpoints' GET. */
export function readRoutes(dir = ROUTES): ReadRoute[] {
	const found: ReadRoute[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) found.push(...readRoutes(path));
		else if (FILES[entry.name]) found.push({ route: '/' + relative(ROUTES, dir).split(sep).filter(Boolean).join('/'), kind: FILES[entry.name]!, file: path });
	}
	return found.sort((a, b) => a.route.localeCompare(b.route) || a.kind.localeCompare(b.kind));
}

/** The names of a route's parameters, e.g. `['id', 'format']`. */
export const paramNames = (route: string): string[] => [...route.matchAll(/\[(\w+)(?:=\w+)?\]/g)].map((m) => m[1]!);

/**
 * What the browser would get from one read, as text to search: the load's
 * data as JSON, an endpoint's body, or the redirect's location or the error's
 * body. `skipped` says why nothing was read (no load, a binary file).
 */
export interface Reading {
	status: number;
	kind: 'data' | 'body' | 'redirect' | 'error' | 'thrown' | 'skipped';
	text: string;
	contentType?: string;
}

type Handler = (event: RequestEvent) => unknown;
const modules = new Map<string, Promise<Record<string, unknown>>>();

function handlerOf(r: ReadRoute): Promise<Handler | undefined> {
	let m = modules.get(r.file);
	if (!m) {
		m = import(/* @vite-ignore */ r.file) as Promise<Record<string, unknown>>;
		modules.set(r.file, m);
	}
	return m.then((x) => (r.kind === 'endpoint' ? x.GET : x.load) as Handler | undefined);
}

/** Types read as text; the rest (xlsx, pdf, docx, photos) cannot carry a searchable word without decoding, so they are not read. */
const TEXTUAL = /^(text\/|application\/(json|xml|javascript|[\w.+-]*\+(json|xml)))/;

/** JSON that keeps what devalue would send of maps, sets and big integers. */
const replacer = (_: string, v: unknown) => (v instanceof Map ? [...v] : v instanceof Set ? [...v] : typeof v === 'bigint' ? String(v) : v);

/**
 * Reads a route as `caller` would with a GET of its path (params filled in,
 * 404 when its matchers refuse them, `[…=uuid]` lower-cased by the hook) and
 * `query` (`?a=b` or empty). An event stream is read up to its first chunk and
 * then cancelled: the `events` routes stay open for as long as the session.
 */
export async function read(r: ReadRoute, o: { params?: Record<string, string>; query?: string; caller: Caller }): Promise<Reading> {
	const params = { ...o.params };
	const url = new URL(`http://localhost${pathOf(r.route, params)}${o.query ?? ''}`);
	const abort = new AbortController();
	const request = new Request(url, { method: 'GET', signal: abort.signal, headers: { accept: 'text/html' } });
	const event = requestEvent(
		{ route: r.route, url, params, request, caller: o.caller },
		{ parent: async () => ({}), depends: () => {}, untrack: <T>(f: () => T) => f() }
	);
	const fn = await handlerOf(r);
	if (!fn) return { status: 0, kind: 'skipped', text: `no ${r.kind === 'endpoint' ? 'GET' : 'load'}` };
	if (!paramsMatch(r.route, params)) return { status: 404, kind: 'error', text: 'Not Found' };
	try {
		let result: unknown;
		await lowerCaseIds({ event, resolve: async (e) => ((result = await fn(e)), new Response()) });
		if (r.kind !== 'endpoint') return { status: 200, kind: 'data', text: JSON.stringify(result ?? null, replacer) };
		return await bodyOf(result as Response, abort);
	} catch (e) {
		if (isRedirect(e)) return { status: e.status, kind: 'redirect', text: e.location };
		if (isHttpError(e)) return { status: e.status, kind: 'error', text: JSON.stringify(e.body) };
		return { status: 500, kind: 'thrown', text: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) };
	} finally {
		abort.abort();
	}
}

async function bodyOf(res: Response, abort: AbortController): Promise<Reading> {
	const contentType = res.headers.get('content-type') ?? '';
	if (!res.body) return { status: res.status, kind: 'body', text: '', contentType };
	if (contentType.startsWith('text/event-stream')) {
		const reader = res.body.getReader();
		const first = await Promise.race([reader.read(), new Promise<undefined>((done) => setTimeout(done, 2000))]);
		abort.abort();
		await reader.cancel().catch(() => {});
		return { status: res.status, kind: 'body', text: first?.value ? new TextDecoder().decode(first.value) : '', contentType };
	}
	if (!TEXTUAL.test(contentType)) {
		await res.body.cancel().catch(() => {});
		return { status: res.status, kind: 'skipped', text: `binary ${contentType}`, contentType };
	}
	return { status: res.status, kind: 'body', text: await res.text(), contentType };
}

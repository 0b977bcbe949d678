/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';
import { m } from '$lib/paraglide/messages';
import { devicePrefix, wipeDevice } from '$lib/collab/wipe';

const sw = self as unknown as ServiceWorkerGlobalScope;

/** The app's code and static files, for this version. */
const SHELL = `${devicePrefix}shell-${version}`;
/** Pages this person visited that may be shown offline (docs/offline.md). */
const PAGES = `${devicePrefix}pages`;
const shellFiles = new Set([...build, ...files]);

/**
 * The pages kept for offline use: the home page, the person's own page, and a
 * meeting's workspace or an action item's page when its response says so
 * (never a case conference or a case's item).
 * Case pages, referrals, identity records and the action board (it lists
 * incoming referrals) are never kept.
 */
function keptPath(pathname: string): 'always' | 'if-told' | null {
	const path = pathname.replace(/\/__data\.json$/, '') || '/';
	if (path === '/' || path === '/my') return 'always';
	if (/^\/(meetings|actions)\/[0-9a-f-]{36}$/.test(path)) return 'if-told';
	return null;
}

sw.addEventListener('install', (event) => {
	// A new version takes over at once: a member should not need to close every tab to get it.
	event.waitUntil(
		caches
			.open(SHELL)
			.then((cache) => cache.addAll([...shellFiles]))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	// Pages of an older version point at code that is gone: they go with it.
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(keys.filter((key) => key !== SHELL && (key.startsWith(`${devicePrefix}shell-`) || key === PAGES)).map((key) => caches.delete(key)))
			)
			// A navigation's request starts while the worker itself starts up, instead of after it.
			.then(() => sw.registration.navigationPreload?.enable())
			.then(() => sw.clients.claim())
	);
});

/** The network's answer: a navigation's preloaded one when there is one. */
async function network(event: FetchEvent): Promise<Response> {
	const preloaded = event.request.mode === 'navigate' ? ((await event.preloadResponse) as Response | undefined) : undefined;
	return preloaded ?? fetch(event.request);
}

/** The cached page with a mark saying it is offline and when it was last fetched. */
async function marked(cached: Response): Promise<Response> {
	const html = await cached.text();
	const at = Number(cached.headers.get('x-concord-cached-at') ?? Date.now());
	const locale = /<html[^>]*lang="en"/.test(html) ? 'en' : 'th';
	const time = new Date(at).toLocaleString(locale === 'th' ? 'th-TH' : 'en-GB', { timeZone: 'Asia/Bangkok', dateStyle: 'medium', timeStyle: 'short' });
	const mark = `<div role="status" data-testid="offline-mark" style="position:sticky;top:0;z-index:1000;padding:0.4rem 1rem;background:#fff3dc;color:#8a5a00;font-size:0.9rem;text-align:center">${escape(m.offline_mark({ time }, { locale }))}</div>`;
	const headers = new Headers(cached.headers);
	headers.delete('content-length');
	return new Response(
		html.replace(/<body([^>]*)>/, (body) => body + mark),
		{ status: 200, headers }
	);
}

function escape(text: string) {
	return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function remember(key: string, response: Response) {
	const headers = new Headers(response.headers);
	headers.set('x-concord-cached-at', String(Date.now()));
	const body = await response.arrayBuffer();
	await (await caches.open(PAGES)).put(key, new Response(body, { status: response.status, headers }));
}

/** A kept page fetched less than this long ago is not fetched again for a link followed to it. */
const FRESH_MS = 10 * 60_000;

/**
 * A link followed in the app asks for the page's data alone (`__data.json`).
 * Offline, the kept page is the whole document: the data request fails, the
 * app then loads the page whole, and the kept copy answers it with its mark.
 * Online, the data's answer says whether the page may be kept; one reached
 * only by links is fetched whole once, so a reload offline finds it too.
 */
async function keepWhole(path: string, data: Headers) {
	const pages = await caches.open(PAGES);
	if (data.get('x-concord-offline') !== 'keep' && keptPath(path) !== 'always') return void (await pages.delete(path));
	const kept = await pages.match(path);
	if (kept && Date.now() - Number(kept.headers.get('x-concord-cached-at') ?? 0) < FRESH_MS) return;
	const whole = await fetch(path, { credentials: 'same-origin', headers: { accept: 'text/html' } }).catch(() => null);
	if (whole?.status === 200 && !whole.redirected && (keptPath(path) === 'always' || whole.headers.get('x-concord-offline') === 'keep'))
		await remember(path, whole);
}

async function fromNetwork(event: FetchEvent, url: URL): Promise<Response> {
	const kept = keptPath(url.pathname);
	const path = url.pathname.replace(/\/__data\.json$/, '') || '/';
	const data = url.pathname.endsWith('/__data.json');
	try {
		const response = await network(event);
		if (response.redirected && new URL(response.url).pathname === '/signin') {
			// Signed out, or the session ended: nothing of this person stays on the device.
			await wipeDevice();
		} else if (kept && response.status === 200 && !response.redirected) {
			// Kept while the page already reads it: on a weak link the page must not wait for the whole body first.
			if (data) event.waitUntil(keepWhole(path, response.headers));
			else if (kept === 'always' || response.headers.get('x-concord-offline') === 'keep') event.waitUntil(remember(path, response.clone()));
			else event.waitUntil(caches.open(PAGES).then((pages) => pages.delete(path)));
		}
		return response;
	} catch (error) {
		const cached = kept && !data ? await (await caches.open(PAGES)).match(path) : undefined;
		if (!cached) throw error;
		return marked(cached);
	}
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin || url.pathname.startsWith('/collab')) return;
	if (shellFiles.has(url.pathname)) {
		event.respondWith(caches.match(url.pathname).then((hit) => hit ?? fetch(request)));
		return;
	}
	// The sign-in page, opened or reached by a link or a redirect (a session that ended): nothing of the last person stays.
	if ((url.pathname === '/signin' && request.mode === 'navigate') || url.pathname === '/signin/__data.json') {
		event.respondWith(wipeDevice().then(() => network(event)));
		return;
	}
	if (request.mode === 'navigate' || url.pathname.endsWith('/__data.json')) event.respondWith(fromNetwork(event, url));
});

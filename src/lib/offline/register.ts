import { dev } from '$app/environment';
import { settled } from '$lib/settled';

/**
 * Registers `/service-worker.js` once the page has settled: installed, it
 * downloads the whole app, which on a weak link would compete with what the
 * page itself still needs. (SvelteKit's own registration, on the load event,
 * is off.)
 */
export function registerServiceWorker(): void {
	if (!('serviceWorker' in navigator)) return;
	void settled()
		.then(() => navigator.serviceWorker.register('/service-worker.js', { type: dev ? 'module' : 'classic' }))
		.catch(() => undefined);
}

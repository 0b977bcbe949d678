import { dev } from '$app/environment';

/**
 * The service worker, once installed, downloads the whole app for offline
 * use. On a weak link that download would compete with what the page itself
 * still needs, so it is registered only when the page has settled: after the
 * load event and after everything the page holds it back for (a live
 * document's first sync, the notes editor), or at the latest after
 * `LATEST_MS` however long those take.
 */
const LATEST_MS = 20_000;
const holds = new Set<Promise<unknown>>();

/** Keeps the service worker's registration back until `until` settles. */
export function holdServiceWorker(until: Promise<unknown>): void {
	holds.add(until);
	void until.finally(() => holds.delete(until)).catch(() => undefined);
}

const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const idle = () =>
	new Promise<void>((resolve) => (window.requestIdleCallback ? window.requestIdleCallback(() => resolve(), { timeout: 2000 }) : setTimeout(resolve, 200)));

async function settled(): Promise<void> {
	if (document.readyState !== 'complete') await new Promise((resolve) => addEventListener('load', resolve, { once: true }));
	// Holds taken while the page starts (its components mount) count too.
	await idle();
	while (holds.size) await Promise.allSettled([...holds]);
	await idle();
}

let started = false;

/** Registers `/service-worker.js` once the page has settled (SvelteKit's own registration, on the load event, is off). */
export function registerServiceWorker(): void {
	if (started || !('serviceWorker' in navigator)) return;
	started = true;
	void Promise.race([settled(), later(LATEST_MS)])
		.then(() => navigator.serviceWorker.register('/service-worker.js', { type: dev ? 'module' : 'classic' }))
		.catch(() => undefined);
}

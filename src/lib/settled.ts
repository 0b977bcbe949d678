/**
 * A page has settled once it has loaded and whatever it holds back for is
 * done (a live document's first sync, the notes editor), or at the latest
 * `LATEST_MS` after it started. Work that would compete with the page's own
 * data on a weak link waits for it: the service worker's download of the
 * whole app, and on a first visit the screen font.
 */
const LATEST_MS = 20_000;
const holds = new Set<Promise<unknown>>();

/** Keeps the page from counting as settled until `until` settles. */
export function holdSettling(until: Promise<unknown>): void {
	holds.add(until);
	void until.finally(() => holds.delete(until)).catch(() => undefined);
}

const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const idle = () =>
	new Promise<void>((resolve) => (window.requestIdleCallback ? window.requestIdleCallback(() => resolve(), { timeout: 2000 }) : setTimeout(resolve, 200)));

async function quiet(): Promise<void> {
	if (document.readyState !== 'complete') await new Promise((resolve) => addEventListener('load', resolve, { once: true }));
	// Holds taken while the page starts (its components mount) count too.
	await idle();
	while (holds.size) await Promise.allSettled([...holds]);
	await idle();
}

let once: Promise<void> | null = null;

/** Resolves once the page has settled (the first time; later pages of the same visit are settled at once). */
export function settled(): Promise<void> {
	once ??= Promise.race([quiet(), later(LATEST_MS)]);
	return once;
}

/**
 * Wiping what Concord left in the browser. No imports: the service worker
 * loads this file too.
 */

/** Every database and cache Concord keeps in the browser starts with this, so a wipe can find them all. */
export const devicePrefix = 'concord:';

export function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve) => {
		const request = indexedDB.deleteDatabase(name);
		// Blocked by a tab still holding it: the deletion waits for that tab and happens then.
		request.onsuccess = request.onerror = request.onblocked = () => resolve();
	});
}

/**
 * Wipes everything this person left on the device: every local document and
 * every cached page. Run on sign-out and when the session ended.
 */
export async function wipeDevice() {
	if (typeof indexedDB !== 'undefined' && 'databases' in indexedDB) {
		const all = await indexedDB.databases();
		await Promise.all(all.filter((d) => d.name?.startsWith(devicePrefix)).map((d) => deleteDatabase(d.name!)));
	}
	if (typeof caches !== 'undefined') {
		const keys = await caches.keys();
		await Promise.all(keys.map((key) => caches.delete(key)));
	}
}

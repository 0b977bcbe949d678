// Finds a Chromium for the end-to-end tests: CHROMIUM_PATH, then Debian's
// headless shell, then Debian's full Chromium, then a browser that Playwright
// itself installed. The headless shell is the same Blink engine without the
// browser's own windowing and UI layers, and what Playwright itself runs for
// headless tests; on two cores it runs the end-to-end suite in about half the
// CPU time of the full browser.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export function findChromium() {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	for (const path of candidates) if (path && existsSync(path)) return path;
	try {
		const own = chromium.executablePath();
		if (own && existsSync(own)) return own;
	} catch {
		// Playwright has no browser of its own installed.
	}
	return undefined;
}

/** Flags for a root user on a machine without outbound network. */
export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

// Finds the Chromium the end-to-end tests, benches and screenshots launch:
// CHROMIUM_PATH, then Debian's headless shell, then Debian's full Chromium.
// The headless shell is the same Blink engine without the browser's own
// windowing and UI layers, and what Playwright itself runs headless tests in;
// here it runs the end-to-end suite in a quarter less CPU time than the full
// browser. Without either, Playwright launches a browser of its own
// (`npx playwright install chromium`), its headless shell too.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** The path of a system Chromium, or undefined to let Playwright launch its own. */
export function findChromium() {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	for (const path of candidates) if (path && existsSync(path)) return path;
	return undefined;
}

/** Whether any Chromium can be launched: a system one, or one Playwright installed. */
export function hasChromium() {
	if (findChromium()) return true;
	try {
		const own = chromium.executablePath();
		return Boolean(own && existsSync(own));
	} catch {
		// Playwright has no browser of its own installed.
		return false;
	}
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

// Makes sure a Chromium is available before the end-to-end tests run; installs
// one when it can, or says in one sentence how to get one.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { hasChromium } from './browser.js';

function run(cmd) {
	console.log(`> ${cmd}`);
	execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

if (!hasChromium()) {
	const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
	try {
		if (canApt) {
			run('apt-get update -qq');
			run('apt-get install -y -qq chromium chromium-headless-shell fonts-thai-tlwg');
		} else {
			run('npx playwright install chromium');
		}
	} catch {
		// Reported below.
	}
	if (!hasChromium()) {
		console.error(
			'No Chromium found: install Debian\'s "chromium" and "fonts-thai-tlwg" packages, run "npx playwright install chromium", or set CHROMIUM_PATH to a Chromium binary.'
		);
		process.exit(1);
	}
}

import { defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium } from './scripts/browser.js';

const port = Number(process.env.E2E_PORT ?? 4173);

/**
 * Specs that need the demo exactly as seeded (its next meetings still
 * planned, its action items untouched) get a server and database of their
 * own; the others share one, in file order, as people share a network.
 */
const ownServer = ['meeting-refusal', 'notifications', 'offline', 'outbox', 'paging', 'security-headers'];

function server(at: number) {
	const dataDir = `test-results/e2e-data-${at}`;
	return {
		// Each run starts from an empty embedded database with the demo network.
		command: `rm -rf ${dataDir} && tsx scripts/seed-demo.ts > /dev/null && node server/main.js`,
		url: `http://127.0.0.1:${at}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'ignore' as const,
		stderr: 'pipe' as const,
		env: { PORT: String(at), HOST: '127.0.0.1', CONCORD_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ADDRESS_HEADER: 'x-forwarded-for', INTAKE_MIN_FILL_SECONDS: '0' }
	};
}

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results/e2e',
	timeout: 30_000,
	expect: { timeout: 5_000 },
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		browserName: 'chromium',
		launchOptions: { executablePath: findChromium(), args: chromiumArgs },
		// The server reads the client address from this header in tests, so a test
		// can sign in from its own address without tripping another's throttle.
		extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.1' },
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure'
	},
	projects: [
		{ name: 'shared', testIgnore: ownServer.map((s) => `**/${s}.spec.ts`), use: { baseURL: `http://127.0.0.1:${port}` } },
		...ownServer.map((s, i) => ({ name: s, testMatch: `**/${s}.spec.ts`, use: { baseURL: `http://127.0.0.1:${port + 1 + i}` } }))
	],
	webServer: [server(port), ...ownServer.map((_, i) => server(port + 1 + i))]
});

import { readdirSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium } from './scripts/browser.js';

const port = Number(process.env.E2E_PORT ?? 4173);

/**
 * Specs that need the demo exactly as seeded (its next meetings still
 * planned, its action items untouched) get a server and database of their
 * own. The others share a server in file order, as people share a network:
 * two such networks, so that two workers can run side by side.
 */
const ownServer = ['meeting-refusal', 'minutes-circulation', 'notifications', 'offline', 'outbox', 'paging', 'security-headers'];
const sharedA = ['accessibility', 'auth', 'case-team', 'cases', 'followup-cycle', 'followup', 'home', 'import', 'intake', 'markup'];
const sharedB = ['meeting-authority', 'meeting', 'minutes', 'navigation', 'network', 'offline-restart', 'operations', 'process', 'report', 'workspace'];
const specs = (names: string[]) => names.map((s) => `**/${s}.spec.ts`);

// A spec in no list, or in two, would silently not run or run twice.
const listed = [...ownServer, ...sharedA, ...sharedB];
const found = readdirSync('tests/e2e')
	.filter((f) => f.endsWith('.spec.ts'))
	.map((f) => f.slice(0, -'.spec.ts'.length));
const unlisted = found.filter((f) => !listed.includes(f));
const twice = listed.filter((f, i) => listed.indexOf(f) !== i || !found.includes(f));
if (unlisted.length || twice.length)
	throw new Error(`playwright.config.ts: list every spec once (unlisted: ${unlisted.join(', ') || '-'}; twice or missing: ${twice.join(', ') || '-'})`);

/**
 * Servers start one after another. The first seeds the demo network into a
 * template database once; every server then starts from a copy of it, so
 * each has a database of its own without seeding eight times.
 */
const template = `test-results/e2e-demo-${port}`;
function server(at: number, first: boolean) {
	const dataDir = `test-results/e2e-data-${at}`;
	const seed = first ? `rm -rf ${template} && CONCORD_DATA_DIR=${template} tsx scripts/seed-demo.ts > /dev/null && ` : '';
	return {
		// The server's log (JSON lines) is kept for .ci/run, which prints its warnings when a test failed or was flaky.
		command: `${seed}rm -rf ${dataDir} && cp -R ${template} ${dataDir} && mkdir -p test-results/e2e-logs && node server/main.js >> test-results/e2e-logs/server-${at}.log`,
		url: `http://127.0.0.1:${at}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'ignore' as const,
		stderr: 'pipe' as const,
		env: { PORT: String(at), HOST: '127.0.0.1', CONCORD_DATA_DIR: dataDir, LOG_LEVEL: 'info', ADDRESS_HEADER: 'x-forwarded-for', INTAKE_MIN_FILL_SECONDS: '0' }
	};
}

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results/e2e',
	// Two browsers and eight servers share two cores: bounds are generous, and a
	// test that still fails once is run again in CI and reported as flaky.
	timeout: 90_000,
	expect: { timeout: 10_000 },
	fullyParallel: false,
	workers: 2,
	retries: process.env.CI ? 1 : 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		browserName: 'chromium',
		launchOptions: { executablePath: findChromium(), args: chromiumArgs },
		// The server reads the client address from this header in tests, so a test
		// can sign in from its own address without tripping another's throttle.
		extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.1' },
		// Recording a trace of every test costs a fifth of the suite's CPU: in CI a test that failed is run again, with a trace.
		trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
		screenshot: 'only-on-failure'
	},
	// Each project runs its files one after another (workers: 1), on its own server.
	projects: [
		{ name: 'shared', testMatch: specs(sharedA), workers: 1, use: { baseURL: `http://127.0.0.1:${port}` } },
		{ name: 'shared-b', testMatch: specs(sharedB), workers: 1, use: { baseURL: `http://127.0.0.1:${port + 1}` } },
		...ownServer.map((s, i) => ({ name: s, testMatch: specs([s]), workers: 1, use: { baseURL: `http://127.0.0.1:${port + 2 + i}` } }))
	],
	webServer: [server(port, true), server(port + 1, false), ...ownServer.map((_, i) => server(port + 2 + i, false))]
});

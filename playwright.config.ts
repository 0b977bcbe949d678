import { defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium } from './scripts/browser.js';

const port = Number(process.env.E2E_PORT ?? 4173);
const dataDir = `test-results/e2e-data-${port}`;

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
		baseURL: `http://127.0.0.1:${port}`,
		browserName: 'chromium',
		launchOptions: { executablePath: findChromium(), args: chromiumArgs },
		// The server reads the client address from this header in tests, so a test
		// can sign in from its own address without tripping another's throttle.
		extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.1' },
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure'
	},
	webServer: {
		// Each run starts from an empty embedded database with the demo network.
		command: `rm -rf ${dataDir} && tsx scripts/seed-demo.ts > /dev/null && node server/main.js`,
		url: `http://127.0.0.1:${port}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'ignore',
		stderr: 'pipe',
		env: { PORT: String(port), HOST: '127.0.0.1', CONCORD_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ADDRESS_HEADER: 'x-forwarded-for', INTAKE_MIN_FILL_SECONDS: '0' }
	}
});

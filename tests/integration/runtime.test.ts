import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';
import { startRuntime, stopRuntime } from '../../server/runtime';

describe('process runtime', () => {
	afterAll(stopRuntime);

	it('is one per process, even when its module is loaded twice', async () => {
		const config = { ...readConfig({}), dataDir: 'memory://', logLevel: 'silent' as const };
		const first = await startRuntime(config);
		// A second copy of the module, as a separate bundle of the same source would be.
		const secondCopy = '../../server/runtime.ts?second-copy';
		const copy: typeof import('../../server/runtime') = await import(/* @vite-ignore */ secondCopy);
		const second = await copy.startRuntime(config);
		expect(second).toBe(first);
		expect(copy.runtime().database.db).toBe(first.database.db);
		expect(copy.runtime().collab).toBe(first.collab);
	});

	it('receives returned mail over SMTP when BOUNCE_ADDRESS and BOUNCE_SMTP_PORT are set, and stops receiving with the runtime', async () => {
		await stopRuntime();
		Object.assign(process.env, { BOUNCE_ADDRESS: 'bounces@concord.example.go.th', BOUNCE_SMTP_PORT: '0', BOUNCE_SMTP_HOST: '127.0.0.1' });
		try {
			const rt = await startRuntime({ ...readConfig({}), dataDir: 'memory://', logLevel: 'silent' as const });
			const port = rt.bounces!.port;
			const greeting = (): Promise<string> =>
				new Promise((resolve, reject) => {
					const socket = connect(port, '127.0.0.1');
					socket.once('data', (d) => {
						socket.end();
						resolve(d.toString());
					});
					socket.once('error', reject);
				});
			expect(await greeting()).toMatch(/^220 /);
			await stopRuntime();
			await expect(greeting()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
		} finally {
			for (const k of ['BOUNCE_ADDRESS', 'BOUNCE_SMTP_PORT', 'BOUNCE_SMTP_HOST']) delete process.env[k];
		}
	});
});

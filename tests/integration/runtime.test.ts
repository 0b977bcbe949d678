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
});

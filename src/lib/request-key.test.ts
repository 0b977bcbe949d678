import { describe, expect, it } from 'vitest';
import { requestKey } from './request-key';

describe('request keys', () => {
	it('are version-4 UUIDs, different each time', () => {
		const keys = Array.from({ length: 200 }, requestKey);
		for (const k of keys) expect(k).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(new Set(keys).size).toBe(keys.length);
	});
});

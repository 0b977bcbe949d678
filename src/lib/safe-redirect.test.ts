import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './safe-redirect';

describe('safe redirect after a form post', () => {
	it('keeps same-site paths with their query', () => {
		expect(safeRedirectPath('/network?level=district')).toBe('/network?level=district');
	});
	it.each([
		['absolute URL', 'https://evil.example/'],
		['protocol-relative URL', '//evil.example/path'],
		['backslash trick', '/\\evil.example'],
		['not a string', 42],
		['empty', ''],
		['javascript scheme', 'javascript:alert(1)']
	])('falls back to home for %s', (_name, value) => {
		expect(safeRedirectPath(value)).toBe('/');
	});
});

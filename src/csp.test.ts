import { describe, expect, it } from 'vitest';
import config, { cspDirectives } from '../svelte.config.js';

describe('the Content-Security-Policy of every page', () => {
	const csp = config.kit?.csp;

	it('lets SvelteKit add a nonce, or a hash on a prerendered page, to its own inline script', () => {
		expect(csp?.mode).toBe('auto');
		expect(csp?.directives).toBe(cspDirectives);
	});

	it('runs script only from the app itself: no inline script without a nonce, no eval, no other host', () => {
		const script = cspDirectives['script-src'] ?? [];
		expect(script).toEqual(['self']);
		for (const loose of ['unsafe-inline', 'unsafe-eval', 'unsafe-hashes', 'strict-dynamic', 'data:', 'blob:', 'https:', '*']) {
			expect(script).not.toContain(loose);
		}
		expect(cspDirectives['default-src']).toEqual(['self']);
	});

	it('is framed by nobody, embeds no plugins, and keeps base, forms and connections to its own origin', () => {
		expect(cspDirectives['frame-ancestors']).toEqual(['none']);
		expect(cspDirectives['object-src']).toEqual(['none']);
		expect(cspDirectives['base-uri']).toEqual(['self']);
		expect(cspDirectives['form-action']).toEqual(['self']);
		expect(cspDirectives['connect-src']).toEqual(['self']);
	});

	it('names no other host in any directive', () => {
		for (const [directive, sources] of Object.entries(cspDirectives)) {
			for (const source of sources as string[]) {
				expect(`${directive} ${source}`).toMatch(/ (self|none|unsafe-inline|data:|blob:)$/);
			}
		}
	});
});

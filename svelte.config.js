import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The Content-Security-Policy of every page. Script runs only from the app's
 * own files and SvelteKit's inline start-up script, which carries a nonce (or
 * a hash on a prerendered page), so a link or markup that slips past the
 * renderers still runs nothing. Styles stay inline-capable: Svelte and Tiptap
 * write style attributes, and a style cannot run script. connect-src 'self'
 * covers same-origin ws:/wss: in current browsers; the response hook adds the
 * socket origin explicitly for older ones (src/hooks.server.ts).
 * @type {NonNullable<NonNullable<import('@sveltejs/kit').KitConfig['csp']>['directives']>}
 */
export const cspDirectives = {
	'default-src': ['self'],
	'script-src': ['self'],
	'style-src': ['self', 'unsafe-inline'],
	'img-src': ['self', 'data:', 'blob:'],
	'font-src': ['self', 'data:'],
	'connect-src': ['self'],
	'worker-src': ['self'],
	'manifest-src': ['self'],
	'object-src': ['none'],
	'frame-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self'],
	'frame-ancestors': ['none']
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		alias: { $server: 'server' },
		csp: { mode: 'auto', directives: cspDirectives },
		// Registered once the page has settled, not on the load event (src/lib/offline/register.ts).
		serviceWorker: { register: false },
		// A page's small style sheets (a shared component's few rules) come inside the page, not as a round trip each.
		inlineStyleThreshold: 5 * 1024,
		typescript: {
			config(tsconfig) {
				tsconfig.include.push(
					'../server/**/*.ts',
					'../server/**/*.js',
					'../migrations/**/*.ts',
					'../scripts/**/*.ts',
					'../tests/**/*.ts',
					'../playwright.config.ts'
				);
			}
		}
	}
};

export default config;

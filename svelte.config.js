import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		alias: { $server: 'server' },
		typescript: {
			config(tsconfig) {
				tsconfig.include.push('../server/**/*.ts', '../server/**/*.js', '../migrations/**/*.ts', '../scripts/**/*.ts', '../tests/**/*.ts', '../playwright.config.ts');
			}
		},
	}
};

export default config;

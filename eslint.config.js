import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * House rules. Formatting is Prettier's (`npm run format`); these rules catch
 * mistakes and hold the layers of docs/code-map.md: the server never imports
 * the UI, the routes or SvelteKit-only code (server/layers.test.ts also checks
 * that no two parts of the server import each other).
 */
export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'test-results/', 'playwright-report/', 'screenshots/', 'src/lib/paraglide/', 'static/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// Types come from TypeScript; `no-undef` only misreads them.
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
			// Concord is served at the root (no `paths.base`), so links are plain paths.
			'svelte/no-navigation-without-resolve': 'off',
			// Maps, Sets and URLSearchParams in components are temporaries built inside a derivation or
			// bookkeeping outside the UI; reactive state is declared with $state.
			'svelte/prefer-svelte-reactivity': 'off'
		}
	},
	{
		// Migrations, the grant helper and backups work on the schema as it is at that moment: `Kysely<any>` is Kysely's own advice.
		files: ['migrations/**', 'server/db/grants.ts', 'server/db/migrate.ts', 'server/backup/**'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
	},
	{
		files: ['server/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: ['**/src/lib/components/**', '$lib/components/**'], message: 'The server never imports UI components: move what both need to src/lib/.' },
						{ group: ['**/src/routes/**'], message: 'The server never imports routes.' },
						{ group: ['**/src/lib/server/**', '$lib/server/**'], message: 'src/lib/server is SvelteKit-only: the server does not depend on it.' },
						{ group: ['*.svelte'], message: 'The server never imports Svelte components.' }
					]
				}
			]
		}
	}
);

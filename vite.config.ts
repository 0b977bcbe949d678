import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';

/**
 * In development the collaboration endpoint rides on Vite's own HTTP server, so
 * `npm run dev` keeps the one-port shape of production. The handler is loaded
 * through Vite's SSR module graph, the same one SvelteKit uses for routes.
 */
function collabDevServer(): Plugin {
	return {
		name: 'concord-collab-dev',
		configureServer(server) {
			server.httpServer?.on('upgrade', async (req, socket, head) => {
				if (!req.url?.startsWith('/collab/')) return;
				try {
					const mod = await server.ssrLoadModule('/server/runtime.ts');
					const runtime = await mod.startRuntime();
					runtime.collab.handleUpgrade(req, socket, head);
				} catch (err) {
					server.config.logger.error(`collab upgrade failed: ${String(err)}`);
					socket.destroy();
				}
			});
		}
	};
}

/**
 * Every page loads the root layout, so what the layout needs goes into one
 * chunk. Left to itself the bundler gives a module a chunk of its own whenever
 * a different set of pages shares it (the navigation's labels are one message
 * module each), and on a slow link every file is a round trip. The messages'
 * index re-exports every message: the walk takes only those the layout's code
 * names (`m.<key>`), or every page would carry the whole dictionary.
 */
function shellChunk(): Plugin {
	const messageIndex = /paraglide[\\/]messages(\.js|[\\/]_index\.js)$/;
	const messageKey = /paraglide[\\/]messages[\\/]([\w$]+)\.js$/;
	let shell = new Set<string>();
	return {
		name: 'concord-shell-chunk',
		apply: 'build',
		buildEnd() {
			const ids = [...this.getModuleIds()];
			const message = new Map(ids.flatMap((id) => (messageKey.test(id) ? [[messageKey.exec(id)![1], id] as const] : [])));
			const stack = ids.filter((id) => /src[\\/]routes[\\/]\+layout\.svelte$/.test(id));
			shell = new Set();
			while (stack.length) {
				const id = stack.pop()!;
				if (shell.has(id) || messageIndex.test(id)) continue;
				shell.add(id);
				const info = this.getModuleInfo(id);
				stack.push(...(info?.importedIds ?? []));
				for (const [, key] of info?.code?.matchAll(/\bm\.([\w$]+)/g) ?? []) if (message.has(key)) stack.push(message.get(key)!);
			}
		},
		config: () => ({
			build: { rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'shell', test: (id: string) => shell.has(id) }] } } } }
		})
	};
}

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'baseLocale'],
			cookieName: 'concord_lang',
			cookieMaxAge: 60 * 60 * 24 * 400
		}),
		sveltekit(),
		collabDevServer(),
		shellChunk()
	],
	server: { port: 5173 },
	test: {
		include: ['server/**/*.test.ts', 'src/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/collab/**/*.test.ts'],
		environment: 'node',
		globalSetup: ['tests/support/global-setup.ts'],
		env: { LOG_LEVEL: 'warn' },
		testTimeout: 30_000,
		hookTimeout: 60_000,
		fileParallelism: true,
		maxWorkers: 2
	}
});

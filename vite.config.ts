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
		collabDevServer()
	],
	server: { port: 5173 },
	test: {
		include: ['server/**/*.test.ts', 'src/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/collab/**/*.test.ts'],
		environment: 'node',
		env: { LOG_LEVEL: 'warn' },
		testTimeout: 30_000,
		hookTimeout: 60_000,
		fileParallelism: true,
		maxWorkers: 2
	}
});

import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { RequestEvent } from '@sveltejs/kit';

const ROUTES = join(process.cwd(), 'src', 'routes');

type Action = (event: RequestEvent) => unknown;

export interface RouteModule {
	/** The route id as SvelteKit names it, e.g. `/meetings/[id=uuid]`. */
	route: string;
	file: string;
	load(): Promise<Record<string, Action>>;
}

/** Every `+page.server.ts` under src/routes, found by walking the directory as SvelteKit does. */
export function pageServerModules(dir = ROUTES): RouteModule[] {
	const found: RouteModule[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) found.push(...pageServerModules(path));
		else if (entry.name === '+page.server.ts' || entry.name === '+page.server.js') {
			const route = '/' + relative(ROUTES, dir).split(sep).filter(Boolean).join('/');
			found.push({ route, file: path, load: async () => ((await import(/* @vite-ignore */ path)) as { actions?: Record<string, Action> }).actions ?? {} });
		}
	}
	return found.sort((a, b) => a.route.localeCompare(b.route));
}

/** Every named form action of the app, as `{ route, action }`. */
export async function formActionsInRoutes(): Promise<{ route: string; action: string }[]> {
	const all: { route: string; action: string }[] = [];
	for (const m of pageServerModules()) for (const action of Object.keys(await m.load())) all.push({ route: m.route, action });
	return all;
}

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The server is the lower layer: it may use what the browser and the server
 * share (the meeting document schema, the wire protocol, the rich-text schema,
 * labels and formatting under `src/lib/`), never the UI (`src/lib/components`,
 * `.svelte` files), the routes, or the SvelteKit-only server helpers.
 */
const root = resolve(__dirname, '..');
const forbidden = [/^src\/lib\/components\//, /^src\/routes\//, /^src\/lib\/server\//, /\.svelte$/];

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sources(path);
		return /\.(ts|js)$/.test(entry.name) ? [path] : [];
	});
}

/** Every module a file imports, as a path from the repository's root where it is local. */
function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const specifiers = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');
	return specifiers.map((spec) => {
		if (spec.startsWith('$lib/')) return `src/lib/${spec.slice(5)}`;
		if (spec.startsWith('.')) return relative(root, resolve(file, '..', spec));
		return spec;
	});
}

describe('layers', () => {
	it('finds the server sources it checks, and what they import', () => {
		const files = sources(join(root, 'server'));
		expect(files.length).toBeGreaterThan(100);
		expect(importsOf(join(root, 'server/minutes/prosemirror.ts'))).toContain('src/lib/rich-text/extensions');
	});

	it('the server never imports UI components, routes or SvelteKit-only server code', () => {
		const offences = sources(join(root, 'server')).flatMap((file) =>
			importsOf(file)
				.filter((target) => forbidden.some((rule) => rule.test(target)))
				.map((target) => `${relative(root, file)} -> ${target}`)
		);
		expect(offences).toEqual([]);
	});
});

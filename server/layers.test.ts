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
		expect(importsOf(join(root, 'server/rich-text/prosemirror.ts'))).toContain('src/lib/rich-text/extensions');
	});

	it('no two parts of the server import each other, however indirectly', () => {
		// A part is a folder under server/ or a module at its top; an edge is an import between two parts.
		const part = (path: string) => path.split('/')[1]!.replace(/\.(ts|js)$/, '');
		const edges = new Map<string, Set<string>>();
		for (const file of sources(join(root, 'server')).filter((f) => !f.endsWith('.test.ts'))) {
			const from = part(relative(root, file));
			for (const target of importsOf(file).filter((t) => t.startsWith('server/'))) {
				const to = part(target);
				if (to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
			}
		}
		expect(edges.get('access')?.has('membership')).toBe(true);
		const loops: string[] = [];
		const reaches = (from: string, goal: string, seen = new Set<string>()): boolean =>
			[...(edges.get(from) ?? [])].some((next) => next === goal || (!seen.has(next) && (seen.add(next), reaches(next, goal, seen))));
		for (const [from, targets] of edges) for (const to of targets) if (reaches(to, from)) loops.push(`${from} -> ${to}`);
		expect(loops).toEqual([]);
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

/**
 * Parts whose product is SQL itself, so the rule below does not apply to
 * them; every other part keeps its queries in `repository.ts` or under
 * `repository/`, and its services call those.
 */
const SQL_IS_THE_PART: Record<string, string> = {
	db: 'the engine, migrations, grants and table types',
	collab: "the collaboration core's own update log: storage, the database claim, compaction, vacuum",
	backup: 'a logical dump and restore of every table',
	auth: 'sessions, the sign-in throttle and sign-in links, each the store of a table of its own',
	access: 'the visibility and redaction expressions that repositories apply',
	membership: 'who sits where: the seat queries every domain composes',
	demo: 'seeds the demo network',
	audit: "the append-only audit log's writer and search"
};

/** A Kysely query or a raw SQL fragment. */
const QUERY = /\.(selectFrom|selectNoFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql(<[^>]*>)?`/;

describe('repositories', () => {
	it('a domain’s SQL lives in its repository; its services call it', () => {
		const part = (path: string) => path.split('/')[1]!.replace(/\.(ts|js)$/, '');
		const isRepository = (path: string) => /(^|\/)repository(\.ts|\/)/.test(path);
		const files = sources(join(root, 'server'))
			.map((file) => relative(root, file))
			.filter((path) => !/\.test\.ts$/.test(path));
		const offences = files.filter((path) => !(part(path) in SQL_IS_THE_PART) && !isRepository(path) && QUERY.test(readFileSync(join(root, path), 'utf8')));
		expect(offences).toEqual([]);
		// The rule sees queries where they are: the repositories hold some, and so do the parts above.
		expect(files.filter((path) => isRepository(path) && QUERY.test(readFileSync(join(root, path), 'utf8'))).length).toBeGreaterThan(20);
		expect(QUERY.test("db.selectFrom('meeting')") && QUERY.test('sql<number>`count(*)`')).toBe(true);
	});
});

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

/**
 * A case's words: the columns that hold what a case's action items, their
 * history and its decisions say. Only its team reads them, so a query selects
 * them only through the expressions of `server/access/redact.ts`, which give
 * everyone else the neutral line or a blank; a search may match them only
 * beside `readsCase`. The modules below read the rows whole to change them,
 * never to show them.
 */
const WORDS: Record<string, string[]> = { action_item: ['title', 'description'], action_update: ['text', 'detail'], decision: ['text'] };
const READS_WORDS_TO_WRITE: Record<string, string> = {
	'server/followup/repository/items.ts': 'the lifecycle reads and locks the item it changes (`get`, `getForUpdate`)',
	'server/meetings/repository/projection-rows.ts': 'the projection compares a meeting document with the rows it wrote'
};
/** Words a subquery selects for the query around it, which reads them through the expressions (there, the reader's cases are computed once, not once per row). */
const PASSED_OUT: Record<string, string[]> = {
	'server/followup/repository/board.ts': ["'x.text'"]
};

/** Where a file selects a case's words other than through the redaction expressions. */
function wordsReadRaw(text: string): string[] {
	const aliases = new Map<string, string>();
	for (const m of text.matchAll(/'(action_item|action_update|decision)(?: as (\w+))?'/g)) aliases.set(m[2] ?? m[1]!, m[1]!);
	const lines = text.split('\n');
	const found: string[] = [];
	lines.forEach((line, i) => {
		for (const m of line.matchAll(/'(\w+)\.(\w+)(?: as \w+)?'/g)) {
			const table = aliases.get(m[1]!);
			if (!table || !WORDS[table]!.includes(m[2]!)) continue;
			const redacted = /\b(caseWords|actionTitle|decisionText)\b/.test(line);
			const matchedForReader = /'(i?like|=)'/.test(line) && /\breadsCase\(/.test(line);
			if (!redacted && !matchedForReader) found.push(`${i + 1}: ${m[0]}`);
		}
	});
	// A table's columns by bare name, or all of them.
	for (const m of text.matchAll(/selectFrom\('(action_item|action_update|decision)'\)([\s\S]*?)\.execute/g)) {
		const bare = [...m[2]!.matchAll(/(?<!\.as\()'(\w+)'/g)].map((x) => x[1]!).filter((c) => WORDS[m[1]!]!.includes(c));
		if (/selectAll\(\)/.test(m[2]!) || bare.length) found.push(`${m[1]}: ${bare.length ? bare.join(', ') : 'selectAll()'}`);
	}
	return found;
}

describe('a case’s words', () => {
	it('are selected only through the redaction expressions, but where a module changes the rows', () => {
		const offences = sources(join(root, 'server'))
			.map((file) => relative(root, file))
			.filter((path) => !/\.test\.ts$/.test(path) && path !== 'server/access/redact.ts' && !(path in READS_WORDS_TO_WRITE))
			.flatMap((path) =>
				wordsReadRaw(readFileSync(join(root, path), 'utf8'))
					.filter((where) => !(PASSED_OUT[path] ?? []).some((literal) => where.endsWith(`: ${literal}`)))
					.map((where) => `${path}:${where}`)
			);
		expect(offences).toEqual([]);
	});

	it('the rule finds a raw read in each of its forms, and passes the redacted ones', () => {
		expect(wordsReadRaw(".selectFrom('action_item as a')\n.select(['a.id', 'a.title'])")).toEqual(["2: 'a.title'"]);
		expect(wordsReadRaw(".selectFrom('action_update as h')\n.select(['h.text as note'])")).toEqual(["2: 'h.text as note'"]);
		expect(wordsReadRaw("db.selectFrom('decision').select(['id', 'text']).execute()")).toEqual(['decision: text']);
		expect(wordsReadRaw("db.selectFrom('decision').select(['id', decisionText(r, 'decision').as('text')]).execute()")).toEqual([]);
		expect(wordsReadRaw("db.selectFrom('action_item').selectAll().where('id', '=', id).execute()")).toEqual(['action_item: selectAll()']);
		expect(wordsReadRaw(".selectFrom('action_item as a')\n.select([actionTitle(reader, 'a').as('title'), 'a.status'])")).toEqual([]);
		expect(wordsReadRaw(".selectFrom('decision as d')\n.where('d.text', 'ilike', p).where(readsCase(reader, 'd.case_id'))")).toEqual([]);
		expect(wordsReadRaw(".selectFrom('decision as d')\n.where('d.text', 'ilike', p)")).toEqual(["2: 'd.text'"]);
	});

	it('names modules that still read the words raw', () => {
		for (const path of [...Object.keys(READS_WORDS_TO_WRITE), ...Object.keys(PASSED_OUT)])
			expect(wordsReadRaw(readFileSync(join(root, path), 'utf8')).length, path).toBeGreaterThan(0);
	});
});

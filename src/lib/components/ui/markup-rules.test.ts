import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Rules every page and component keeps, read from the source. */
const root = new URL('../../../', import.meta.url).pathname;

function filesEnding(dir: string, ...endings: string[]): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? filesEnding(join(dir, e.name), ...endings) : endings.some((x) => e.name.endsWith(x)) ? [join(dir, e.name)] : []
	);
}
const svelteFiles = (dir: string) => filesEnding(dir, '.svelte');

describe('date fields', () => {
	// Thai readers write dates in the Buddhist era; the browser's own date picker shows
	// mm/dd/yyyy in the Gregorian calendar. Every date field is DateInput.svelte instead.
	it('no page or component asks for a date with the browser’s Gregorian picker', () => {
		const native = svelteFiles(root).filter((f) => /type=["'](date|datetime-local|month|week)["']/.test(readFileSync(f, 'utf8')));
		expect(native.map((f) => relative(root, f))).toEqual([]);
	});
});

describe('colours', () => {
	// Colours come from the tokens in src/app.css, so a state looks the same on every page and the
	// contrast checked there holds. The printed minutes are ink on paper and keep their own.
	const paper = /minutes[\\/]print[\\/]/;
	const literal = /#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(/gi;

	it('no page, component or stylesheet but app.css writes a colour of its own', () => {
		const found = filesEnding(root, '.svelte', '.css')
			.filter((f) => !paper.test(f) && relative(root, f) !== 'app.css')
			.flatMap((f) =>
				readFileSync(f, 'utf8')
					.split('\n')
					.flatMap((line, i) => (line.match(literal) && !/url\(#|href="#|id="|#\{/.test(line) ? [`${relative(root, f)}:${i + 1}: ${line.trim()}`] : []))
			);
		expect(found).toEqual([]);
	});

	it('finds a colour written in a component', () => {
		expect('\t\tbackground: #fdecea;'.match(literal)).toHaveLength(1);
		expect('\t\tcolor: rgb(0 0 0 / 0.5);'.match(literal)).toHaveLength(1);
		expect('\t\tbackground: var(--danger-soft);'.match(literal)).toBeNull();
	});
});

describe('tables that scroll sideways', () => {
	// A wide table scrolls inside its region on a phone; with nothing focusable in it a keyboard could
	// not scroll it (axe: scrollable-region-focusable). TableScroll.svelte is that region, focusable and named.
	it('every one is a TableScroll, not a bare .table-wrap', () => {
		const bare = svelteFiles(root).filter((f) => !f.endsWith('TableScroll.svelte') && /class="[^"]*\btable-wrap\b/.test(readFileSync(f, 'utf8')));
		expect(bare.map((f) => relative(root, f))).toEqual([]);
	});
});

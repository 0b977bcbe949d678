import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Thai readers write dates in the Buddhist era; the browser's own date picker shows
// mm/dd/yyyy in the Gregorian calendar. Every date field is DateInput.svelte instead.
const root = new URL('../../../', import.meta.url).pathname;

function svelteFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? svelteFiles(join(dir, e.name)) : e.name.endsWith('.svelte') ? [join(dir, e.name)] : []
	);
}

describe('date fields', () => {
	it('no page or component asks for a date with the browser’s Gregorian picker', () => {
		const native = svelteFiles(root).filter((f) => /type=["'](date|datetime-local|month|week)["']/.test(readFileSync(f, 'utf8')));
		expect(native.map((f) => relative(root, f))).toEqual([]);
	});
});

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Whether a path of the app reaches a page: each segment matches a folder of src/routes, literally or as a [parameter]. */
export function pageExists(pathname: string): boolean {
	let dir = join(process.cwd(), 'src/routes');
	for (const segment of pathname.split('/').filter(Boolean)) {
		if (existsSync(join(dir, segment))) {
			dir = join(dir, segment);
			continue;
		}
		const param = readdirSync(dir).find((d) => /^\[[^.\]]+\]$/.test(d));
		if (!param) return false;
		dir = join(dir, param);
	}
	return existsSync(join(dir, '+page.svelte'));
}

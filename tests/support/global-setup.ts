import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';

declare module 'vitest' {
	export interface ProvidedContext {
		/** An archive of a migrated embedded database, which every test file's embedded engine starts from. */
		pgliteTemplate: string;
	}
}

/**
 * Creates and migrates one embedded database for the whole run: a new embedded
 * cluster takes seconds to create (initdb in WebAssembly) and to migrate, and
 * about a hundred test files each open one or two. Each starts from a copy of
 * this one instead (tests/support/database.ts).
 */
export default async function setup(project: TestProject): Promise<() => void> {
	const database = await openDatabase({ dataDir: 'memory://' });
	let archive: Uint8Array;
	try {
		await migrateToLatest(database.db);
		archive = await database.archive!();
	} finally {
		await database.close();
	}
	const file = join(tmpdir(), `concord-test-template-${process.pid}-${Date.now()}.tar`);
	writeFileSync(file, archive);
	project.provide('pgliteTemplate', file);
	return () => rmSync(file, { force: true });
}

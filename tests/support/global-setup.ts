import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { databaseUrl, onServer } from './postgres';

declare module 'vitest' {
	export interface ProvidedContext {
		/** An archive of a migrated embedded database, which every test file's embedded engine starts from. */
		pgliteTemplate: string;
		/** A migrated PostgreSQL database that every test file's own database is created from; '' without TEST_DATABASE_URL. */
		postgresTemplate: string;
	}
}

/**
 * Creates and migrates one database of each engine for the whole run: a new
 * embedded cluster takes seconds to create (initdb in WebAssembly) and to
 * migrate, and about a hundred test files each open one or two. Each starts
 * from a copy instead (tests/support/database.ts): the embedded engine from an
 * archive of its data directory, PostgreSQL by `create database … template`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
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

	const base = process.env.TEST_DATABASE_URL;
	const template = base ? `concord_template_${randomBytes(6).toString('hex')}` : '';
	if (base) {
		await onServer(base, `create database ${template}`);
		// Closed before any test file copies it: PostgreSQL copies only a template nobody is connected to.
		const postgres = await openDatabase({ url: databaseUrl(base, template), poolSize: 1 });
		try {
			await migrateToLatest(postgres.db);
		} finally {
			await postgres.close();
		}
	}
	project.provide('postgresTemplate', template);

	return async () => {
		rmSync(file, { force: true });
		if (base) await onServer(base, `drop database if exists ${template} with (force)`);
	};
}

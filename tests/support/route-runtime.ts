import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { readConfig } from '../../server/config';
import type { Engine } from '../../server/db/database';
import { collabHooks } from '../../server/collab-hooks';
import { createCollabServer } from '../../server/collab/server';
import { registerMeetingProjection } from '../../server/meetings/projector';
import { startRuntime, stopRuntime, type Runtime } from '../../server/runtime';
import { databaseUrl, onServer } from './postgres';

/**
 * The process runtime of the app (the one `runtime()` that routes reach),
 * started on a fresh test database of one engine for the suite and stopped,
 * with its database dropped, afterwards. One per process: suites using it run
 * one after the other.
 */
export function useRouteRuntime(engine: Engine): () => Runtime {
	let runtime: Runtime | undefined;
	let drop: (() => Promise<void>) | undefined;
	beforeAll(async () => {
		const config = { ...readConfig({}), dataDir: 'memory://', logLevel: 'silent' as const };
		if (engine === 'postgres') {
			const base = process.env.TEST_DATABASE_URL;
			if (!base) throw new Error('TEST_DATABASE_URL is not set');
			const name = `concord_t_${randomBytes(6).toString('hex')}`;
			// Already migrated (tests/support/global-setup.ts); the runtime's own migration finds nothing to do.
			await onServer(base, `create database ${name} template ${inject('postgresTemplate')}`);
			config.databaseUrl = databaseUrl(base, name);
			drop = () => onServer(base, `drop database if exists ${name} with (force)`);
		}
		runtime = await startRuntime(config);
	});
	afterAll(async () => {
		await stopRuntime();
		await drop?.();
	});
	return () => {
		if (!runtime) throw new Error('runtime not started');
		return runtime;
	};
}

/**
 * Closes the runtime's live documents (flushing them and their pending
 * projection) and gives it fresh ones. After a call that wrote to a live
 * document, nothing of it may happen later, in another test's window.
 */
export async function recycleLiveDocuments(runtime: Runtime): Promise<void> {
	await runtime.collab.close();
	runtime.collab = createCollabServer({
		db: runtime.database.db,
		config: runtime.config,
		instance: runtime.id,
		hooks: collabHooks(runtime.database.db, runtime.config)
	});
	registerMeetingProjection(runtime.database.db, runtime.collab);
}

import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBackup, liveSocketPath, requestLiveBackup, serveLiveBackups, type LiveBackups } from '../../server/backup';
import type { Database } from '../../server/db/database';
import { createTestDatabase } from '../support/database';

/** The embedded engine's server answers `npm run backup` itself, on a socket in its data directory. */
describe('backups of a running embedded server', () => {
	let database: Database;
	let dir: string;
	let live: LiveBackups | undefined;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'concord-live-'));
		database = await createTestDatabase('pglite');
		// Enough rows that a backup is still being written when its reader leaves.
		await sql`insert into doc_update (doc_name, data) select 'meeting:live-' || (g % 50), decode(repeat(md5(g::text), 16), 'hex') from generate_series(1, 30000) g`.execute(
			database.db
		);
		live = await serveLiveBackups(database.db, dir);
	});
	afterAll(async () => {
		await live?.close();
		await database?.close();
		await rm(dir, { recursive: true, force: true });
	});

	it('streams a whole backup to whoever connects', async () => {
		const file = join(dir, 'live.backup');
		expect(await requestLiveBackup(dir, createWriteStream(file))).toBe(true);
		const read = await checkBackup(createReadStream(file));
		expect(read.rows).toBe(30000);
	});

	it('lets the engine go when the reader leaves half-way', async () => {
		const socket = createConnection(liveSocketPath(dir));
		socket.write('backup\n');
		await new Promise<void>((resolve) => socket.once('data', () => resolve()));
		socket.destroy();
		// The snapshot transaction ended: the engine answers others again.
		const { rows } = await sql<{ n: string }>`select count(*)::text as n from doc_update`.execute(database.db);
		expect(rows[0]!.n).toBe('30000');
	});

	it('answers a probe: a server is there', async () => {
		expect(await requestLiveBackup(dir)).toBe(true);
	});

	it('says no server is there once it has closed, and removes its socket', async () => {
		await live!.close();
		live = undefined;
		expect(existsSync(liveSocketPath(dir))).toBe(false);
		expect(await requestLiveBackup(dir)).toBe(false);
	});
});

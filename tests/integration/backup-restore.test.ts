import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations';
import { BackupError, restoreBackup, writeBackup } from '../../server/backup';
import { loadDocument } from '../../server/collab/load';
import { openDatabase, type Database } from '../../server/db/database';
import type { DB } from '../../server/db/schema';
import { migrateToLatest, openMigratedDatabase } from '../../server/db/migrate';
import { seedDemo } from '../../server/demo/seed';
import { sha256 } from '../../server/minutes/versions';
import { createTestDatabase, engines } from '../support/database';
import { makeUser } from '../support/factories';

/** Every row of every table of the app, as PostgreSQL renders it, in key order. */
async function contents(db: Kysely<DB>): Promise<Record<string, string[]>> {
	const { rows: tables } = await sql<{ name: string }>`
		select relname as name from pg_class where relnamespace = current_schema()::regnamespace and relkind = 'r'
		and relname not like 'kysely_%' order by relname`.execute(db);
	const out: Record<string, string[]> = {};
	for (const { name } of tables) {
		const { rows } = await sql<{ j: string }>`select row_to_json(t)::text as j from ${sql.table(name)} t`.execute(db);
		out[name] = rows.map((r) => r.j).sort();
	}
	return out;
}

const counts = (c: Record<string, string[]>) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v.length]));

async function backupTo(db: Kysely<DB>, file: string, engine: string) {
	return writeBackup(db, createWriteStream(file), engine);
}

async function refusal(promise: Promise<unknown>): Promise<BackupError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(BackupError);
	return error as BackupError;
}

for (const engine of engines) {
	describe(`backup and restore [${engine}]`, () => {
		let source: Database;
		let target: Database;
		let dir: string;
		let file: string;
		let original: Record<string, string[]>;

		beforeAll(async () => {
			dir = await mkdtemp(join(tmpdir(), 'concord-backup-'));
			file = join(dir, 'demo.backup');
			[source, target] = await Promise.all([createTestDatabase(engine), createTestDatabase(engine, { migrate: false })]);
			await seedDemo(source.db, new Date('2026-11-28T00:00:00Z'));
			// The demo's documents are compacted into snapshots; typing since leaves log rows too.
			const typed = new Y.Doc();
			typed.getText('notes').insert(0, 'บันทึกหลังการสำรองข้อมูล \u0000\uffff');
			const update = Y.encodeStateAsUpdate(typed);
			expect(update.includes(0)).toBe(true);
			await source.db.insertInto('doc_update').values({ doc_name: 'test:typed', data: update }).execute();
			original = await contents(source.db);
		});
		afterAll(async () => {
			await Promise.all([source?.close(), target?.close()]);
			await rm(dir, { recursive: true, force: true });
		});

		it('restores a backup of the demo into an empty database, every row of every table as it was', async () => {
			const written = await backupTo(source.db, file, engine);
			expect(written.migrations).toEqual(Object.keys(migrations).sort());
			expect(written.rows).toBe(Object.values(original).reduce((n, rows) => n + rows.length, 0));

			const restored = await restoreBackup(target.db, createReadStream(file));
			expect(restored).toEqual({ tables: written.tables, rows: written.rows, migrated: [] });
			const copy = await contents(target.db);
			expect(counts(copy)).toEqual(counts(original));
			expect(copy).toEqual(original);
			for (const table of ['doc_update', 'doc_snapshot', 'minutes_version', 'audit_event', 'meeting', 'action_item']) {
				expect(copy[table]!.length, table).toBeGreaterThan(0);
			}
		});

		it('gives back the live documents byte for byte, and they load to the same content', async () => {
			const names = async (db: Kysely<DB>) =>
				(await sql<{ n: string }>`select doc_name as n from doc_snapshot union select doc_name from doc_update order by 1`.execute(db)).rows.map((r) => r.n);
			const docs = await names(source.db);
			expect(docs.length).toBeGreaterThan(0);
			expect(await names(target.db)).toEqual(docs);
			const bytes = (db: Kysely<DB>) =>
				sql<{ data: Uint8Array }>`select data from doc_update order by doc_name, id`.execute(db).then((r) => r.rows.map((x) => Buffer.from(x.data)));
			expect(await bytes(target.db)).toEqual(await bytes(source.db));
			for (const name of docs) {
				const [a, b] = await Promise.all([loadDocument(source.db, name), loadDocument(target.db, name)]);
				expect(b.doc.toJSON(), name).toEqual(a.doc.toJSON());
				expect(Object.keys(b.doc.toJSON()).length).toBeGreaterThan(0);
			}
		});

		it('keeps approved minutes verifiable by their hashes, and the audit log whole and still append-only', async () => {
			const versions = await target.db.selectFrom('minutes_version').select(['id', 'sha256', 'content_markdown']).execute();
			expect(versions.length).toBeGreaterThan(0);
			for (const v of versions) expect(sha256(v.content_markdown)).toBe(v.sha256);
			const audit = (db: Kysely<DB>) =>
				sql<{ j: string }>`select row_to_json(a)::text as j from audit_event a order by id`.execute(db).then((r) => r.rows.map((x) => x.j));
			expect(await audit(target.db)).toEqual(await audit(source.db));
			await expect(sql`delete from audit_event`.execute(target.db)).rejects.toThrow();
		});

		it('restores the sequences: new rows take fresh ids', async () => {
			const max = async (db: Kysely<DB>) => Number((await sql<{ m: string }>`select max(id)::text as m from audit_event`.execute(db)).rows[0]!.m);
			const before = await max(target.db);
			const user = await makeUser(target.db);
			await target.db
				.insertInto('audit_event')
				.values({ actor_id: user.id, action: 'test.after_restore', target_type: 'user', target_id: user.id, outcome: 'success' })
				.execute();
			expect(await max(target.db)).toBe(before + 1);
		});

		it('refuses a database that holds data, in one sentence, and changes nothing', async () => {
			const before = counts(await contents(target.db));
			const error = await refusal(restoreBackup(target.db, createReadStream(file)));
			expect(error.message).toBe('The target database already holds data; restore only into an empty one, or pass --force to replace its contents.');
			expect(counts(await contents(target.db))).toEqual(before);
		});

		it('with force, replaces the contents with the backup', async () => {
			await restoreBackup(target.db, createReadStream(file), { force: true });
			expect(await contents(target.db)).toEqual(original);
		});

		it('tells a truncated, a damaged, a foreign and a newer file apart, and leaves the database as it was even with force', async () => {
			const whole = await readFile(file);
			const cases: [string, Buffer, RegExp][] = [
				['truncated', whole.subarray(0, Math.floor(whole.length / 2)), /truncated/],
				['damaged', Buffer.concat([whole.subarray(0, 2000), Buffer.from(whole.subarray(2000, 2100).map((b) => b ^ 0xff)), whole.subarray(2100)]), /corrupt/],
				['plain text', Buffer.from('id,name\n1,x\n'), /not a Concord backup/],
				['other gzip', gzipSync('{"hello":"world"}\n'), /not a Concord backup/],
				[
					'newer schema',
					gzipSync(
						JSON.stringify({ concord: 'backup', format: 1, createdAt: '', engine, migrations: [...Object.keys(migrations), '20991231T0000_future'] }) + '\n'
					),
					/newer Concord.*20991231T0000_future.*upgrade Concord/
				],
				['newer format', gzipSync(JSON.stringify({ concord: 'backup', format: 99, createdAt: '', engine, migrations: [] }) + '\n'), /newer Concord/]
			];
			for (const [name, bytes, message] of cases) {
				const bad = join(dir, `${name}.backup`);
				await writeFile(bad, bytes);
				const error = await refusal(restoreBackup(target.db, createReadStream(bad), { force: true }));
				expect(error.message, name).toMatch(message);
			}
			expect(await contents(target.db)).toEqual(original);
		});
	});

	describe(`a backup from an older Concord [${engine}]`, () => {
		const names = Object.keys(migrations).sort();
		const older = Object.fromEntries(names.slice(0, -1).map((n) => [n, migrations[n]!]));
		let old: Database;
		let fresh: Database;
		let dir: string;

		beforeAll(async () => {
			dir = await mkdtemp(join(tmpdir(), 'concord-backup-'));
			[old, fresh] = await Promise.all([createTestDatabase(engine, { migrate: false }), createTestDatabase(engine, { migrate: false })]);
			await migrateToLatest(old.db, older);
		});
		afterAll(async () => {
			await Promise.all([old?.close(), fresh?.close()]);
			await rm(dir, { recursive: true, force: true });
		});

		it('is restored at its own schema version, then migrated to this one', async () => {
			const user = await makeUser(old.db);
			const file = join(dir, 'old.backup');
			const written = await writeBackup(old.db, createWriteStream(file), engine);
			expect(written.migrations).toEqual(names.slice(0, -1));
			const restored = await restoreBackup(fresh.db, createReadStream(file));
			expect(restored.migrated).toEqual([names.at(-1)]);
			const applied = (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(fresh.db)).rows.map((r) => r.name);
			expect(applied).toEqual(names);
			expect(await fresh.db.selectFrom('app_user').select('username').where('id', '=', user.id).executeTakeFirst()).toEqual({ username: user.username });
		});
	});
}

for (const engine of engines.filter((e) => e === 'postgres')) {
	describe(`with the app's own role on PostgreSQL [${engine}]`, () => {
		const base = process.env.TEST_DATABASE_URL!;
		const suffix = randomBytes(5).toString('hex');
		const [owner, app, name, password] = [`concord_owner_${suffix}`, `concord_app_${suffix}`, `concord_t_${suffix}`, randomBytes(12).toString('hex')];
		const urlFor = (role: string) => Object.assign(new URL(base), { username: role, password, pathname: `/${name}` }).toString();
		const asSuperuser = async (...statements: string[]) => {
			const c = new pg.Client({ connectionString: base });
			await c.connect();
			for (const s of statements) await c.query(s);
			await c.end();
		};
		let appDb: Database | undefined;
		let ownerDb: Database | undefined;
		let dir: string;

		beforeAll(async () => {
			dir = await mkdtemp(join(tmpdir(), 'concord-backup-'));
			await asSuperuser(
				`create role ${owner} login password '${password}'`,
				`create role ${app} login password '${password}'`,
				`create database ${name} owner ${owner}`
			);
			appDb = await openMigratedDatabase({ url: urlFor(app), migrationUrl: urlFor(owner), poolSize: 2 });
			ownerDb = await openDatabase({ url: urlFor(owner), poolSize: 1 });
		});
		afterAll(async () => {
			await appDb?.close();
			await ownerDb?.close();
			await asSuperuser(`drop database if exists ${name} with (force)`, `drop role if exists ${app}`, `drop role if exists ${owner}`);
			await rm(dir, { recursive: true, force: true });
		});

		it('the app backs up with its own rights, and the schema owner restores', async () => {
			const user = await makeUser(appDb!.db);
			await appDb!.db
				.insertInto('audit_event')
				.values({ actor_id: user.id, action: 'test.before_backup', target_type: 'user', target_id: user.id, outcome: 'success' })
				.execute();
			const file = join(dir, 'app.backup');
			await writeBackup(appDb!.db, createWriteStream(file), 'postgres');
			const original = await contents(ownerDb!.db);
			await restoreBackup(ownerDb!.db, createReadStream(file), { force: true });
			expect(await contents(ownerDb!.db)).toEqual(original);
			// The audit log's sequence went on where it was: the next row does not collide.
			await ownerDb!.db
				.insertInto('audit_event')
				.values({ actor_id: user.id, action: 'test.after_restore', target_type: 'user', target_id: user.id, outcome: 'success' })
				.execute();
		});
	});
}

if (engines.includes('postgres')) {
	describe('a backup moves between engines', () => {
		let from: Database;
		let to: Database;
		let dir: string;

		beforeAll(async () => {
			dir = await mkdtemp(join(tmpdir(), 'concord-backup-'));
			[from, to] = await Promise.all([createTestDatabase('postgres'), createTestDatabase('pglite', { migrate: false })]);
			await seedDemo(from.db, new Date('2026-11-28T00:00:00Z'));
		});
		afterAll(async () => {
			await Promise.all([from?.close(), to?.close()]);
			await rm(dir, { recursive: true, force: true });
		});

		it('from PostgreSQL into the embedded engine, every row as it was', async () => {
			const file = join(dir, 'move.backup');
			await writeBackup(from.db, createWriteStream(file), 'postgres');
			await restoreBackup(to.db, createReadStream(file));
			expect(await contents(to.db)).toEqual(await contents(from.db));
		});
	});
}

import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, searchAudit } from '../../server/audit';
import { readConfig } from '../../server/config';
import { openDatabase, type Database } from '../../server/db/database';
import { AppRoleError } from '../../server/db/grants';
import { migrateToLatest, openMigratedDatabase } from '../../server/db/migrate';
import type { DB } from '../../server/db/schema';
import { startRuntime, stopRuntime } from '../../server/runtime';
import { describeEachEngine, engines } from '../support/database';
import { makeBody, makeUser } from '../support/factories';

async function writeOne(db: Kysely<DB>, action: string): Promise<number> {
	await audit(db, { actorId: null, action, outcome: 'success', detail: { note: 'evidence' } });
	const [row] = await searchAudit(db, { action, limit: 1 });
	return Number(row!.id);
}

async function failure(query: Promise<unknown>): Promise<{ code?: string; message: string }> {
	const error = await query.then(
		() => undefined,
		(e: unknown) => e as { code?: string; message: string }
	);
	if (!error) throw new Error('the statement was allowed');
	return error;
}

describeEachEngine('the audit log refuses change, whoever asks', (use) => {
	it('takes new rows and reads them back', async () => {
		const { db } = use();
		const id = await writeOne(db, 'test.append');
		const [row] = await searchAudit(db, { action: 'test.append' });
		expect(Number(row!.id)).toBe(id);
		expect(row!.detail).toEqual({ note: 'evidence' });
	});

	it('refuses updating, deleting and truncating its rows, even to the connection that created the table', async () => {
		const { db } = use();
		const id = await writeOne(db, 'test.kept');
		for (const statement of [
			sql`update audit_event set outcome = 'denied' where id = ${id}`,
			sql`delete from audit_event where id = ${id}`,
			sql`truncate audit_event`
		]) {
			const e = await failure(statement.execute(db));
			expect(e.message).toMatch(/append-only/);
		}
		const [row] = await searchAudit(db, { action: 'test.kept' });
		expect(row!.outcome).toBe('success');
	});
});

/** A database owned by a role of its own, and the app's role beside it, both made and dropped by the test. */
function separateRoles() {
	const base = process.env.TEST_DATABASE_URL!;
	const suffix = randomBytes(5).toString('hex');
	const owner = `concord_owner_${suffix}`;
	const app = `concord_app_${suffix}`;
	const name = `concord_t_${suffix}`;
	const password = randomBytes(12).toString('hex');
	const urlFor = (role: string) => {
		const url = new URL(base);
		url.username = role;
		url.password = password;
		url.pathname = `/${name}`;
		return url.toString();
	};
	const asSuperuser = async (...statements: string[]) => {
		const c = new pg.Client({ connectionString: base });
		await c.connect();
		try {
			for (const s of statements) await c.query(s);
		} finally {
			await c.end();
		}
	};
	return {
		owner,
		app,
		ownerUrl: urlFor(owner),
		appUrl: urlFor(app),
		create: () =>
			asSuperuser(
				`create role ${owner} login password '${password}'`,
				`create role ${app} login password '${password}'`,
				`create database ${name} owner ${owner}`
			),
		drop: () => asSuperuser(`drop database if exists ${name} with (force)`, `drop role if exists ${app}`, `drop role if exists ${owner}`)
	};
}

for (const engine of engines.filter((e) => e === 'postgres')) {
	describe(`the app's role on PostgreSQL cannot touch the audit log [${engine}]`, () => {
		const roles = separateRoles();
		let database: Database | undefined;
		let ownerDatabase: Database | undefined;
		const app = () => database!.db;

		beforeAll(async () => {
			await roles.create();
			database = await openMigratedDatabase({ url: roles.appUrl, migrationUrl: roles.ownerUrl, poolSize: 2 });
			ownerDatabase = await openDatabase({ url: roles.ownerUrl, poolSize: 1 });
		});
		afterAll(async () => {
			await database?.close();
			await ownerDatabase?.close();
			await roles.drop();
		});

		it('runs as the app role, not the owner', async () => {
			const { rows } = await sql<{ role: string }>`select current_user as role`.execute(app());
			expect(rows[0]!.role).toBe(roles.app);
		});

		it('writes an audit row through the audit module and reads it back', async () => {
			const id = await writeOne(app(), 'test.as_app');
			expect(id).toBeGreaterThan(0);
			expect((await searchAudit(app(), { action: 'test.as_app' })).length).toBe(1);
		});

		it('keeps every right the app needs on its other tables', async () => {
			const user = await makeUser(app());
			await makeBody(app());
			await app().updateTable('app_user').set({ display_name: 'Renamed' }).where('id', '=', user.id).execute();
			await app().deleteFrom('app_user').where('id', '=', user.id).execute();
			expect(await app().selectFrom('app_user').where('id', '=', user.id).select('id').executeTakeFirst()).toBeUndefined();
		});

		it('is refused updating, deleting or truncating audit rows by privilege, before any trigger', async () => {
			const id = await writeOne(app(), 'test.privilege');
			for (const statement of [
				sql`update audit_event set outcome = 'denied' where id = ${id}`,
				sql`delete from audit_event where id = ${id}`,
				sql`truncate audit_event`
			]) {
				const e = await failure(statement.execute(app()));
				expect(e.code).toBe('42501');
				expect(e.message).toMatch(/permission denied for table audit_event/);
			}
		});

		it('cannot alter the table, disable, drop or replace its trigger, or switch triggers off', async () => {
			for (const statement of [
				'alter table audit_event disable trigger audit_event_no_change',
				'alter table audit_event disable trigger all',
				'drop trigger audit_event_no_truncate on audit_event',
				'alter table audit_event add column note text',
				'alter table audit_event owner to current_user',
				'drop table audit_event',
				'create or replace function audit_event_immutable() returns trigger language plpgsql as $$ begin return new; end $$'
			]) {
				const e = await failure(sql.raw(statement).execute(app()));
				expect(e.code, statement).toBe('42501');
				// Replacing the function is refused for want of rights on the schema before ownership is asked.
				expect(e.message, statement).toMatch(/must be owner|permission denied for schema/);
			}
			const replica = await failure(sql`set session_replication_role = replica`.execute(app()));
			expect(replica.message).toMatch(/permission denied/);
			const { rows } = await sql<{ tgname: string; tgenabled: string }>`
				select tgname, tgenabled from pg_trigger where tgrelid = 'audit_event'::regclass and not tgisinternal
				order by tgname`.execute(app());
			expect(rows).toEqual([
				{ tgname: 'audit_event_no_change', tgenabled: 'O' },
				{ tgname: 'audit_event_no_truncate', tgenabled: 'O' }
			]);
		});

		it('cannot grant itself more', async () => {
			// A grant without the grant option is a warning, not an error: check what it left.
			await sql`grant update, delete, truncate on audit_event to current_user`.execute(app()).catch(() => undefined);
			const { rows } = await sql<{ update: boolean; delete: boolean; truncate: boolean; insert: boolean; select: boolean }>`
				select has_table_privilege('audit_event', 'update') as update,
					has_table_privilege('audit_event', 'delete') as delete,
					has_table_privilege('audit_event', 'truncate') as truncate,
					has_table_privilege('audit_event', 'insert') as insert,
					has_table_privilege('audit_event', 'select') as select`.execute(app());
			expect(rows[0]).toEqual({ update: false, delete: false, truncate: false, insert: true, select: true });
		});

		it('reads the migration history but cannot write it, and finds the schema current', async () => {
			const e = await failure(sql`delete from kysely_migration`.execute(app()));
			expect(e.message).toMatch(/permission denied/);
			expect(await migrateToLatest(app())).toEqual([]);
		});

		it('gets the same rights on tables a later migration creates', async () => {
			await sql`create table later_table (id bigserial primary key, v text)`.execute(ownerDatabase!.db);
			await sql`insert into later_table (v) values ('x')`.execute(app());
			await sql`update later_table set v = 'y'`.execute(app());
			const e = await failure(sql`truncate later_table`.execute(app()));
			expect(e.message).toMatch(/permission denied/);
		});

		it('starts the server on the app role with migrations on the owner', async () => {
			const config = { ...readConfig({}), databaseUrl: roles.appUrl, migrationDatabaseUrl: roles.ownerUrl, logLevel: 'silent' as const };
			const started = await startRuntime(config);
			try {
				expect(started.database.engine).toBe('postgres');
				const { rows } = await sql<{ role: string }>`select current_user as role`.execute(started.database.db);
				expect(rows[0]!.role).toBe(roles.app);
				expect(await writeOne(started.database.db, 'test.runtime')).toBeGreaterThan(0);
			} finally {
				await stopRuntime();
			}
		});

		it('refuses to start when the app would connect as the owner of the audit log', async () => {
			const e = await failure(openMigratedDatabase({ url: roles.ownerUrl, migrationUrl: roles.ownerUrl, poolSize: 1 }));
			expect(e).toBeInstanceOf(AppRoleError);
			expect(e.message).toMatch(/owns the audit log/);
		});
	});
}

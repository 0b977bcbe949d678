import { sql, type Kysely, type RawBuilder } from 'kysely';
import { log } from '../log';

/** Thrown when the role the app connects as could change or remove the audit log. */
export class AppRoleError extends Error {
	override name = 'AppRoleError';
}

/** The one value of a one-row, one-column query. */
export async function scalar<T>(db: Kysely<any>, query: RawBuilder<{ value: T }>): Promise<T> {
	const { rows } = await query.execute(db);
	if (!rows[0]) throw new Error('expected one row');
	return rows[0].value;
}

/** The role a connection's queries run as. */
export function currentRole(db: Kysely<any>): Promise<string> {
	return scalar(db, sql<{ value: string }>`select current_user as value`);
}

/** Kysely's bookkeeping: the app may read it (to see the schema is current) but never write it. */
const migrationTables = ['kysely_migration', 'kysely_migration_lock'];

/**
 * Gives the app's role what it needs and nothing more, run by the schema's
 * owner after migrating: rows of every table, but on `audit_event` only
 * select and insert; usage of sequences; the same on tables later migrations
 * create (default privileges of the owner). Ownership stays with the owner, so
 * the app cannot alter `audit_event`, disable its trigger or truncate it.
 * Idempotent; run after every migration so a narrowed grant is narrowed again.
 */
export async function grantAppRole(db: Kysely<any>, role: string): Promise<void> {
	await db.transaction().execute(async (trx) => {
		// Concurrent GRANTs on one object fail with "tuple concurrently updated".
		await sql`select pg_advisory_xact_lock(hashtext('concord.grants'))`.execute(trx);
		await assertCannotOwnAudit(trx, role);
		const schema = sql.id(await scalar(trx, sql<{ value: string }>`select current_schema() as value`));
		const to = sql.id(role);
		const table = (name: string) => sql`${schema}.${sql.id(name)}`;
		for (const statement of [
			sql`grant select, insert, update, delete on all tables in schema ${schema} to ${to}`,
			sql`revoke truncate, references, trigger on all tables in schema ${schema} from ${to}`,
			sql`revoke all on ${table('audit_event')} from ${to}`,
			sql`grant select, insert on ${table('audit_event')} to ${to}`,
			...migrationTables.flatMap((t) => [sql`revoke all on ${table(t)} from ${to}`, sql`grant select on ${table(t)} to ${to}`]),
			sql`grant usage on all sequences in schema ${schema} to ${to}`,
			sql`alter default privileges in schema ${schema} grant select, insert, update, delete on tables to ${to}`,
			sql`alter default privileges in schema ${schema} grant usage on sequences to ${to}`
		]) {
			await statement.execute(trx);
		}
	});
	log.info('db.granted', { role });
}

/**
 * The grants mean nothing to a superuser, to the owner of `audit_event`, or to
 * a role that may act as its owner: such a role could drop the trigger.
 */
async function assertCannotOwnAudit(db: Kysely<any>, role: string): Promise<void> {
	const { rows } = await sql<{ superuser: boolean; owner: boolean }>`
		select r.rolsuper as superuser, pg_has_role(r.oid, c.relowner, 'MEMBER') as owner
		from pg_roles r, pg_class c
		where r.rolname = ${role} and c.oid = 'audit_event'::regclass`.execute(db);
	const found = rows[0];
	if (!found) throw new AppRoleError(`Role "${role}" does not exist.`);
	if (found.superuser || found.owner) {
		throw new AppRoleError(
			`The app's role "${role}" ${found.superuser ? 'is a superuser' : 'owns the audit log (or may act as its owner)'}, ` +
				'so it could change or remove audit rows. Connect DATABASE_URL as a role of its own and MIGRATION_DATABASE_URL as the owner (docs/database-roles.md).'
		);
	}
}

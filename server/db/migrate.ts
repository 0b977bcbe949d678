import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import { migrations } from '../../migrations';
import { log } from '../log';
import { openDatabase, type Database, type OpenOptions } from './database';
import { AppRoleError, currentRole, grantAppRole, scalar } from './grants';

export class MigrationError extends Error {
	constructor(
		readonly migration: string | undefined,
		override readonly cause: unknown
	) {
		super(
			`Migration ${migration ?? '(unknown)'} failed: ${cause instanceof Error ? cause.message : String(cause)}. ` +
				'No migration was applied; the database is as it was before start-up.'
		);
		this.name = 'MigrationError';
	}
}

/**
 * Brings the schema up to date. All pending migrations run in one transaction
 * (PostgreSQL has transactional DDL), so a failure leaves the database untouched.
 */
export async function migrateToLatest(db: Kysely<any>, set: Record<string, Migration> = migrations): Promise<string[]> {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: async () => set }
	});
	const { error, results } = await migrator.migrateToLatest();
	if (error) {
		const failed = results?.find((r) => r.status === 'Error')?.migrationName;
		throw new MigrationError(failed, error);
	}
	const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
	if (applied.length) log.info('db.migrated', { applied });
	return applied;
}

export interface MigratedOptions extends OpenOptions {
	/** The schema owner's connection string; when set, migrations run through it and the app's role gets its grants. */
	migrationUrl?: string;
	/** Further roles to grant the app's rights to (`npm run migrate -- --grant <role>`). */
	grantTo?: string[];
}

/**
 * Opens the app's database with its schema up to date. With a migration URL the
 * owner migrates and grants, and the app keeps only its own connection, which
 * cannot alter the schema or the audit log; without one, the app's connection
 * migrates as before.
 */
export async function openMigratedDatabase(options: MigratedOptions): Promise<Database> {
	const { migrationUrl, grantTo = [], ...open } = options;
	if (migrationUrl && !open.url) {
		throw new AppRoleError('MIGRATION_DATABASE_URL needs DATABASE_URL: the embedded engine has a single owner.');
	}
	const database = await openDatabase(open);
	try {
		if (!migrationUrl) {
			await migrateToLatest(database.db);
			for (const role of grantTo) await grantAppRole(database.db, role);
			return database;
		}
		const owner = await openDatabase({ url: migrationUrl, poolSize: 1 });
		try {
			await assertSameDatabase(owner, database);
			await migrateToLatest(owner.db);
			for (const role of [await currentRole(database.db), ...grantTo]) await grantAppRole(owner.db, role);
		} finally {
			await owner.close();
		}
		return database;
	} catch (err) {
		await database.close();
		throw err;
	}
}

async function assertSameDatabase(owner: Database, app: Database): Promise<void> {
	const name = (d: Database) => scalar(d.db, sql<{ value: string }>`select current_database() as value`);
	const [a, b] = await Promise.all([name(owner), name(app)]);
	if (a !== b) throw new AppRoleError(`MIGRATION_DATABASE_URL opens database "${a}" but DATABASE_URL opens "${b}".`);
}

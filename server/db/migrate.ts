import { Migrator, type Kysely, type Migration } from 'kysely';
import { migrations } from '../../migrations';
import { log } from '../log';

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
export async function migrateToLatest(
	db: Kysely<any>,
	set: Record<string, Migration> = migrations
): Promise<string[]> {
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

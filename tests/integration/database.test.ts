import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations';
import { isReachable } from '../../server/db/database';
import { migrateToLatest, MigrationError } from '../../server/db/migrate';
import { createTestDatabase, engines } from '../support/database';

for (const engine of engines) {
	describe(`database start-up [${engine}]`, () => {
		it('applies every migration once and reports nothing pending the second time', async () => {
			const database = await createTestDatabase(engine, { migrate: false });
			try {
				const first = await migrateToLatest(database.db);
				expect(first).toEqual(Object.keys(migrations));
				expect(await migrateToLatest(database.db)).toEqual([]);
				expect(await isReachable(database.db)).toBe(true);
			} finally {
				await database.close();
			}
		});

		it('stops on a failing migration with a clear message and changes nothing', async () => {
			const database = await createTestDatabase(engine, { migrate: false });
			try {
				const broken = {
					...migrations,
					'29990101T0000_broken': {
						async up(db: Parameters<typeof migrateToLatest>[0]) {
							await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
							await sql`select * from table_that_does_not_exist`.execute(db);
						}
					}
				};
				const error = await migrateToLatest(database.db, broken).catch((e: unknown) => e);
				expect(error).toBeInstanceOf(MigrationError);
				expect((error as MigrationError).migration).toBe('29990101T0000_broken');
				expect((error as Error).message).toMatch(/29990101T0000_broken failed.*No migration was applied/);
				const tables = await sql<{ n: number }>`
					select count(*)::int as n from information_schema.tables
					where table_schema = 'public' and table_name in ('half_done', 'app_user')`.execute(database.db);
				expect(tables.rows[0]?.n).toBe(0);
			} finally {
				await database.close();
			}
		});

		it('reads counts as numbers and SQL dates as plain strings on every engine', async () => {
			const database = await createTestDatabase(engine);
			try {
				const row = await sql<{ n: number; d: string }>`select count(*) as n, date '2026-03-01' as d`.execute(database.db);
				expect(row.rows[0]).toEqual({ n: 1, d: '2026-03-01' });
			} finally {
				await database.close();
			}
		});
	});
}

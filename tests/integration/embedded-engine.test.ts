import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/database';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a statement that must fail threw. */
async function failure(statement: Promise<unknown>): Promise<Error & Record<string, unknown>> {
	try {
		await statement;
	} catch (error) {
		return error as Error & Record<string, unknown>;
	}
	throw new Error('the statement succeeded');
}

/** The embedded engine runs on a worker thread; these are the promises its Kysely dialect keeps. */
describe('the embedded engine on its own thread', () => {
	let database: Database;

	beforeAll(async () => {
		database = await openDatabase({ dataDir: 'memory://' });
		await sql`create table note (id serial primary key, body text not null unique)`.execute(database.db);
	});
	afterAll(() => database?.close());

	it("reports PostgreSQL's error fields, with a stack that shows who asked", async () => {
		const { db } = database;
		const missing = await failure(sql`select * from table_that_does_not_exist`.execute(db));
		expect(missing).toBeInstanceOf(Error);
		expect(missing.message).toBe('relation "table_that_does_not_exist" does not exist');
		expect(missing.code).toBe('42P01');
		expect(missing.stack).toContain('embedded-engine.test.ts');

		await db
			.insertInto('note' as never)
			.values({ body: 'หนึ่ง' } as never)
			.execute();
		const duplicate = await failure(
			db
				.insertInto('note' as never)
				.values({ body: 'หนึ่ง' } as never)
				.execute()
		);
		expect(duplicate.code).toBe('23505');
		expect(duplicate.constraint).toBe('note_body_key');
	});

	it('parses every type of column as the engine itself would, arrays of any type included', async () => {
		const { rows } = await sql<Record<string, unknown>>`
			select 7::int8 as count, date '2569-01-15' as day, timestamptz '2026-11-29 10:00+07' as at, true as flag, '{"ก": 1}'::jsonb as doc,
			       array[1, 2]::int8[] as counts, array[timestamptz '2026-11-29 10:00+07'] as times, array['ก', 'ข'] as words,
			       array[inet '192.0.2.1'] as hosts, array[point(1, 2)] as points, array[3]::int8[] as counts,
			       array['2026-11-29'::date] as days`.execute(database.db);
		expect(rows[0]).toEqual({
			count: 7,
			day: '2569-01-15',
			at: new Date('2026-11-29T03:00:00Z'),
			flag: true,
			doc: { ก: 1 },
			// Where two columns share a name, the row holds the last.
			counts: [3],
			times: [new Date('2026-11-29T03:00:00Z')],
			words: ['ก', 'ข'],
			hosts: ['192.0.2.1'],
			points: ['(1,2)'],
			days: ['2026-11-29']
		});
	});

	it('answers many statements sent at once, each with its own rows, in order', async () => {
		const answers = await Promise.all(
			Array.from({ length: 200 }, (_, i) => sql<{ n: number; t: string }>`select ${i}::int as n, ${`ข้อ ${i}`}::text as t`.execute(database.db))
		);
		expect(answers.map((a) => a.rows[0])).toEqual(Array.from({ length: 200 }, (_, i) => ({ n: i, t: `ข้อ ${i}` })));
	});

	it('keeps statements from outside a transaction out of it until it ends', async () => {
		const { db } = database;
		let inserted!: () => void;
		const insertedInside = new Promise<void>((resolve) => (inserted = resolve));
		let finish!: () => void;
		const finished = new Promise<void>((resolve) => (finish = resolve));
		const transaction = db.transaction().execute(async (tx) => {
			await sql`insert into note (body) values ('ในธุรกรรม')`.execute(tx);
			inserted();
			await finished;
			throw new Error('roll it back');
		});
		await insertedInside;

		// Sent while the transaction is open: neither may run inside it.
		const outsideInsert = sql`insert into note (body) values ('นอกธุรกรรม')`.execute(db);
		const outsideRead = sql<{ n: number }>`select count(*)::int as n from note where body = 'ในธุรกรรม'`.execute(db);
		const early = await Promise.race([outsideRead.then(() => 'answered'), sleep(150).then(() => 'waiting')]);
		expect(early).toBe('waiting');

		finish();
		await expect(transaction).rejects.toThrow('roll it back');
		await outsideInsert;
		expect((await outsideRead).rows[0]!.n).toBe(0);
		// The rollback took the transaction's row only; the outside insert was its own.
		const bodies = await sql<{ body: string }>`select body from note where body in ('ในธุรกรรม', 'นอกธุรกรรม')`.execute(db);
		expect(bodies.rows).toEqual([{ body: 'นอกธุรกรรม' }]);
	});

	it('runs transactions one after another when they are started together', async () => {
		const { db } = database;
		await sql`create table counter (n int not null)`.execute(db);
		await sql`insert into counter values (0)`.execute(db);
		await Promise.all(
			Array.from({ length: 20 }, () =>
				db.transaction().execute(async (tx) => {
					const { rows } = await sql<{ n: number }>`select n from counter`.execute(tx);
					await sleep(1);
					await sql`update counter set n = ${rows[0]!.n + 1}`.execute(tx);
				})
			)
		);
		expect((await sql<{ n: number }>`select n from counter`.execute(db)).rows[0]!.n).toBe(20);
	});

	it('refuses a data directory of another PostgreSQL major version by naming both, and leaves it as it was', async () => {
		const dataDir = await mkdtemp(join(tmpdir(), 'concord-old-engine-'));
		try {
			await writeFile(join(dataDir, 'PG_VERSION'), '9\n');
			await expect(openDatabase({ dataDir })).rejects.toThrow(/made by PostgreSQL 9; this Concord embeds PostgreSQL \d+, which cannot open it/);
			expect(await readdir(dataDir)).toEqual(['PG_VERSION']);
			expect(await readFile(join(dataDir, 'PG_VERSION'), 'utf8')).toBe('9\n');
		} finally {
			await rm(dataDir, { recursive: true, force: true });
		}
	});

	it('starts another engine on a copy of its data directory, which goes its own way from there', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'concord-archive-'));
		try {
			await sql`insert into note (body) values ('ก่อนสำเนา')`.execute(database.db);
			const file = join(dir, 'data.tar');
			await writeFile(file, await database.archive!());
			const copy = await openDatabase({ dataDir: 'memory://', startFrom: file });
			try {
				const bodies = async (d: Database) => (await sql<{ body: string }>`select body from note order by id`.execute(d.db)).rows.map((r) => r.body);
				expect(await bodies(copy)).toEqual(await bodies(database));
				expect(await bodies(copy)).toContain('ก่อนสำเนา');
				await sql`insert into note (body) values ('หลังสำเนา')`.execute(copy.db);
				expect(await bodies(copy)).toContain('หลังสำเนา');
				expect(await bodies(database)).not.toContain('หลังสำเนา');
			} finally {
				await copy.close();
			}
			// A file that is no archive of a data directory is refused, not taken for an empty one.
			await writeFile(file, 'not a tar');
			await expect(openDatabase({ dataDir: 'memory://', startFrom: file })).rejects.toThrow();
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});

	it('refuses statements once closed, with a clear message', async () => {
		const other = await openDatabase({ dataDir: 'memory://' });
		await other.close();
		await expect(sql`select 1`.execute(other.db)).rejects.toThrow(/closed|destroyed/);
	});
});

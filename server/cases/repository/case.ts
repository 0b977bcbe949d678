import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { DB } from '../../db/schema';
import type { CaseFileTable } from '../../db/schema-cases';

/** The SQL of case files: the case, its code and status, its body. Callers have checked access; nothing here audits. */

export function getCase(db: Kysely<DB>, caseId: string) {
	return db
		.selectFrom('case_file as c')
		.innerJoin('body as b', 'b.id', 'c.body_id')
		.leftJoin('intake_report as r', 'r.id', 'c.intake_report_id')
		.select([
			'c.id',
			'c.code',
			'c.body_id',
			'c.category',
			'c.sex',
			'c.age_band',
			'c.status',
			'c.opened_on',
			'c.closed_on',
			'c.created_at',
			'b.name_th as body_th',
			'b.name_en as body_en',
			'r.reference as intake_reference'
		])
		.where('c.id', '=', caseId)
		.executeTakeFirst();
}

/** The case's code and body. */
export function caseHead(db: Kysely<DB>, caseId: string) {
	return db.selectFrom('case_file').select(['id', 'code', 'body_id']).where('id', '=', caseId).executeTakeFirstOrThrow();
}

export function bodyOfCase(db: Kysely<DB>, caseId: string) {
	return db.selectFrom('case_file').select('body_id').where('id', '=', caseId).executeTakeFirstOrThrow();
}

export function bodyName(db: Kysely<DB>, bodyId: string) {
	return db.selectFrom('body').select(['id', 'name_th', 'name_en']).where('id', '=', bodyId).executeTakeFirstOrThrow();
}

/** The prefix of the body's case codes, empty when it has none. */
export function casePrefix(db: Kysely<DB>, bodyId: string) {
	return db.selectFrom('body').select(['case_prefix']).where('id', '=', bodyId).executeTakeFirstOrThrow();
}

/** Locks the case row so that team changes of one case happen one at a time. */
export function lockCase(db: Kysely<DB>, caseId: string) {
	return db.selectFrom('case_file').select(['id', 'body_id', 'status']).where('id', '=', caseId).forUpdate().executeTakeFirstOrThrow();
}

/** The case's status and categories, locked until the transaction ends. */
export function lockStatusAndCategories(db: Kysely<DB>, caseId: string) {
	return db
		.selectFrom('case_file')
		.select(['status', 'category', 'sex', 'age_band', 'closed_on'])
		.where('id', '=', caseId)
		.forUpdate()
		.executeTakeFirstOrThrow();
}

export async function setStatusAndCategories(
	db: Kysely<DB>,
	caseId: string,
	values: Pick<Updateable<CaseFileTable>, 'status' | 'category' | 'sex' | 'age_band' | 'closed_on' | 'updated_at'>
): Promise<void> {
	await db.updateTable('case_file').set(values).where('id', '=', caseId).execute();
}

/** The codes that begin with `stem` (`<prefix>-<year>-`), in any order. */
export async function codesStartingWith(db: Kysely<DB>, stem: string): Promise<string[]> {
	const rows = await db
		.selectFrom('case_file')
		.select('code')
		.where((eb) => eb(eb.fn('left', ['code', eb.val(stem.length)]), '=', stem))
		.execute();
	return rows.map((r) => r.code);
}

/** Inserts a case under this code; undefined when the code is taken. */
export function insertUnderCode(db: Kysely<DB>, values: Insertable<CaseFileTable>) {
	return db
		.insertInto('case_file')
		.values(values)
		.onConflict((oc) => oc.column('code').doNothing())
		.returning(['id', 'code'])
		.executeTakeFirst();
}

/** The cases of a body among those given (the actor's team cases). */
export function casesOf(db: Kysely<DB>, ids: string[], bodyId?: string) {
	if (!ids.length) return Promise.resolve([]);
	let q = db
		.selectFrom('case_file as c')
		.innerJoin('body as b', 'b.id', 'c.body_id')
		.select(['c.id', 'c.code', 'c.category', 'c.status', 'c.opened_on', 'c.closed_on', 'c.body_id', 'b.name_th as body_th', 'b.name_en as body_en'])
		.where('c.id', 'in', ids);
	if (bodyId) q = q.where('c.body_id', '=', bodyId);
	return q
		.orderBy(sql`c.status = 'closed'`)
		.orderBy('c.opened_on', 'desc')
		.orderBy('c.code', 'desc')
		.execute();
}

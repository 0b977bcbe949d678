import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { CaseDocumentTable, CaseIdentityTable } from '../../db/schema-cases';

/** The SQL of the restricted record: identity, photos and documents. Callers have checked access; nothing here audits. */

export function identity(db: Kysely<DB>, caseId: string) {
	return db
		.selectFrom('case_identity as i')
		.leftJoin('app_user as u', 'u.id', 'i.updated_by')
		.select(['i.full_name', 'i.family', 'i.address', 'i.date_of_birth', 'i.contact', 'i.notes', 'i.updated_at', 'u.display_name as updated_by_name'])
		.where('i.case_id', '=', caseId)
		.executeTakeFirst();
}

/** Writes the case's identity, replacing what was there. */
export async function upsertIdentity(db: Kysely<DB>, caseId: string, row: Omit<Insertable<CaseIdentityTable>, 'case_id'>): Promise<void> {
	await db
		.insertInto('case_identity')
		.values({ case_id: caseId, ...row })
		.onConflict((oc) => oc.column('case_id').doUpdateSet(row))
		.execute();
}

/** The case's documents, newest first, without their bytes. */
export function documents(db: Kysely<DB>, caseId: string) {
	return db
		.selectFrom('case_document as d')
		.leftJoin('app_user as u', 'u.id', 'd.uploaded_by')
		.select(['d.id', 'd.kind', 'd.filename', 'd.media_type', 'd.size', 'd.uploaded_at', 'u.display_name as uploaded_by_name'])
		.where('d.case_id', '=', caseId)
		.orderBy('d.uploaded_at', 'desc')
		.execute();
}

export async function insertDocument(db: Kysely<DB>, document: Insertable<CaseDocumentTable>): Promise<string> {
	const row = await db.insertInto('case_document').values(document).returning('id').executeTakeFirstOrThrow();
	return row.id;
}

/** One document of the case with its bytes. */
export function documentWithContent(db: Kysely<DB>, caseId: string, documentId: string) {
	return db
		.selectFrom('case_document')
		.select(['id', 'filename', 'media_type', 'size', 'content'])
		.where('id', '=', documentId)
		.where('case_id', '=', caseId)
		.executeTakeFirst();
}

import type { Kysely } from 'kysely';
import type { DB, Role } from '../../db/schema';

/** Bodies' own descriptions of their roles. */
export function roleDescriptions(db: Kysely<DB>, bodyIds: string[]) {
	return db.selectFrom('body_role_description').select(['body_id', 'role', 'text_th', 'text_en']).where('body_id', 'in', bodyIds).execute();
}

/** A body's role descriptions become exactly `rows`. */
export async function replaceRoleDescriptions(
	db: Kysely<DB>,
	bodyId: string,
	rows: { role: Role; th: string; en: string }[],
	updatedBy: string
): Promise<void> {
	await db.deleteFrom('body_role_description').where('body_id', '=', bodyId).execute();
	if (rows.length) {
		await db
			.insertInto('body_role_description')
			.values(rows.map((r) => ({ body_id: bodyId, role: r.role, text_th: r.th, text_en: r.en, updated_by: updatedBy })))
			.execute();
	}
}

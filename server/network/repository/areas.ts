import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export function listAreas(db: Kysely<DB>) {
	return db.selectFrom('area').select(['id', 'name_th', 'name_en', 'level']).orderBy('code').execute();
}

export function getArea(db: Kysely<DB>, id: string) {
	return db.selectFrom('area').select(['id', 'level']).where('id', '=', id).executeTakeFirst();
}

export async function areaExists(db: Kysely<DB>, id: string): Promise<boolean> {
	return !!(await db.selectFrom('area').select('id').where('id', '=', id).executeTakeFirst());
}

import type { Kysely } from 'kysely';
import type { DB, NewUser, UserUpdate } from '../db/schema';

const listColumns = ['id', 'username', 'email', 'display_name', 'name_title', 'position', 'phone', 'locale', 'active', 'is_admin', 'created_at'] as const;

export function get(db: Kysely<DB>, id: string) {
	return db
		.selectFrom('app_user')
		.select([...listColumns, 'password_hash'])
		.where('id', '=', id)
		.executeTakeFirst();
}

export function list(db: Kysely<DB>, search?: string) {
	let q = db
		.selectFrom('app_user')
		.select(listColumns)
		.select((eb) =>
			eb
				.selectFrom('user_session')
				.select((eb2) => eb2.fn.max('user_session.last_seen_at').as('t'))
				.whereRef('user_session.user_id', '=', 'app_user.id')
				.as('last_seen_at')
		)
		.select((eb) => eb(eb.ref('password_hash'), 'is not', null).as('has_password'))
		.orderBy('display_name');
	if (search) {
		const like = `%${search.replace(/[%_\\]/g, '\\$&')}%`;
		q = q.where((eb) => eb.or([eb('display_name', 'ilike', like), eb('username', 'ilike', like), eb('email', 'ilike', like)]));
	}
	return q.limit(500).execute();
}

export function findByLogin(db: Kysely<DB>, username: string, email: string | null) {
	return db
		.selectFrom('app_user')
		.select(['id'])
		.where((eb) => {
			const checks = [eb(eb.fn('lower', ['username']), '=', username.toLowerCase())];
			if (email) checks.push(eb(eb.fn('lower', ['email']), '=', email.toLowerCase()));
			return eb.or(checks);
		})
		.executeTakeFirst();
}

export function create(db: Kysely<DB>, user: NewUser) {
	return db.insertInto('app_user').values(user).returning(['id']).executeTakeFirstOrThrow();
}

export function update(db: Kysely<DB>, id: string, changes: UserUpdate) {
	return db
		.updateTable('app_user')
		.set({ ...changes, updated_at: new Date() })
		.where('id', '=', id)
		.executeTakeFirst();
}

/** Ends one of the user's sessions; how many ended (none when the session is not theirs). */
export async function deleteSession(db: Kysely<DB>, userId: string, sessionId: string): Promise<number> {
	const r = await db.deleteFrom('user_session').where('id', '=', sessionId).where('user_id', '=', userId).executeTakeFirst();
	return Number(r.numDeletedRows);
}

import { json } from '@sveltejs/kit';
import { addressWarnings } from '$server/auth/forwarded';
import { isReachable } from '$server/db/database';
import { runtime } from '$server/runtime';

/** For monitors: 200 while the database answers, 503 otherwise; configuration warnings ride along. Never cached. */
export async function GET() {
	const rt = runtime();
	const up = await isReachable(rt.database.db);
	return json(
		{
			status: up ? 'ok' : 'unavailable',
			database: up ? 'up' : 'down',
			engine: rt.database.engine,
			instance: rt.id,
			warnings: addressWarnings()
		},
		{ status: up ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
}

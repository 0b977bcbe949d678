import { call, db, requireActor } from '$lib/server/http';
import { browseAudit } from '$server/audit-service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const p = event.url.searchParams;
	const filters = {
		action: p.get('action') ?? '',
		outcome: p.get('outcome') ?? '',
		actor: p.get('actor') ?? '',
		from: p.get('from') ?? '',
		to: p.get('to') ?? ''
	};
	const result = await call(browseAudit(db(), actor, { ...filters, before: p.get('before') }));
	return { filters, ...result };
};

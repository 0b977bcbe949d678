import { getNetworkSummary } from '$server/network/summary';
import { runtime } from '$server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
	summary: await getNetworkSummary(runtime().database.db)
});

import { db } from '$lib/server/http';
import { homeFor } from '$server/home';
import { getNetworkSummary } from '$server/network/repository/summary';
import type { PageServerLoad } from './$types';

/** Signed in, the person's own home; signed out, the public face of the network. */
export const load: PageServerLoad = async ({ locals }) =>
	locals.actor ? { home: await homeFor(db(), locals.actor), summary: null } : { home: null, summary: await getNetworkSummary(db()) };

import { call, db, requireActor } from '$lib/server/http';
import { incomingReferrals, outgoingReferrals, REFERRAL_STATE_FILTERS, type ReferralStateFilter } from '$server/referrals/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const raw = event.url.searchParams.get('state');
	const state: ReferralStateFilter = REFERRAL_STATE_FILTERS.includes(raw as ReferralStateFilter) ? (raw as ReferralStateFilter) : 'open';
	const [incoming, outgoing] = await Promise.all([call(incomingReferrals(db(), actor, { state })), call(outgoingReferrals(db(), actor, { state }))]);
	return { state, states: REFERRAL_STATE_FILTERS, incoming, outgoing };
};

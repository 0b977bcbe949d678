import { error } from '@sveltejs/kit';
import { call, db, requireActor, notFound } from '$lib/server/http';
import { can } from '$server/access';
import { decisionPage } from '$server/followup/decisions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = event.params.id;
	const page = await call(decisionPage(db(), actor, id));
	if (!page) error(404, notFound());
	// A decision may lead to a referral: of its case, for the case team; otherwise for the body's working members.
	const d = page.decision;
	const refer = d.case_id
		? !d.caseCode && (await can(db(), actor, 'case.refer', { kind: 'case', id: d.case_id }))
			? `/referrals/new?case=${d.case_id}&decision=${d.id}`
			: null
		: (await can(db(), actor, 'referral.send', { kind: 'body', id: d.body_id }))
			? `/referrals/new?body=${d.body_id}&decision=${d.id}`
			: null;
	return { ...page, refer };
};

import { error } from '@sveltejs/kit';
import { can } from '$server/access';
import { call, db, requireActor, notFound } from '$lib/server/http';
import { bodyPage } from '$server/network/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = event.params.id;
	const page = await call(bodyPage(db(), actor, id));
	if (!page) error(404, notFound());
	const body = { kind: 'body' as const, id };
	const [canFollowup, canTriage, canCases, canReports] = await Promise.all([
		can(db(), actor, 'body.followup', body),
		can(db(), actor, 'intake.triage', body),
		can(db(), actor, 'case.list', body),
		can(db(), actor, 'outcome.read', body)
	]);
	return { ...page, canFollowup, canTriage, canCases, canReports };
};

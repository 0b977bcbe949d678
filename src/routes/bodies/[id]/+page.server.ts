import { error } from '@sveltejs/kit';
import { can } from '$server/access';
import { call, db, requireActor } from '$lib/server/http';
import { bodyPage } from '$server/network/service';
import * as v from '$server/validate';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = v.uuid(event.params.id);
	if (!id.ok) error(404, 'Not found');
	const page = await call(bodyPage(db(), actor, id.value));
	if (!page) error(404, 'Not found');
	const [canFollowup, canTriage] = await Promise.all([
		can(db(), actor, 'body.followup', { kind: 'body', id: id.value }),
		can(db(), actor, 'intake.triage', { kind: 'body', id: id.value })
	]);
	return { ...page, canFollowup, canTriage };
};

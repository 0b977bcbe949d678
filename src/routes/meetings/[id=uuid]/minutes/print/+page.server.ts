import { error } from '@sveltejs/kit';
import { call, db, notFound, requireActor } from '$lib/server/http';
import { errorText } from '$lib/components/minutes/errors';
import { auditConferenceView } from '$server/cases/conference';
import { statusOf } from '$server/minutes/errors';
import { parseWhich, printView } from '$server/minutes/export';
import { runtime } from '$server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = event.params.id;
	const r = await call(printView(db(), runtime().collab, actor, id, parseWhich(event.url.searchParams.get('version')), event.locals.clientAddress));
	if (!r.ok) error(statusOf(r.error), r.error === 'not_found' ? notFound() : errorText(r.error));
	await auditConferenceView(db(), actor, id, 'minutes_print', event.locals.clientAddress);
	return { meetingId: id, ...r.view };
};

import { call, db, requireActor } from '$lib/server/http';
import { searchDecisions } from '$server/followup/decisions';
import type { PageServerLoad } from './$types';

type Found = Awaited<ReturnType<typeof searchDecisions>>;

/** A decision as the log shows it, and no more: the page's data is sent again for hydration. */
const shown = (d: Found['decisions'][number]) => ({
	id: d.id,
	text: d.text,
	body_th: d.body_th,
	body_en: d.body_en,
	caseCode: d.caseCode,
	meeting_id: d.meeting_id,
	meeting_title: d.meeting_title,
	meeting_starts_at: d.meeting_starts_at,
	organisations: d.organisations.map((o) => ({ id: o.id, short_name: o.short_name, responsibility: o.responsibility })),
	actions: d.actions,
	finished: d.finished
});

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const p = event.url.searchParams;
	const found = await call(
		searchDecisions(db(), actor, {
			q: p.get('q'),
			organisationId: p.get('organisation'),
			bodyId: p.get('body'),
			from: p.get('from'),
			to: p.get('to'),
			page: p.get('page')
		})
	);
	return { ...found, decisions: found.decisions.map(shown) };
};

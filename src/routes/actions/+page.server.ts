import { fail } from '@sveltejs/kit';
import { call, db, formFields, requireActor } from '$lib/server/http';
import { FINISHED_SHOWN_DAYS } from '$server/followup/board';
import { decodeCursor, isBoardStatus, pageSize, representativeBoardPage } from '$server/followup/board-pages';
import { calendarStatus, issueCalendarToken, revokeCalendarToken } from '$server/followup/calendar';
import { postProgress } from '$server/followup/lifecycle';
import { incomingReferrals } from '$server/referrals/service';
import * as field from '$server/validate';
import type { Actions, PageServerLoad } from './$types';

/** The group paged further and where it resumes, from the URL so a view can be shared and reloaded. */
function pageOf(url: URL) {
	const group = url.searchParams.get('group');
	const limit = pageSize(url.searchParams.get('size'));
	return isBoardStatus(group) ? { group, after: decodeCursor(url.searchParams.get('after')), limit } : { limit };
}

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const body = field.check(field.uuid, event.url.searchParams.get('body'));
	const [board, calendar, referrals] = await Promise.all([
		call(representativeBoardPage(db(), actor, { bodyId: body.ok ? body.value : undefined, ...pageOf(event.url) })),
		call(calendarStatus(db(), actor)),
		// Referrals wait for the organisation, not for one body: the body filter does not apply.
		call(incomingReferrals(db(), actor, { state: 'open' }))
	]);
	return { ...board, calendar, referrals, finishedDays: FINISHED_SHOWN_DAYS };
};

export const actions: Actions = {
	progress: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(postProgress(db(), actor, { actionItemId: f.id, text: f.text }, event.locals.clientAddress));
		if (!r.ok) return fail(400, { form: 'progress' as const, id: f.id ?? '', errors: r.errors, text: f.text ?? '' });
		return { form: 'progress' as const, id: f.id ?? '', saved: true };
	},
	calendar: async (event) => {
		const actor = requireActor(event);
		const token = await call(issueCalendarToken(db(), actor, event.locals.clientAddress));
		return { form: 'calendar' as const, feedUrl: `${event.url.origin}/calendar/${token}.ics` };
	},
	calendarOff: async (event) => {
		const actor = requireActor(event);
		await call(revokeCalendarToken(db(), actor, event.locals.clientAddress));
		return { form: 'calendar' as const, off: true };
	}
};

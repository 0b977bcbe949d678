import { fail } from '@sveltejs/kit';
import { call, db, formFields, requireActor } from '$lib/server/http';
import { FINISHED_SHOWN_DAYS, representativeBoard } from '$server/followup/board';
import { calendarStatus, issueCalendarToken, revokeCalendarToken } from '$server/followup/calendar';
import { postProgress } from '$server/followup/lifecycle';
import { incomingReferrals } from '$server/referrals/service';
import * as v from '$server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const body = v.uuid(event.url.searchParams.get('body'));
	const [board, calendar, referrals] = await Promise.all([
		call(representativeBoard(db(), actor, { bodyId: body.ok ? body.value : undefined })),
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

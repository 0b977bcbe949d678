import { fail, redirect } from '@sveltejs/kit';
import { call, db, formFields, requireActor } from '$lib/server/http';
import { referralForm, sendingBodies, sendReferral } from '$server/referrals/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const q = event.url.searchParams;
	const start = { caseId: q.get('case'), intakeReportId: q.get('intake'), bodyId: q.get('body'), decisionId: q.get('decision') };
	// Without a starting point, the user picks the body the referral comes from.
	if (!start.caseId && !start.intakeReportId && !start.bodyId) return { choose: await sendingBodies(db(), actor), setup: null };
	return { choose: null, setup: await call(referralForm(db(), actor, start, event.locals.clientAddress)) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const toBody = f.targetKind === 'body';
		const r = await call(
			sendReferral(
				db(),
				actor,
				{
					bodyId: f.bodyId || undefined,
					caseId: f.caseId || undefined,
					intakeReportId: f.intakeReportId || undefined,
					decisionId: f.decisionId || undefined,
					fromOrganisationId: f.fromOrganisationId,
					toOrganisationId: toBody ? undefined : f.toOrganisationId,
					toBodyId: toBody ? f.toBodyId : undefined,
					reason: f.reason,
					urgency: f.urgency,
					shared: f.shared,
					consent: f.consent,
					consentNote: f.consentNote
				},
				event.locals.clientAddress
			)
		);
		if (!r.ok) return fail(400, { errors: r.errors, values: f });
		redirect(303, `/referrals/${r.id}?sent=1`);
	}
};

import { fail, type RequestEvent } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Actor } from '$server/access';
import type { DB } from '$server/db/schema';
import { call, db, formFields, requireActor } from '$lib/server/http';
import {
	acceptReferral,
	completeReferral,
	declineReferral,
	noteReferralProgress,
	referralView,
	startReferral,
	type RespondInput,
	type RespondOutcome,
	type ReferralVerb
} from '$server/referrals/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = event.params.id;
	const view = await call(referralView(db(), actor, id, event.locals.clientAddress));
	return { ...view, justSent: event.url.searchParams.has('sent') };
};

type Answer = (db: Kysely<DB>, actor: Actor | null, input: RespondInput, clientAddress: string | null) => Promise<RespondOutcome>;

/** One form action per answer: parse the form, call the service, echo the outcome. */
function answer(verb: ReferralVerb, run: Answer) {
	return async (event: RequestEvent) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(run(db(), actor, { referralId: event.params.id, text: f.text }, event.locals.clientAddress));
		if (!r.ok) return fail(400, { verb, errors: r.errors, text: f.text ?? '' });
		return { verb, saved: true };
	};
}

export const actions: Actions = {
	accept: answer('accept', acceptReferral),
	decline: answer('decline', declineReferral),
	start: answer('start', startReferral),
	progress: answer('progress', noteReferralProgress),
	complete: answer('complete', completeReferral)
};

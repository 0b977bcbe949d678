import { fail, redirect } from '@sveltejs/kit';
import { call, db, formFields, requireActor } from '$lib/server/http';
import { addToTeam, answerProposal, callConference, caseView, removeFromTeam, setNeed, updateCase } from '$server/cases/service';
import { referralsOfCase } from '$server/referrals/service';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	event.setHeaders({ 'cache-control': 'no-store' });
	const id = event.params.id;
	const view = await call(caseView(db(), actor, id, event.locals.clientAddress));
	return { ...view, referrals: await call(referralsOfCase(db(), actor, id, event.locals.clientAddress)) };
};

type Form = 'update' | 'add' | 'remove' | 'need' | 'conference';
type Outcome = { ok: true; id?: string } | { ok: false; errors: Record<string, string> };

/** One form action per change: parse the form, call the service, echo the outcome. */
function change(name: Form, run: (f: Record<string, string>, event: RequestEvent, caseId: string) => Promise<Outcome>) {
	return async (event: RequestEvent) => {
		requireActor(event);
		const f = await formFields(event.request);
		const r = await call(run(f, event, event.params.id));
		if (!r.ok) return fail(400, { form: name, key: f.need ?? f.userId ?? null, errors: r.errors, values: f });
		return { form: name, saved: true, id: r.id ?? null, key: f.need ?? f.userId ?? null };
	};
}

export const actions: Actions = {
	update: change('update', (f, e, id) =>
		updateCase(db(), e.locals.actor, id, { status: f.status, category: f.category, sex: f.sex, ageBand: f.ageBand }, e.locals.clientAddress)
	),
	add: change('add', (f, e, id) => addToTeam(db(), e.locals.actor, id, f.userId, e.locals.clientAddress)),
	remove: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const id = event.params.id;
		const r = await call(removeFromTeam(db(), actor, id, f.userId, event.locals.clientAddress));
		if (!r.ok) return fail(400, { form: 'remove' as const, key: f.userId ?? null, errors: r.errors, values: f });
		// Whoever leaves the team leaves the case.
		if (f.userId === actor.userId) redirect(303, '/cases');
		return { form: 'remove' as const, saved: true, id: null, key: f.userId ?? null };
	},
	need: change('need', (f, e, id) =>
		setNeed(db(), e.locals.actor, id, { need: f.need, organisationId: f.organisationId, status: f.status, note: f.note }, e.locals.clientAddress)
	),
	conference: change('conference', (f, e, id) =>
		callConference(db(), e.locals.actor, id, { date: f.date, time: f.time, place: f.place, onlineUrl: f.onlineUrl }, e.locals.clientAddress)
	),
	/** The team's answer to a successor proposed by a hand-over: `answer` is `accept` or `decline`. */
	successor: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(answerProposal(db(), actor, event.params.id, { proposalId: f.proposal, answer: f.answer }, event.locals.clientAddress));
		if (!r.ok) return fail(400, { form: 'successor' as const, key: f.proposal ?? null, errors: r.errors });
		return { form: 'successor' as const, key: f.proposal ?? null, accepted: f.answer === 'accept', moved: r.moved };
	}
};

import { error, fail } from '@sveltejs/kit';
import { call, db, formFields, requireActor, notFound } from '$lib/server/http';
import { actionPage } from '$server/followup/history';
import * as lifecycle from '$server/followup/lifecycle';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = event.params.id;
	const page = await call(actionPage(db(), actor, id));
	if (!page) error(404, notFound());
	// The service worker keeps the page for offline use, never a case's item (docs/offline.md).
	event.setHeaders({ 'x-concord-offline': page.item.case_id ? 'never' : 'keep' });
	return page;
};

type Verb = 'start' | 'progress' | 'done' | 'report_back' | 'accept' | 'carry_over' | 'reassign' | 'drop';

/** One form action per change: parse the form, call the service, echo the outcome. */
function change(verb: Verb, run: (f: Record<string, string>, event: RequestEvent) => Promise<lifecycle.Outcome>) {
	return async (event: RequestEvent) => {
		requireActor(event);
		const f = await formFields(event.request);
		const r = await call(run(f, event));
		if (!r.ok) return fail(400, { form: verb, errors: r.errors, values: f });
		return { form: verb, saved: true };
	};
}

const actor = (e: RequestEvent) => e.locals.actor;
const meeting = (f: Record<string, string>) => f.meetingId || undefined;

export const actions: Actions = {
	start: change('start', (f, e) => lifecycle.startAction(db(), actor(e), { actionItemId: e.params.id, text: f.text }, e.locals.clientAddress)),
	progress: change('progress', (f, e) =>
		lifecycle.postProgress(db(), actor(e), { actionItemId: e.params.id, text: f.text, requestKey: f.requestKey }, e.locals.clientAddress)
	),
	done: change('done', (f, e) =>
		lifecycle.markDone(db(), actor(e), { actionItemId: e.params.id, text: f.text, requestKey: f.requestKey }, e.locals.clientAddress)
	),
	report_back: change('report_back', (f, e) =>
		lifecycle.recordReportBack(
			db(),
			actor(e),
			{ actionItemId: e.params.id, meetingId: f.meetingId, text: f.text, requestKey: f.requestKey },
			e.locals.clientAddress
		)
	),
	accept: change('accept', (f, e) =>
		lifecycle.acceptReportBack(db(), actor(e), { actionItemId: e.params.id, meetingId: f.meetingId, text: f.text }, e.locals.clientAddress)
	),
	carry_over: change('carry_over', (f, e) =>
		lifecycle.carryOver(db(), actor(e), { actionItemId: e.params.id, meetingId: meeting(f), dueOn: f.dueOn, reason: f.reason }, e.locals.clientAddress)
	),
	reassign: change('reassign', (f, e) =>
		lifecycle.reassign(
			db(),
			actor(e),
			{
				actionItemId: e.params.id,
				meetingId: meeting(f),
				organisationId: f.organisationId || undefined,
				assigneeId: f.assigneeId || undefined,
				reason: f.reason
			},
			e.locals.clientAddress
		)
	),
	drop: change('drop', (f, e) =>
		lifecycle.dropAction(db(), actor(e), { actionItemId: e.params.id, meetingId: meeting(f), reason: f.reason }, e.locals.clientAddress)
	)
};

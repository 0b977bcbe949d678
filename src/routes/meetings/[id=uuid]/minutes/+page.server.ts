import { error, fail } from '@sveltejs/kit';
import { call, db, formFields, requireActor, notFound } from '$lib/server/http';
import { auditConferenceView } from '$server/cases/conference';
import { approveByChair, correct } from '$server/minutes/approval';
import { answerCirculation, circulate } from '$server/minutes/circulation';
import { statusOf, type MinutesErrorCode } from '$server/minutes/errors';
import { addComment, generateDraft, minutesPage, regenerateDraft, resolveComment } from '$server/minutes/service';
import { runtime } from '$server/runtime';
import type { Actions, PageServerLoad } from './$types';

/** A refused change; a meeting that is not there is a page that does not exist, as when access hides it. */
function refusal(form: string, code: MinutesErrorCode, echo: Record<string, string> = {}) {
	if (code === 'not_found') error(404, notFound());
	return fail(statusOf(code), { form, error: code, ...echo });
}

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = event.params.id;
	const page = await call(minutesPage(db(), actor, id));
	await auditConferenceView(db(), actor, id, 'minutes', event.locals.clientAddress);
	return { ...page, me: { id: actor.userId } };
};

export const actions: Actions = {
	generate: async (event) => {
		const actor = requireActor(event);
		const r = await call(generateDraft(db(), runtime().collab, actor, event.params.id, event.locals.clientAddress));
		return r.ok ? { form: 'generate', created: r.created } : refusal('generate', r.error);
	},
	regenerate: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(regenerateDraft(db(), runtime().collab, actor, event.params.id, { confirmed: f.confirmed }, event.locals.clientAddress));
		return r.ok ? { form: 'regenerate', kept: r.kept, closed: r.closed } : refusal('regenerate', r.error);
	},
	approve: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(approveByChair(db(), runtime().collab, actor, event.params.id, { reason: f.reason }, event.locals.clientAddress));
		return r.ok ? { form: 'approve', version: r.number } : refusal('approve', r.error, { reason: f.reason ?? '' });
	},
	circulate: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(circulate(db(), runtime().collab, actor, event.params.id, { days: f.days }, event.locals.clientAddress));
		return r.ok ? { form: 'circulate' } : refusal('circulate', r.error, { days: f.days ?? '' });
	},
	answer: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(answerCirculation(db(), actor, event.params.id, { confirm: f.confirm, text: f.text }, event.locals.clientAddress));
		return r.ok ? { form: 'answer', status: r.status } : refusal('answer', r.error, { text: f.text ?? '' });
	},
	comment: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(addComment(db(), actor, event.params.id, { anchor: f.anchor, quote: f.quote, text: f.text }));
		return r.ok ? { form: 'comment' } : refusal('comment', r.error, { text: f.text ?? '' });
	},
	resolve: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(resolveComment(db(), actor, event.params.id, f.comment));
		return r.ok ? { form: 'resolve' } : refusal('resolve', r.error);
	},
	correct: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(correct(db(), actor, event.params.id, { reason: f.reason, content: f.content }, event.locals.clientAddress));
		return r.ok ? { form: 'correct', version: r.number } : refusal('correct', r.error, { reason: f.reason ?? '' });
	}
};

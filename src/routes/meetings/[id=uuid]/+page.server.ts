import { fail } from '@sveltejs/kit';
import { call, db, formFields, requireActor } from '$lib/server/http';
import { ensureDocument, setLocked, setStatus, updateMeeting, workspace } from '$server/meetings/service';
import { meetingFollowup, decideReportBack } from '$server/meetings/followup';
import { reportsOnAgenda } from '$server/intake/triage';
import { runtime } from '$server/runtime';
import { events } from '$server/events';
import { publishMeetingState } from '$server/meetings/live-state';
import { conferenceView } from '$server/meetings/conference-view';
import { englishAgendaTitles } from '$server/meetings/template';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = event.params.id;
	const page = await call(workspace(db(), actor, id, event.locals.clientAddress));
	await ensureDocument(db(), runtime().collab, id, page.mode === 'write');
	// The service worker keeps a meeting's page for offline use only when told so; never a case conference.
	event.setHeaders({ 'x-concord-offline': page.meeting.case_id ? 'never' : 'keep' });
	// Reports from the public stay with those who work the meeting, not its observers.
	const tips = page.mode === 'write' || page.canRun ? await reportsOnAgenda(db(), id) : [];
	const [conference, followup, agendaEnglish] = await Promise.all([
		conferenceView(db(), page.meeting.case_id),
		meetingFollowup(db(), page.meeting, actor.userId),
		englishAgendaTitles(db(), page.meeting.body_id)
	]);
	return { ...page, me: { id: actor.userId }, followup, tips, conference, agendaEnglish };
};

export const actions: Actions = {
	status: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const id = event.params.id;
		const r = await call(setStatus(db(), actor, id, f.to, event.locals.clientAddress));
		if (!r.ok) return fail(400, { form: 'status' as const, errors: r.errors });
		// Every open workspace sees the new status at once; starting and ending keep a version.
		await call(publishMeetingState(db(), runtime().collab, actor, id, 'status', event.locals.clientAddress));
		events.emit('document.access_changed', { name: `meeting:${id}`, reason: `status_${f.to}` });
		return { form: 'status' as const, to: String(f.to) };
	},
	lock: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const id = event.params.id;
		await call(setLocked(db(), actor, id, f.locked === 'true', event.locals.clientAddress));
		await call(publishMeetingState(db(), runtime().collab, actor, id, 'lock', event.locals.clientAddress));
		// Open sockets re-check their access: writers become readers while locked.
		events.emit('document.access_changed', { name: `meeting:${id}`, reason: f.locked === 'true' ? 'locked' : 'unlocked' });
		return { form: 'lock' as const, locked: f.locked === 'true' };
	},
	accept: async (event) => decide(event, 'accept'),
	carry: async (event) => decide(event, 'carry'),
	edit: async (event) => {
		const actor = requireActor(event);
		const f = await formFields(event.request);
		const r = await call(
			updateMeeting(
				db(),
				actor,
				event.params.id,
				{ title: f.title, date: f.date, time: f.time, place: f.place, onlineUrl: f.onlineUrl },
				event.locals.clientAddress
			)
		);
		if (!r.ok) return fail(400, { form: 'edit' as const, errors: r.errors });
		return { form: 'edit' as const, saved: true };
	}
};

/** The chair's decision on a report-back: recorded in SQL, then shown live in the meeting document. */
async function decide(event: Parameters<Actions[string]>[0], verb: 'accept' | 'carry') {
	const actor = requireActor(event);
	const id = event.params.id;
	const f = await formFields(event.request);
	const r = await call(
		decideReportBack(
			db(),
			runtime().collab,
			actor,
			{ verb, meetingId: id, actionItemId: f.action, text: f.text, dueOn: f.dueOn, reason: f.reason },
			event.locals.clientAddress
		)
	);
	if (!r.ok) return fail(400, { form: 'followup' as const, failure: { action: f.action ?? '', code: Object.values(r.errors)[0] ?? 'invalid' } });
	return { form: 'followup' as const, verb };
}

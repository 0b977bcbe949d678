import { error, json } from '@sveltejs/kit';
import { call, db, requireActor } from '$lib/server/http';
import { auditConferenceView } from '$server/cases/conference';
import { approveAtMeeting } from '$server/minutes/approval';
import { statusOf } from '$server/minutes/errors';
import { previousMinutes } from '$server/minutes/previous';
import { runtime } from '$server/runtime';
import type { RequestHandler } from './$types';

/** The previous meeting's minutes, as the standing first item of this meeting shows them. */
export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const id = event.params.id;
	const data = await call(previousMinutes(db(), runtime().collab, actor, id));
	await auditConferenceView(db(), actor, id, 'minutes_previous', event.locals.clientAddress);
	return json(data);
};

/** This meeting approves the previous minutes: `{ amended: boolean, amendments?: string }`. */
export const POST: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const id = event.params.id;
	const body = (await event.request.json().catch(() => null)) as { amended?: unknown; amendments?: unknown } | null;
	if (!body || typeof body !== 'object') error(400, 'invalid body');
	const current = await call(previousMinutes(db(), runtime().collab, actor, id));
	if (!current.previous) return json({ ok: false, error: 'not_found' }, { status: 404 });
	const r = await call(approveAtMeeting(db(), runtime().collab, actor, current.previous.id, { atMeetingId: id, amended: body.amended, amendments: body.amendments }, event.locals.clientAddress));
	return json(r, { status: r.ok ? 200 : statusOf(r.error) });
};

import { error } from '@sveltejs/kit';
import { call, db, notFound, requireActor } from '$lib/server/http';
import { errorText } from '$lib/components/minutes/errors';
import { auditConferenceView } from '$server/cases/conference';
import { statusOf } from '$server/minutes/errors';
import { exportMinutes, parseWhich } from '$server/minutes/export';
import { runtime } from '$server/runtime';
import type { RequestHandler } from './$types';

/** Downloads minutes as PDF, DOCX or Markdown: `?version=<n>`, `?version=draft`, or the latest by default. */
export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const id = event.params.id;
	const which = parseWhich(event.url.searchParams.get('version'));
	const r = await call(exportMinutes(db(), runtime().collab, actor, id, { format: event.params.format, which }, event.locals.clientAddress));
	// A meeting that is not there answers exactly as one hidden by access; other refusals say why, in words.
	if (!r.ok) error(statusOf(r.error), r.error === 'not_found' ? notFound() : errorText(r.error));
	await auditConferenceView(db(), actor, id, 'minutes_export', event.locals.clientAddress, { format: event.params.format });
	const { filename, contentType, body } = r.file;
	return new Response(body as unknown as BodyInit, {
		headers: {
			'content-type': contentType,
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};

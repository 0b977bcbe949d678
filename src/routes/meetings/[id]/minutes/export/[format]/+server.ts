import { error } from '@sveltejs/kit';
import { call, db, requireActor } from '$lib/server/http';
import { statusOf } from '$server/minutes/errors';
import { exportMinutes, parseWhich } from '$server/minutes/export';
import { runtime } from '$server/runtime';
import * as v from '$server/validate';
import type { RequestHandler } from './$types';

/** Downloads minutes as PDF, DOCX or Markdown: `?version=<n>`, `?version=draft`, or the latest by default. */
export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const id = v.uuid(event.params.id);
	if (!id.ok) error(404, 'Not found');
	const which = parseWhich(event.url.searchParams.get('version'));
	const r = await call(exportMinutes(db(), runtime().collab, actor, id.value, { format: event.params.format, which }, event.locals.clientAddress));
	if (!r.ok) error(statusOf(r.error), r.error);
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

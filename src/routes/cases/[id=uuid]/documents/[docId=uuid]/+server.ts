import { error } from '@sveltejs/kit';
import { call, db, requireActor, notFound } from '$lib/server/http';
import { attachmentHeader } from '$server/cases/documents';
import { downloadDocument } from '$server/cases/service';
import type { RequestHandler } from './$types';

/** A photo or document of the restricted record: always a download, never cached, never sniffed. */
export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const doc = await call(downloadDocument(db(), actor, event.params.id, event.params.docId, event.locals.clientAddress));
	if (!doc) error(404, notFound());
	return new Response(new Uint8Array(doc.content), {
		headers: {
			'content-type': doc.media_type,
			'content-length': String(doc.size),
			'content-disposition': attachmentHeader(doc.filename),
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};

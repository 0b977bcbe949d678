import { error, type RequestEvent } from '@sveltejs/kit';
import { call, db, requireActor, notFound } from '$lib/server/http';
import { exportSpreadsheet, type SpreadsheetView } from '$server/exports/service';
import { parseSpreadsheetFormat } from '$server/exports/sheet';

/** Answers `?format=csv|xlsx` on a view's export endpoint with the file, the view's filters taken from the query. */
export async function spreadsheetResponse(
	event: RequestEvent,
	view: SpreadsheetView,
	filters: string[],
	params: Record<string, string> = {}
): Promise<Response> {
	const actor = requireActor(event);
	const format = parseSpreadsheetFormat(event.url.searchParams.get('format'));
	if (!format) error(404, notFound());
	const input = { ...Object.fromEntries(filters.map((f) => [f, event.url.searchParams.get(f)])), ...params };
	const file = await call(exportSpreadsheet(db(), actor, view, input, format, event.locals.locale, event.locals.clientAddress));
	return new Response(file.body as unknown as BodyInit, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.filename}"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}

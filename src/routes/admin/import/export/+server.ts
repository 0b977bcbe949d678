import { bangkokToday } from '$lib/calendar';
import { db, call, requireActor } from '$lib/server/http';
import { ENTITIES, type Entity } from '$server/network-import/columns';
import { importExport } from '$server/network-import/service';
import { download } from '../download';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const format = event.url.searchParams.get('format') === 'csv' ? 'csv' : 'xlsx';
	const sheet = (ENTITIES as string[]).includes(event.url.searchParams.get('sheet') ?? '') ? (event.url.searchParams.get('sheet') as Entity) : 'people';
	const day = bangkokToday();
	return download(
		await call(importExport(db(), actor, format, sheet, event.locals.clientAddress)),
		format,
		format === 'csv' ? `concord-network-${sheet}-${day}` : `concord-network-${day}`
	);
};

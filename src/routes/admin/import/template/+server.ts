import { db, call, requireActor } from '$lib/server/http';
import { ENTITIES, type Entity } from '$server/network-import/columns';
import { importTemplate } from '$server/network-import/service';
import { download } from '../download';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const format = event.url.searchParams.get('format') === 'csv' ? 'csv' : 'xlsx';
	const sheet = (ENTITIES as string[]).includes(event.url.searchParams.get('sheet') ?? '') ? (event.url.searchParams.get('sheet') as Entity) : 'people';
	return download(await call(importTemplate(db(), actor, format, sheet)), format, format === 'csv' ? `concord-template-${sheet}` : 'concord-template');
};

import { spreadsheetResponse } from '$lib/server/spreadsheet';
import type { RequestHandler } from './$types';

/** The body's outstanding follow-ups as CSV or XLSX, in the page's period. */
export const GET: RequestHandler = (event) => spreadsheetResponse(event, 'outstanding', ['from', 'to'], { id: event.params.id });

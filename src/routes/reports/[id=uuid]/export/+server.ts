import { spreadsheetResponse } from '$lib/server/spreadsheet';
import type { RequestHandler } from './$types';

/** An outcome report's tables as CSV or XLSX, suppressed as the page shows them. */
export const GET: RequestHandler = (event) => spreadsheetResponse(event, 'outcome', [], { id: event.params.id });

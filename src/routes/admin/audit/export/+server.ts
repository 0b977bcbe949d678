import { spreadsheetResponse } from '$lib/server/spreadsheet';
import type { RequestHandler } from './$types';

/** The audit log as CSV or XLSX, under the browser's filters. */
export const GET: RequestHandler = (event) => spreadsheetResponse(event, 'audit', ['action', 'outcome', 'actor', 'from', 'to']);

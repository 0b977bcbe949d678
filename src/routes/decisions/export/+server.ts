import { spreadsheetResponse } from '$lib/server/spreadsheet';
import type { RequestHandler } from './$types';

/** The decision log as CSV or XLSX, under the page's filters. */
export const GET: RequestHandler = (event) => spreadsheetResponse(event, 'decisions', ['q', 'organisation', 'body', 'from', 'to']);

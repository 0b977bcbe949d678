import { spreadsheetResponse } from '$lib/server/spreadsheet';
import type { RequestHandler } from './$types';

/** The board as CSV or XLSX, in the body filter the page has. */
export const GET: RequestHandler = (event) => spreadsheetResponse(event, 'actions', ['body']);

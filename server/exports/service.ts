import type { Kysely } from 'kysely';
import type { Locale } from '../../src/lib/paraglide/runtime';
import { AccessDenied, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import { spreadsheetFile, type Sheet, type SpreadsheetFile, type SpreadsheetFormat } from './sheet';
import { outcomeSheet, outstandingSheet } from './reports';
import { auditSheet, boardSheet, decisionSheet } from './views';

export const SPREADSHEET_VIEWS = {
	actions: boardSheet,
	decisions: decisionSheet,
	audit: auditSheet,
	outstanding: outstandingSheet,
	outcome: outcomeSheet
} as const;
export type SpreadsheetView = keyof typeof SPREADSHEET_VIEWS;

/**
 * One view as a spreadsheet. The view's own service checks access first (and
 * refuses as the page would); every export that leaves is written to the audit log.
 */
export async function exportSpreadsheet(
	db: Kysely<DB>,
	actor: Actor | null,
	view: SpreadsheetView,
	input: Record<string, string | null>,
	format: SpreadsheetFormat,
	locale: Locale,
	clientAddress: string | null = null,
	now = new Date()
): Promise<SpreadsheetFile> {
	if (!actor) throw new AccessDenied(403, `export.${view}`);
	const sheet: Sheet = await SPREADSHEET_VIEWS[view](db, actor, input, locale, now);
	const file = await spreadsheetFile(sheet, format);
	await audit(db, {
		actorId: actor.userId,
		action: 'export.spreadsheet',
		outcome: 'success',
		clientAddress,
		// A search text may name someone: the log keeps only that there was one.
		detail: {
			view,
			format,
			rows: sheet.rows.length,
			filters: Object.fromEntries(
				Object.entries(input)
					.filter(([, v]) => v)
					.map(([k, v]) => [k, k === 'q' ? true : v])
			)
		}
	});
	return file;
}

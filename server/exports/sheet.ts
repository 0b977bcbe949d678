import ExcelJS from 'exceljs';
import { bangkokDate, bangkokDateTime, bangkokWallClock } from '../../src/lib/calendar';

/**
 * Spreadsheets of what a page shows, for the province's reporting, which runs
 * on Excel: CSV in UTF-8 with a byte-order mark (without it Excel reads Thai
 * as Windows-874 mojibake) and XLSX with a Thai font, a frozen header row and
 * dates as real dates. A sheet is built from the rows the page's own service
 * returns, so it carries the same redaction.
 */

export type Cell = string | number | Date | null;
export type CellKind = 'text' | 'number' | 'date' | 'datetime';

export interface Column {
	header: string;
	kind?: CellKind;
	/** Width in characters in the XLSX. */
	width?: number;
}

export interface Sheet {
	/** File name without extension, ASCII. */
	name: string;
	/** Worksheet title, at most 31 characters. */
	title: string;
	columns: Column[];
	rows: Cell[][];
}

export const SPREADSHEET_FORMATS = ['csv', 'xlsx'] as const;
export type SpreadsheetFormat = (typeof SPREADSHEET_FORMATS)[number];

export const parseSpreadsheetFormat = (raw: unknown): SpreadsheetFormat | null => SPREADSHEET_FORMATS.find((f) => f === raw) ?? null;

export interface SpreadsheetFile {
	filename: string;
	contentType: string;
	body: Uint8Array;
}

/** Characters XML (and so XLSX) refuses; CSV drops them too, so both files say the same. */
const ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const clean = (s: string) => s.replace(ILLEGAL, '');

/** A date-time as Bangkok's wall clock, which is what the page shows. */
const bangkok = (d: Date, withTime: boolean) => (withTime ? bangkokDateTime(d).replace('T', ' ') : bangkokDate(d));

/**
 * Text that a spreadsheet would run as a formula (=, +, -, @, or a tab or
 * carriage return before one) gets a leading apostrophe, as OWASP advises for
 * CSV injection; numbers stay numbers.
 */
const defused = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

function csvCell(value: Cell, kind: CellKind): string {
	if (value === null || value === undefined) return '';
	let text: string;
	if (value instanceof Date) text = bangkok(value, kind === 'datetime');
	else if (typeof value === 'number') text = String(value);
	else text = defused(clean(value));
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV, CRLF line ends, with a UTF-8 byte-order mark. */
export function toCsv(sheet: Sheet): Uint8Array {
	const kinds = sheet.columns.map((c) => c.kind ?? 'text');
	const lines = [sheet.columns.map((c) => csvCell(c.header, 'text')), ...sheet.rows.map((row) => row.map((v, i) => csvCell(v, kinds[i]!)))];
	return new TextEncoder().encode(`\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`);
}

/** The font Thai offices have; Excel falls back when it is missing. */
const FONT = { name: 'TH Sarabun New', size: 14 };

/** An Excel workbook of one sheet: header row bold and frozen, dates as dates in Bangkok time, columns filtered. */
export async function toXlsx(sheet: Sheet): Promise<Uint8Array> {
	const book = new ExcelJS.Workbook();
	// Excel shows these in the file's properties; the library would otherwise name the last editor "Unknown".
	book.creator = 'Concord';
	book.lastModifiedBy = 'Concord';
	book.title = clean(sheet.title);
	const ws = book.addWorksheet(
		clean(sheet.title)
			.slice(0, 31)
			.replace(/[[\]*?/\\:]/g, ' ') || 'Sheet',
		{ views: [{ state: 'frozen', ySplit: 1 }] }
	);
	ws.columns = sheet.columns.map((c) => ({
		header: clean(c.header),
		width: c.width ?? (c.kind === 'date' ? 12 : c.kind === 'datetime' ? 17 : c.kind === 'number' ? 10 : 30),
		style: { font: FONT, ...(c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.kind === 'datetime' ? { numFmt: 'yyyy-mm-dd hh:mm' } : {}) }
	}));
	for (const row of sheet.rows) {
		ws.addRow(
			row.map((v) => {
				if (v instanceof Date) {
					// Excel has no time zones: the cell holds Bangkok's wall-clock time, as the page shows it.
					return bangkokWallClock(v);
				}
				return typeof v === 'string' ? defused(clean(v)) : v;
			})
		);
	}
	const header = ws.getRow(1);
	header.font = { ...FONT, bold: true };
	header.alignment = { vertical: 'middle' };
	ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, sheet.columns.length) } };
	return new Uint8Array(await book.xlsx.writeBuffer());
}

export async function spreadsheetFile(sheet: Sheet, format: SpreadsheetFormat): Promise<SpreadsheetFile> {
	return format === 'csv'
		? { filename: `${sheet.name}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(sheet) }
		: { filename: `${sheet.name}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await toXlsx(sheet) };
}

/** A date column's value from a `YYYY-MM-DD` string: midnight UTC, so the date never shifts. */
export const dateOnly = (ymd: string | null | undefined): Date | null => (ymd ? new Date(`${ymd}T00:00:00Z`) : null);

import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { COLUMNS, ENTITIES, SHEET_NAMES, norm, type Entity } from './columns';
import { parseCsv } from './csv';

export const MAX_BYTES = 5 * 1024 * 1024;
export const MAX_ROWS = 5000;
/** What 5,000 rows of the template unpack to is a few MB; a workbook declaring far more is a zip bomb, not a network. */
const MAX_UNPACKED = 64 * 1024 * 1024;

/** The sizes the workbook's zip declares, read from its directory without unpacking anything. */
function unpackedSize(bytes: Uint8Array): number | null {
	let total = 0;
	try {
		unzipSync(bytes, { filter: (f) => ((total += f.originalSize), false) });
	} catch {
		return null;
	}
	return total;
}

/** One data row: its number as the spreadsheet shows it, and its cells by column key. */
export interface SheetRow {
	row: number;
	values: Record<string, string>;
	formula?: string;
}
export interface Sheet {
	entity: Entity;
	rows: SheetRow[];
}

export type ReadResult =
	{ ok: true; sheets: Sheet[]; encoding: string } | { ok: false; error: 'too_large' | 'too_many_rows' | 'unreadable' | 'no_sheet' | 'empty' };

/**
 * Text of a CSV file. Excel saves "CSV UTF-8" with a BOM and plain "CSV" in
 * the machine's code page, which on Thai Windows is Windows-874 (TIS-620 plus
 * a few punctuation marks): bytes that are not valid UTF-8 are read as that.
 * Node's full ICU (the default build since Node 13) decodes it natively.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		return { text: new TextDecoder('windows-874').decode(bytes), encoding: 'windows-874' };
	}
}

/** Which sheet a header row belongs to: the one whose required columns are all there and that recognises the most. */
function recognise(headers: string[], hint?: Entity): { entity: Entity; keys: (string | null)[] } | null {
	let best: { entity: Entity; keys: (string | null)[]; score: number } | null = null;
	for (const entity of hint ? [hint] : ENTITIES) {
		const keys = headers.map((h) => {
			const n = norm(h.replace(/\*/g, ''));
			return COLUMNS[entity].find((c) => norm(c.th) === n || norm(c.en) === n || c.key === n)?.key ?? null;
		});
		const found = new Set(keys.filter(Boolean));
		if (!COLUMNS[entity].every((c) => !c.required || found.has(c.key))) continue;
		if (entity === 'people' && !found.has('username') && !found.has('email')) continue;
		if (!best || found.size > best.score) best = { entity, keys, score: found.size };
	}
	return best && { entity: best.entity, keys: best.keys };
}

function toSheet(grid: { row: number; cells: string[]; formula?: string }[], hint?: Entity): Sheet | null {
	const first = grid.findIndex((r) => r.cells.some((c) => c.trim()));
	if (first < 0) return null;
	const found = recognise(grid[first]!.cells, hint);
	if (!found) return null;
	const rows: SheetRow[] = [];
	for (const r of grid.slice(first + 1)) {
		if (!r.cells.some((c) => c.trim())) continue;
		const values: Record<string, string> = {};
		found.keys.forEach((k, i) => {
			if (k && !(k in values)) values[k] = r.cells[i] ?? '';
		});
		rows.push({ row: r.row, values, formula: r.formula });
	}
	return { entity: found.entity, rows };
}

/** A cell as text: the value an office sees, never a formula. */
function cellText(value: ExcelJS.CellValue): { text: string; formula?: boolean } {
	if (value === null || value === undefined) return { text: '' };
	if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
	if (typeof value === 'object') {
		if ('formula' in value || 'sharedFormula' in value) {
			const result = (value as ExcelJS.CellFormulaValue).result;
			if (result === undefined || result === null || (typeof result === 'object' && !(result instanceof Date))) return { text: '', formula: true };
			return cellText(result as ExcelJS.CellValue);
		}
		if ('richText' in value) return { text: value.richText.map((t) => t.text).join('') };
		if ('text' in value) return { text: String(value.text) };
		if ('error' in value) return { text: '', formula: true };
		return { text: '' };
	}
	return { text: String(value) };
}

async function readWorkbook(bytes: Uint8Array): Promise<Sheet[] | null> {
	const book = new ExcelJS.Workbook();
	try {
		await book.xlsx.load(bytes as unknown as ArrayBuffer);
	} catch {
		return null;
	}
	const sheets: Sheet[] = [];
	for (const ws of book.worksheets) {
		if (ws.state !== 'visible') continue; // hidden sheets are not what the office sees
		const name = norm(ws.name);
		const hint = ENTITIES.find((e) => norm(SHEET_NAMES[e].th) === name || norm(SHEET_NAMES[e].en) === name);
		const grid: { row: number; cells: string[]; formula?: string }[] = [];
		ws.eachRow({ includeEmpty: false }, (row) => {
			const cells: string[] = [];
			let formula: string | undefined;
			for (let c = 1; c <= row.cellCount; c++) {
				const t = cellText(row.getCell(c).value);
				if (t.formula) formula ??= row.getCell(c).address;
				cells.push(t.text);
			}
			grid.push({ row: row.number, cells, formula });
		});
		const sheet = toSheet(grid, hint) ?? (hint ? null : toSheet(grid));
		if (sheet) sheets.push(sheet);
	}
	return sheets;
}

/** The sheets of an uploaded CSV or XLSX file, within the limits, or why not. */
export async function readUpload(bytes: Uint8Array): Promise<ReadResult> {
	if (bytes.byteLength > MAX_BYTES) return { ok: false, error: 'too_large' };
	if (bytes.byteLength === 0) return { ok: false, error: 'empty' };
	const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
	let sheets: Sheet[];
	let encoding = 'xlsx';
	if (isZip) {
		const unpacked = unpackedSize(bytes);
		if (unpacked === null) return { ok: false, error: 'unreadable' };
		if (unpacked > MAX_UNPACKED) return { ok: false, error: 'too_large' };
		const read = await readWorkbook(bytes);
		if (!read) return { ok: false, error: 'unreadable' };
		sheets = read;
	} else {
		const decoded = decodeText(bytes);
		encoding = decoded.encoding;
		const records = parseCsv(decoded.text);
		if (records.length > MAX_ROWS + 1) return { ok: false, error: 'too_many_rows' };
		const sheet = toSheet(records.map((cells, i) => ({ row: i + 1, cells })));
		sheets = sheet ? [sheet] : [];
	}
	if (!sheets.length) return { ok: false, error: 'no_sheet' };
	if (sheets.reduce((n, s) => n + s.rows.length, 0) > MAX_ROWS) return { ok: false, error: 'too_many_rows' };
	return { ok: true, sheets, encoding };
}

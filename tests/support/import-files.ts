import ExcelJS from 'exceljs';
import { COLUMNS, SHEET_NAMES, type Entity } from '../../server/network-import/columns';
import { writeCsv } from '../../server/network-import/csv';

export type Rows = Record<string, string>[];

/** A CSV of one sheet with the template's Thai headers (or English with `english`). */
export function csvText(entity: Entity, rows: Rows, o: { english?: boolean } = {}): string {
	const cols = COLUMNS[entity];
	return writeCsv([cols.map((c) => (o.english ? c.en : c.th)), ...rows.map((r) => cols.map((c) => r[c.key] ?? ''))]).replace(/^\ufeff/, '');
}

export const utf8 = (text: string) => new TextEncoder().encode(text);
export const utf8Bom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);

/** What older Thai Excel writes: Thai letters U+0E01–U+0E5B as the single bytes 0xA1–0xFB. */
export function windows874(text: string): Uint8Array {
	return new Uint8Array(
		[...text].map((ch) => {
			const c = ch.charCodeAt(0);
			if (c < 0x80) return c;
			if (c >= 0x0e01 && c <= 0x0e5b) return c - 0x0e01 + 0xa1;
			throw new Error(`not in Windows-874: ${ch}`);
		})
	);
}

/** A workbook with the template's sheets; `cells` overrides single cells (e.g. a formula) by address on a sheet. */
export async function workbook(
	sheets: Partial<Record<Entity, Rows>>,
	o: { cells?: { entity: Entity; address: string; value: ExcelJS.CellValue }[]; hidden?: Partial<Record<Entity, Rows>> } = {}
): Promise<Uint8Array> {
	const book = new ExcelJS.Workbook();
	const add = (entity: Entity, rows: Rows, name: string, hidden: boolean) => {
		const ws = book.addWorksheet(name, { state: hidden ? 'hidden' : 'visible' });
		ws.addRow(COLUMNS[entity].map((c) => c.th));
		for (const r of rows) ws.addRow(COLUMNS[entity].map((c) => r[c.key] ?? ''));
		for (const c of o.cells ?? []) if (c.entity === entity && !hidden) ws.getCell(c.address).value = c.value;
	};
	for (const [entity, rows] of Object.entries(sheets) as [Entity, Rows][]) add(entity, rows, SHEET_NAMES[entity].th, false);
	for (const [entity, rows] of Object.entries(o.hidden ?? {}) as [Entity, Rows][]) add(entity, rows, `${SHEET_NAMES[entity].en} (old)`, true);
	return new Uint8Array(await book.xlsx.writeBuffer());
}

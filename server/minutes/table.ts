import type { PMNode } from '../rich-text/prosemirror';

/**
 * A table of minutes content as a grid, for the renderers that draw tables
 * themselves (PDF, DOCX, Markdown). Pure.
 */

export interface GridCell {
	content: PMNode[];
	header: boolean;
	/** First grid column the cell covers. */
	column: number;
	colspan: number;
	rowspan: number;
}

/** A slot of a row that a cell from a row above still covers. */
export interface Continued {
	column: number;
	colspan: number;
	/** The covering cell's last row. */
	last: boolean;
}

export interface Grid {
	columns: number;
	rows: GridCell[][];
	/** For each row, the slots covered from above. */
	continued: Continued[][];
	/** How many rows at the top hold only header cells: they repeat on each new page. */
	headerRows: number;
}

const span = (value: unknown) => Math.max(1, Math.min(50, Math.floor(Number(value)) || 1));

/** Places each cell in its grid columns, skipping slots that a cell above still covers (rowspan). */
export function tableGrid(table: PMNode): Grid {
	const covered: Set<number>[] = [];
	const rows: GridCell[][] = [];
	const continued: Continued[][] = (table.content ?? []).map(() => []);
	let columns = 0;
	(table.content ?? []).forEach((row, r) => {
		const taken = (covered[r] ??= new Set());
		const cells: GridCell[] = [];
		let column = 0;
		for (const cell of row.content ?? []) {
			while (taken.has(column)) column++;
			const colspan = span(cell.attrs?.colspan);
			const rowspan = Math.min(span(cell.attrs?.rowspan), (table.content ?? []).length - r);
			for (let dr = 0; dr < rowspan; dr++) for (let dc = 0; dc < colspan; dc++) (covered[r + dr] ??= new Set()).add(column + dc);
			for (let dr = 1; dr < rowspan; dr++) continued[r + dr]!.push({ column, colspan, last: dr === rowspan - 1 });
			cells.push({ content: cell.content ?? [], header: cell.type === 'tableHeader', column, colspan, rowspan });
			column += colspan;
		}
		columns = Math.max(columns, column);
		rows.push(cells);
	});
	for (const set of covered) for (const c of set ?? []) columns = Math.max(columns, c + 1);
	let headerRows = 0;
	while (headerRows < rows.length - 1 && rows[headerRows]!.length && rows[headerRows]!.every((c) => c.header && c.rowspan === 1)) headerRows++;
	for (const list of continued) list.sort((a, b) => a.column - b.column);
	return { columns, rows, continued, headerRows };
}

/** How wide a column's content would like to be: `min` its widest unbreakable word, `max` its longest line. */
export interface WidthRange {
	min: number;
	max: number;
}

/**
 * Column widths that fill `available`. When not every column can take its
 * longest line, the columns that can within an even share get it (a number,
 * a date, a name stays on one line), and the others share what is left: each
 * at least its widest word where that fits, the rest in proportion to how
 * much more it would take to set its text on one line.
 */
export function columnWidths(ranges: WidthRange[], available: number): number[] {
	const n = ranges.length;
	if (!n) return [];
	const min = ranges.map((r) => Math.max(0, r.min));
	const max = ranges.map((r, i) => Math.max(min[i]!, r.max));
	const sum = (list: number[], of: number[]) => list.reduce((a, i) => a + of[i]!, 0);
	const all = ranges.map((_, i) => i);
	const evenly = (list: number[], room: number, weight: number[]) => {
		const total = sum(list, weight);
		return new Map(list.map((i) => [i, total > 0 ? (weight[i]! / total) * room : room / list.length]));
	};
	// Everything fits on one line: widen each column in proportion to its text.
	if (sum(all, max) <= available) return [...evenly(all, available, max).values()];
	const widths: number[] = new Array(n).fill(0);
	let open = all;
	let room = available;
	for (;;) {
		const share = room / open.length;
		const short = open.filter((i) => max[i]! <= share);
		if (!short.length || short.length === open.length) break;
		for (const i of short) widths[i] = max[i]!;
		room -= sum(short, max);
		open = open.filter((i) => !short.includes(i));
	}
	const sumMin = sum(open, min);
	const rest =
		sumMin >= room
			? evenly(open, room, min)
			: new Map(
					open.map((i) => [
						i,
						min[i]! +
							(evenly(
								open,
								room - sumMin,
								max.map((w, j) => w - min[j]!)
							).get(i) ?? 0)
					])
				);
	for (const [i, w] of rest) widths[i] = w;
	return widths;
}

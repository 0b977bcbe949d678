/**
 * Records of a CSV text (RFC 4180: quoted fields, doubled quotes, line breaks
 * inside quotes). The separator is the one the header line uses most: Excel
 * writes a semicolon or a tab where the locale's list separator says so.
 */
export function parseCsv(text: string): string[][] {
	const firstLine = text.slice(0, text.search(/\r?\n|$/));
	const counts = [',', ';', '\t'].map((s) => [s, firstLine.split(s).length] as const);
	const sep = counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
	const records: string[][] = [];
	let field = '';
	let record: string[] = [];
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i++;
				} else quoted = false;
			} else field += ch;
		} else if (ch === '"' && field === '') quoted = true;
		else if (ch === sep) {
			record.push(field);
			field = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			record.push(field);
			records.push(record);
			record = [];
			field = '';
		} else field += ch;
	}
	if (field !== '' || record.length) {
		record.push(field);
		records.push(record);
	}
	return records;
}

/** A CSV text Excel opens as UTF-8 (with a BOM); a cell that would start a formula is prefixed so it stays text. */
export function writeCsv(rows: string[][]): string {
	const cell = (v: string) => {
		const safe = /^(=|@|[+-][^0-9\s])/.test(v) ? `'${v}` : v;
		return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
	};
	return '\ufeff' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

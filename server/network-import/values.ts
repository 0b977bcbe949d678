import { fromBuddhistYear, toBuddhistYear } from '../../src/lib/calendar';

/** Thai digits (๐–๙), which Thai offices type in dates and telephone numbers, as ASCII digits. */
export function asciiDigits(s: string): string {
	return s.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
}

const THAI_MONTHS = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];
const THAI_MONTHS_SHORT = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];

/**
 * A year as written: a Buddhist-era year (2400 and later) is 543 ahead of
 * the Gregorian one. Two-digit years are refused: "69" is 2569 to one office
 * and 1969 to another's Excel.
 */
function gregorianYear(y: number): number | null {
	if (y >= 2400) return fromBuddhistYear(y);
	if (y >= 1900 && y < 2400) return y;
	return null;
}

function iso(y: number, m: number, d: number): string | null {
	const year = gregorianYear(y);
	if (year === null || m < 1 || m > 12 || d < 1 || d > 31) return null;
	const s = `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
	const t = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === s ? s : null;
}

/**
 * A date as Thai offices write it: `1/10/2569` (day first, Buddhist era),
 * `1/10/2026`, `2026-10-01`, `2569-10-01`, `1 ต.ค. 2569`, `1 ตุลาคม 2569`,
 * with Thai or ASCII digits. Returns `YYYY-MM-DD` (Gregorian) or null.
 */
export function parseDate(raw: string): string | null {
	const s = asciiDigits(raw).normalize('NFC').trim().replace(/\s+/g, ' ');
	let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
	if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
	m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
	if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
	m = /^(\d{1,2}) ?(\S+?) ?(\d{4})$/.exec(s);
	if (m) {
		const word = m[2] ?? '';
		const month = THAI_MONTHS.indexOf(word) + 1 || THAI_MONTHS_SHORT.indexOf(word) + 1 || THAI_MONTHS_SHORT.indexOf(`${word}.`) + 1;
		if (month) return iso(Number(m[3]), month, Number(m[1]));
	}
	return null;
}

/** A date written back into a template: day/month/Buddhist year, as the office reads it. */
export function formatDateBE(isoDate: string): string {
	const [y = 0, m = 0, d = 0] = isoDate.split('-').map(Number);
	return `${d}/${m}/${toBuddhistYear(y)}`;
}

export function addDays(isoDate: string, days: number): string {
	return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

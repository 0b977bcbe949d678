// Shared by both engines (and the embedded engine's thread, which loads plain
// JavaScript): the same JavaScript types come back whichever engine answers.

const INT8 = 20;
const DATE = 1082;

/**
 * Counts as numbers, and SQL `date` as the plain `YYYY-MM-DD` string (never a
 * Date shifted by a time zone).
 * @type {Record<number, (value: string) => unknown>}
 */
export const parsers = {
	[INT8]: (value) => Number(value),
	[DATE]: (value) => value
};

/** Small `unknown → value` checks for form input; each returns a value or an error code. */

import { safeHref } from '../src/lib/safe-url';
import { isUuid } from '../src/lib/uuid';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = <T>(error: string): Checked<T> => ({ ok: false, error });

/**
 * C0 and C1 control characters and DEL. Pasted from PDFs and old Word files
 * they are invisible on screen but break exports, CSV and search, and a bare
 * carriage return or escape can rewrite what a terminal shows of the logs.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, less tab and newline: what multi-line text may hold. */
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL_IN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/**
 * Trimmed text; `required` rejects empty, `max` counts characters. Control
 * characters are refused (`control_character`) except newlines and tabs,
 * which text may hold (a browser's CRLF becomes LF); a `line` holds neither.
 */
export function text(value: unknown, opts: { required?: boolean; max: number; min?: number; singleLine?: boolean }): Checked<string> {
	if (value !== undefined && value !== null && typeof value !== 'string') return bad('invalid');
	const v = (value ?? '').normalize('NFC').replace(/\r\n?/g, '\n').trim();
	if (!v) return opts.required ? bad('required') : ok('');
	if ((opts.singleLine ? CONTROL : CONTROL_IN_LINES).test(v)) return bad('control_character');
	const length = [...v].length;
	if (opts.min && length < opts.min) return bad('too_short');
	if (length > opts.max) return bad('too_long');
	return ok(v);
}

/** One line of text (a title, a name, a place): `text` without newlines or tabs. */
export const line = (value: unknown, opts: { required?: boolean; max: number; min?: number }) => text(value, { ...opts, singleLine: true });

export function username(value: unknown): Checked<string> {
	const t = text(value, { required: true, max: 64, min: 3 });
	if (!t.ok) return t;
	return /^[a-z0-9][a-z0-9._-]*$/i.test(t.value) ? ok(t.value.toLowerCase()) : bad('invalid');
}

export function email(value: unknown): Checked<string | null> {
	const t = text(value, { max: 254 });
	if (!t.ok) return t;
	if (!t.value) return ok(null);
	return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t.value) ? ok(t.value.toLowerCase()) : bad('invalid');
}

export function phone(value: unknown): Checked<string | null> {
	const t = text(value, { max: 32 });
	if (!t.ok) return t;
	if (!t.value) return ok(null);
	return /^[+0-9][0-9 ()-]{5,30}$/.test(t.value) ? ok(t.value) : bad('invalid');
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[]): Checked<T> {
	return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? ok(value as T) : bad('invalid');
}

export function uuid(value: unknown): Checked<string> {
	return typeof value === 'string' && isUuid(value) ? ok(value.toLowerCase()) : bad('invalid');
}

/**
 * A link typed into a form, normalised as the browser would follow it, or null
 * when left empty. Only the schemes in `schemes` (http and https by default;
 * mailto where an address makes sense) are taken: a `javascript:`, `data:` or
 * relative link is refused as `unsafe_link`, so the form can say which links
 * it takes.
 */
export function link(value: unknown, opts: { max?: number; schemes?: readonly ('http:' | 'https:' | 'mailto:')[] } = {}): Checked<string | null> {
	const t = text(value, { max: opts.max ?? 2000 });
	if (!t.ok) return t;
	if (!t.value) return ok(null);
	if (/\s/.test(t.value)) return bad('unsafe_link');
	const href = safeHref(t.value);
	if (!href || !(opts.schemes ?? ['http:', 'https:']).includes(new URL(href).protocol as 'http:')) return bad('unsafe_link');
	return ok(href);
}

/** A calendar date `YYYY-MM-DD` that exists. */
export function date(value: unknown): Checked<string> {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return bad('invalid');
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? ok(value) : bad('invalid');
}

/** Collects the errors of several checks; `values` is complete only when `errors` is empty. */
export function collect<T extends Record<string, Checked<unknown>>>(
	checks: T
): { values: { [K in keyof T]: T[K] extends Checked<infer V> ? V : never }; errors: Partial<Record<keyof T, string>> } {
	const values: Record<string, unknown> = {};
	const errors: Record<string, string> = {};
	for (const [k, c] of Object.entries(checks)) {
		if (c.ok) values[k] = c.value;
		else errors[k] = c.error;
	}
	return { values, errors } as never;
}

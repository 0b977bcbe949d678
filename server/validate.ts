/**
 * The building blocks of every service's input schema. A service declares its
 * input once, as a valibot object of these fields, and that one schema gives
 * the input and output types (`v.InferInput`, `v.InferOutput`), the server's
 * check (`parse`), and the error codes its form shows: an issue's message is
 * the code (`invalid`, `required`, `too_short`, `too_long`,
 * `control_character`, `unsafe_link`, …), one per field, the first it fails.
 * The live meeting document's projection checks the fields it shares with a
 * form against the same schemas (`is`), so the two cannot disagree.
 *
 * Why valibot: each schema and check is a function of its own, so a bundle
 * carries only those it imports (the whole library is a few kB); the types
 * come from the schema, with no code generation; it has no dependencies, is
 * maintained, with a stable 1.x API, and Paraglide already brings it in.
 */

import * as v from 'valibot';
import { safeHref } from '../src/lib/safe-url';
import { isUuid } from '../src/lib/uuid';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** One field: takes whatever a form or a caller sent, gives `T` or an error code. */
export type Field<T> = v.GenericSchema<unknown, T>;
/** A field that may be left out; it says what an empty field becomes. */
export type OptionalField<T> = v.NullishSchema<Field<T>, T>;

/** The first failed check of a field is its error; a failure without a code of its own is `invalid`. */
const CONFIG = { abortPipeEarly: true, message: 'invalid' } as const;

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

/** Characters as a reader counts them: code points, not UTF-16 units. */
const length = (s: string) => [...s].length;

export type TextOptions = { required?: boolean; max: number; min?: number; singleLine?: boolean };

/**
 * Trimmed text, `''` when left empty; `required` rejects empty, `max` counts
 * characters. Control characters are refused (`control_character`) except
 * newlines and tabs, which text may hold (a browser's CRLF becomes LF); a
 * `line` holds neither.
 */
export function text(opts: TextOptions & { required: true }): Field<string>;
export function text(opts: TextOptions): OptionalField<string>;
export function text(opts: TextOptions): OptionalField<string> {
	const core: Field<string> = v.pipe(
		v.string('invalid'),
		v.transform((s) => s.normalize('NFC').replace(/\r\n?/g, '\n').trim()),
		v.check((s) => !!s || !opts.required, 'required'),
		v.check((s) => !(opts.singleLine ? CONTROL : CONTROL_IN_LINES).test(s), 'control_character'),
		v.check((s) => !s || !opts.min || length(s) >= opts.min, 'too_short'),
		v.check((s) => length(s) <= opts.max, 'too_long')
	);
	return v.nullish(core, '' as string);
}

/** One line of text (a title, a name, a place): `text` without newlines or tabs. */
export function line(opts: Omit<TextOptions, 'singleLine'> & { required: true }): Field<string>;
export function line(opts: Omit<TextOptions, 'singleLine'>): OptionalField<string>;
export function line(opts: Omit<TextOptions, 'singleLine'>): OptionalField<string> {
	return text({ ...opts, singleLine: true });
}

export const username: Field<string> = v.pipe(text({ required: true, max: 64, min: 3 }), v.regex(/^[a-z0-9][a-z0-9._-]*$/i, 'invalid'), v.toLowerCase());

/** Text that is `null` rather than `''` when left empty, and otherwise passes `valid` (else `code`) and becomes `out`. */
function orNull(max: number, valid: (s: string) => boolean, code: string, out: (s: string) => string = (s) => s): OptionalField<string | null> {
	const core: Field<string | null> = v.pipe(
		text({ max }),
		v.check((s) => !s || valid(s), code),
		v.transform((s) => (s ? out(s) : null))
	);
	return v.nullish(core, null);
}

export const email = orNull(
	254,
	(s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s),
	'invalid',
	(s) => s.toLowerCase()
);

export const phone = orNull(32, (s) => /^[+0-9][0-9 ()-]{5,30}$/.test(s), 'invalid');

export const oneOf = <const T extends string>(allowed: readonly T[]): Field<T> => v.picklist(allowed, 'invalid');

/** A UUID in either case (`src/lib/uuid.ts`, as the `[id=uuid]` routes take it), stored and compared in lower case. */
export const uuid: Field<string> = v.pipe(v.string('invalid'), v.check(isUuid, 'invalid'), v.toLowerCase());

/**
 * A link typed into a form, normalised as the browser would follow it, or null
 * when left empty. Only the schemes in `schemes` (http and https by default;
 * mailto where an address makes sense) are taken: a `javascript:`, `data:` or
 * relative link is refused as `unsafe_link`, so the form can say which links
 * it takes.
 */
export function link(opts: { max?: number; schemes?: readonly ('http:' | 'https:' | 'mailto:')[] } = {}): OptionalField<string | null> {
	const schemes: readonly string[] = opts.schemes ?? ['http:', 'https:'];
	const href = (s: string) => (/\s/.test(s) ? null : safeHref(s));
	return orNull(
		opts.max ?? 2000,
		(s) => {
			const h = href(s);
			return !!h && schemes.includes(new URL(h).protocol);
		},
		'unsafe_link',
		(s) => href(s)!
	);
}

/** A calendar date `YYYY-MM-DD` that exists. */
export const date: Field<string> = v.pipe(
	v.string('invalid'),
	v.regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid'),
	v.check((s) => {
		const d = new Date(`${s}T00:00:00Z`);
		return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
	}, 'invalid')
);

/** Whether a field was filled in at all: not missing, null or `''`. */
export const given = (x: unknown) => x !== undefined && x !== null && x !== '';

/**
 * `field`, or `fallback` when the field is left empty: missing, null or `''`
 * (`v.nullish` alone would check `''`). A function as fallback is called when
 * needed, for a default such as today; a fallback other than null is checked
 * by `field` like a value sent.
 */
export function optional<T, const D extends T | null>(field: Field<T>, fallback: D | (() => D)): OptionalField<T | D> {
	const core: Field<T | D> = v.pipe(
		v.unknown(),
		v.transform((x) => (given(x) ? x : null)),
		v.nullish(field, fallback as never)
	);
	return v.nullish(core, fallback as never);
}

/** A field that must be filled in: left empty (missing, null or `''`) it is `required`, otherwise it is checked by `field`. */
export const required = <T>(field: Field<T>): Field<T> => v.pipe(v.unknown(), v.check(given, 'required'), field);

/** A field whose check is code of its own (parsing a rich-text document, say): `fn` gives the value or an error code. */
export function checkedBy<T>(fn: (value: unknown) => Checked<T>): Field<T> {
	return v.pipe(
		v.unknown(),
		v.rawTransform(({ dataset, addIssue, NEVER }) => {
			const r = fn(dataset.value);
			if (r.ok) return r.value;
			addIssue({ message: r.error });
			return NEVER;
		})
	);
}

/** `field`, or `undefined` when the value is missing or does not pass: a filter in a query string that does not parse is simply not applied. */
export const lenient = <T>(field: Field<T>) => v.fallback(v.optional(field), undefined);

/** One value checked on its own: the value, or its first error code. */
export function check<T>(field: Field<T>, value: unknown): Checked<T> {
	const r = v.safeParse(field, value, CONFIG);
	return r.success ? { ok: true, value: r.output } : { ok: false, error: r.issues[0].message };
}

/** Whether `value` passes `field` (an id from a query string, say) without asking why not. */
export const is = (field: Field<unknown>, value: unknown) => v.safeParse(field, value, CONFIG).success;

export type Parsed<S extends v.GenericSchema> = { values: v.InferOutput<S>; errors: Partial<Record<keyof v.InferOutput<S>, string>> };

/**
 * Checks an input against its schema: `errors` holds each failed field's first
 * error code, and `values` the fields that passed. `values` is complete only
 * when `errors` is empty, so rules across fields can still read what passed.
 */
export function parse<S extends v.GenericSchema<unknown, object>>(schema: S, input: unknown): Parsed<S> {
	// A field left out is checked as sent empty (a form leaves out an unticked box): a required one is `required`.
	const entries = 'entries' in schema ? (schema.entries as Record<string, unknown>) : {};
	if (input && typeof input === 'object') input = { ...Object.fromEntries(Object.keys(entries).map((k) => [k, undefined])), ...input };
	const r = v.safeParse(schema, input, CONFIG);
	if (r.success) return { values: r.output, errors: {} } as Parsed<S>;
	const flat = v.flatten(r.issues);
	// An input that is not an object at all is the caller's mistake, not the person's.
	if (flat.root || flat.other) throw new TypeError(`input does not fit its schema: ${[...(flat.root ?? []), ...(flat.other ?? [])].join(', ')}`);
	const errors: Record<string, string> = {};
	for (const [key, messages] of Object.entries(flat.nested ?? {})) if (messages?.[0]) errors[key.split('.')[0]!] ??= messages[0];
	const values: Record<string, unknown> = r.output && typeof r.output === 'object' ? { ...r.output } : {};
	for (const key of Object.keys(errors)) delete values[key];
	return { values, errors } as Parsed<S>;
}

// The embedded engine's thread. PGlite runs PostgreSQL compiled to WebAssembly
// and executes every statement synchronously on the thread that calls it; here
// that is this worker, so the main thread keeps reading sockets and rendering
// pages while a statement runs. Plain JavaScript: it is loaded as it is, by
// Node, in development, tests and the built server alike.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';
import { parsers } from './types.js';

/** @typedef {{ id: number, sql: string, params: unknown[] }} Query */
/** @typedef {{ type: 'close' }} Close */

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

/**
 * A thrown value as a plain object that survives postMessage: the message and
 * every scalar field PostgreSQL reports (code, detail, constraint, ...).
 * @param {unknown} error
 */
function plain(error) {
	if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
	/** @type {Record<string, string | number | boolean>} */
	const out = { name: error.name, message: error.message };
	for (const [key, value] of Object.entries(error)) {
		if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
	}
	return out;
}

/*
 * PGlite copies its table of result parsers, which holds one for every array
 * type in the catalogue (over 300), for every statement: about 100 µs each
 * time, more than a small statement itself takes. The engine keeps a short
 * table: the base types it parses anyway, this project's own parsers, and the
 * arrays read here. An array of any other type comes back as text from the
 * engine and is parsed here with the full table, so every result is what it
 * would have been.
 */
const COMMON_ARRAYS = [
	1000, // boolean[]
	1005, // smallint[]
	1007, // integer[]
	1009, // text[]
	1015, // varchar[]
	1016, // bigint[]
	1021, // real[]
	1022, // double precision[]
	1182, // date[]
	1115, // timestamp[]
	1185, // timestamptz[]
	2951, // uuid[]
	199, // json[]
	3807 // jsonb[]
];

/** @typedef {(value: string, oid?: number) => unknown} Parser */

/**
 * Gives the engine the short table; returns the parsers left out of it.
 * @param {PGlite} pglite
 * @returns {Map<number, Parser>}
 */
function shortenParsers(pglite) {
	const full = /** @type {Record<number, Parser>} */ (pglite.parsers);
	const base = Object.keys(types.parsers).map(Number).filter(Number.isInteger);
	const kept = new Set([...base, ...Object.keys(parsers).map(Number), ...COMMON_ARRAYS]);
	/** @type {Record<number, Parser>} */
	const short = {};
	/** @type {Map<number, Parser>} */
	const left = new Map();
	for (const [key, parse] of Object.entries(full)) {
		const oid = Number(key);
		if (!Number.isInteger(oid)) continue;
		if (kept.has(oid)) short[oid] = parse;
		else left.set(oid, parse);
	}
	pglite.parsers = short;
	return left;
}

/**
 * Parses the columns of types outside the short table, as PGlite would have.
 * Where two columns share a name, the row holds the last one.
 * @param {{ rows: Record<string, unknown>[], fields: { name: string, dataTypeID: number }[] }} result
 * @param {Map<number, Parser>} left
 */
function parseLeftOut(result, left) {
	/** @type {[string, Parser, number][]} */
	const late = [];
	result.fields.forEach((field, i) => {
		const parse = left.get(field.dataTypeID);
		if (parse && result.fields.findLastIndex((f) => f.name === field.name) === i) late.push([field.name, parse, field.dataTypeID]);
	});
	if (!late.length) return;
	for (const row of result.rows) {
		for (const [name, parse, oid] of late) if (typeof row[name] === 'string') row[name] = parse(row[name], oid);
	}
}

/** @type {Map<number, Parser>} */
let leftOut = new Map();
const opening = PGlite.create(workerData.dataDir, { parsers }).then((pglite) => {
	leftOut = shortenParsers(pglite);
	return pglite;
});
opening.then(
	() => port.postMessage({ type: 'ready' }),
	(error) => port.postMessage({ type: 'failed', error: plain(error) })
);

port.on('message', async (/** @type {Query | Close} */ message) => {
	if ('type' in message) {
		const pglite = await opening.catch(() => null);
		await pglite?.close();
		port.postMessage({ type: 'closed' });
		port.close();
		return;
	}
	try {
		const pglite = await opening;
		// PGlite runs queries one after another in the order they arrive.
		// A statement without parameters goes as one simple-protocol message
		// instead of five extended-protocol ones, as node-postgres does too.
		const result = message.params.length ? await pglite.query(message.sql, message.params) : (await pglite.exec(message.sql)).at(-1);
		if (!result) throw new Error('the statement was empty');
		parseLeftOut(/** @type {any} */ (result), leftOut);
		port.postMessage({ id: message.id, rows: result.rows, affectedRows: result.affectedRows ?? 0 });
	} catch (error) {
		port.postMessage({ id: message.id, error: plain(error) });
	}
});

// The embedded engine's thread. PGlite runs PostgreSQL compiled to WebAssembly
// and executes every statement synchronously on the thread that calls it; here
// that is this worker, so the main thread keeps reading sockets and rendering
// pages while a statement runs. Plain JavaScript: it is loaded as it is, by
// Node, in development, tests and the built server alike.
import { parentPort, workerData } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { parsers } from './types.js';

/** @typedef {{ id: number, sql: string, params: unknown[] }} Query */
/** @typedef {{ type: 'close' }} Close */
/** @typedef {{ type: 'archive', id: number }} Archive */

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

/**
 * Why the engine did not open `dataDir`. PostgreSQL cannot read the files of
 * another major version, and PGlite then only says it "failed to initialize";
 * name both versions instead, so whoever runs the server knows what happened.
 * @param {string} dataDir
 * @param {unknown} error
 */
async function openingFailure(dataDir, error) {
	if (dataDir.includes('://')) return error;
	let made;
	try {
		made = (await readFile(join(dataDir, 'PG_VERSION'), 'utf8')).trim();
	} catch {
		return error;
	}
	let embedded;
	try {
		const probe = await PGlite.create('memory://');
		const { rows } = await probe.query("select current_setting('server_version_num')::int / 10000 as major");
		await probe.close();
		embedded = String(/** @type {{ major: number }[]} */ (rows)[0]?.major);
	} catch {
		return error;
	}
	if (made === embedded) return error;
	return new Error(
		`The embedded database in ${dataDir} was made by PostgreSQL ${made}; this Concord embeds PostgreSQL ${embedded}, ` +
			'which cannot open it (see "Runtime and versions" in the README). Nothing in it was changed.'
	);
}

/** The engine, on `dataDir`; on a copy of an archived data directory when `startFrom` names one (`archive` below). */
async function open() {
	/** @type {import('@electric-sql/pglite').PGliteOptions} */
	const options = { parsers };
	if (workerData.startFrom) options.loadDataDir = new Blob([await readFile(workerData.startFrom)]);
	return PGlite.create(workerData.dataDir, options);
}

const opening = open().catch(async (error) => {
	throw await openingFailure(workerData.dataDir, error);
});
opening.then(
	() => port.postMessage({ type: 'ready' }),
	(error) => port.postMessage({ type: 'failed', error: plain(error) })
);

port.on('message', async (/** @type {Query | Close | Archive} */ message) => {
	if ('type' in message && message.type === 'archive') {
		// The data directory as one uncompressed tar, for another engine to start from.
		try {
			const pglite = await opening;
			const bytes = new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
			port.postMessage({ id: message.id, archive: bytes }, [bytes.buffer]);
		} catch (error) {
			port.postMessage({ id: message.id, error: plain(error) });
		}
		return;
	}
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
		port.postMessage({ id: message.id, rows: result.rows, affectedRows: result.affectedRows ?? 0 });
	} catch (error) {
		port.postMessage({ id: message.id, error: plain(error) });
	}
});
